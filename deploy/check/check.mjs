#!/usr/bin/env node
// Usage: node check.mjs --repo <root> --crds <dir> [--examples <dir>]... <overlay dir>...
// Renders each kustomization, validates every document strictly, asserts the invariants, prints a summary,
// and exits 1 if anything failed.
import path from "node:path";
import { loadCrdValidators } from "./lib/schema.mjs";
import { checkKustomization, failed } from "./lib/check.mjs";

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
};
const repo = path.resolve(opt("--repo") ?? ".");
const crds = opt("--crds");
const examples = [];
for (let e = opt("--examples"); e !== undefined; e = opt("--examples")) examples.push(e);
if (!crds || args.length === 0) {
  console.error("usage: check.mjs --repo <root> --crds <dir> <kustomization dir>...");
  process.exit(2);
}
const crdValidators = loadCrdValidators(crds);
let bad = 0;
const rows = [];
const targets = [...args.map((dir) => ({ dir, examples: false })), ...examples.map((dir) => ({ dir, examples: true }))];
for (const { dir, examples } of targets) {
  const started = Date.now();
  const r = await checkKustomization(dir, { repo, crdValidators, examples });
  const name = path.relative(repo, path.resolve(dir));
  if (r.renderError) console.log(`FAIL ${name}: kubectl kustomize failed\n  ${r.renderError.replaceAll("\n", "\n  ")}`);
  for (const e of r.schemaErrors) console.log(`FAIL ${name}: [schema] ${e}`);
  for (const e of r.invariantFailures) console.log(`FAIL ${name}: ${e}`);
  for (const w of r.warnings) console.log(`WARN ${name}: ${w}`);
  if (failed(r)) bad++;
  rows.push(`  ${failed(r) ? "FAIL" : "ok  "} ${(name + (examples ? " (schema, tags, non-root)" : "")).padEnd(40)} ${String(r.documents).padStart(3)} documents, ` +
    `${r.schemaErrors.length} schema errors, ${r.invariantFailures.length} invariant failures, ${r.warnings.length} warnings ` +
    `(${((Date.now() - started) / 1000).toFixed(1)}s)`);
}
console.log("\nkustomizations:");
console.log(rows.join("\n"));
console.log(`kustomizations: ${targets.length - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
