// Renders a kustomization with the kubectl on PATH and parses the documents.
import { execFileSync } from "node:child_process";
import { parseAllDocuments } from "yaml";

export function render(dir) {
  const out = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
  return parse(out);
}

export function parse(text) {
  return parseAllDocuments(text).map((d) => {
    if (d.errors.length) throw new Error(d.errors.map((e) => e.message).join("; "));
    return d.toJS();
  }).filter((d) => d !== null);
}
