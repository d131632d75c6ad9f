// Unknown-field detection for core, KEDA and Prometheus Operator kinds. kubernetes-models' validate() checks required fields,
// types and enums but accepts any extra key, so a typo such as `replcas` would pass. This walks the
// TypeScript declarations the same package ships (lib/shapes.ts) and reports every key they do not declare.
import ts from "typescript";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
let cached;

function shapes() {
  if (cached) return cached;
  const file = path.join(here, "shapes.ts");
  const program = ts.createProgram([file], {
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    types: [],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  // An unresolved import would type a kind as `any` and let every field through: refuse to run instead.
  const diagnostics = ts.getPreEmitDiagnostics(program, source);
  if (diagnostics.length) {
    const text = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("\n");
    throw new Error(`lib/shapes.ts does not type-check:\n${text}`);
  }
  const decl = source.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === "Shapes");
  const root = checker.getTypeAtLocation(decl);
  const byKey = new Map();
  for (const prop of checker.getPropertiesOfType(root)) {
    const type = checker.getTypeOfSymbolAtLocation(prop, decl);
    if (checker.getPropertiesOfType(type).length < 2) throw new Error(`shape ${prop.getName()} has no declared fields`);
    byKey.set(prop.getName(), type);
  }
  cached = { checker, byKey, decl };
  return cached;
}

/** The keys this module can check, e.g. "apps/v1/Deployment". */
export function strictKinds() {
  return [...shapes().byKey.keys()];
}

/** Lists `path: unknown field` errors for `value` against the declared shape `key`; [] when clean. */
export function unknownFields(key, value, basePath = "") {
  const { checker, byKey, decl } = shapes();
  const type = byKey.get(key);
  if (!type) throw new Error(`no declared shape for ${key}`);
  const errors = [];
  walk(checker, decl, type, value, basePath, errors);
  return errors;
}

function objectMembers(type) {
  if (!type.isUnion()) return [type];
  return type.types.filter((t) => t.flags & ts.TypeFlags.Object);
}

function walk(checker, decl, type, value, at, errors) {
  if (value === null || typeof value !== "object") return;
  const candidates = objectMembers(checker.getNonNullableType(type));
  if (candidates.length !== 1) return; // a primitive, or a union we cannot narrow: types are validate()'s job
  const t = candidates[0];
  if (checker.isArrayType(t)) {
    if (!Array.isArray(value)) return;
    const element = checker.getTypeArguments(t)[0];
    value.forEach((v, i) => walk(checker, decl, element, v, `${at}[${i}]`, errors));
    return;
  }
  const indexType = t.getStringIndexType();
  if (indexType) {
    for (const [k, v] of Object.entries(value)) walk(checker, decl, indexType, v, `${at}.${k}`, errors);
    return;
  }
  const props = checker.getPropertiesOfType(t);
  if (props.length === 0) return;
  for (const [k, v] of Object.entries(value)) {
    const prop = t.getProperty(k);
    if (!prop) {
      errors.push(`${at ? at + "." : ""}${k}: unknown field`);
      continue;
    }
    walk(checker, decl, checker.getTypeOfSymbolAtLocation(prop, decl), v, at ? `${at}.${k}` : k, errors);
  }
}
