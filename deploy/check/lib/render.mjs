// Renders a kustomization with the kubectl on PATH and parses the documents.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { parseAllDocuments } from "yaml";

const run = promisify(execFile);

export async function render(dir) {
  const { stdout } = await run("kubectl", ["kustomize", dir], { encoding: "utf8", maxBuffer: 64 << 20 });
  return parse(stdout);
}

export function parse(text) {
  return parseAllDocuments(text).map((d) => {
    if (d.errors.length) throw new Error(d.errors.map((e) => e.message).join("; "));
    return d.toJS();
  }).filter((d) => d !== null);
}
