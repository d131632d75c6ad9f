// Strict schema validation of rendered documents:
// - core kinds: kubernetes-models' validate() (required fields, types, enums) plus strict.mjs (unknown fields);
// - KEDA: @kubernetes-models/keda, the same two ways;
// - Prometheus Operator (monitoring.coreos.com: PodMonitor, ServiceMonitor, PrometheusRule):
//   @kubernetes-models/prometheus-operator, generated from the operator's CRDs, the same two ways;
// - Strimzi: the CRDs Strimzi's own CrdGenerator wrote (see .ci/deploy-check), compiled with Ajv after closing
//   every object schema (additionalProperties: false) unless the CRD itself keeps it open
//   (x-kubernetes-preserve-unknown-fields or an explicit additionalProperties).
import Ajv from "ajv";
import fs from "node:fs";
import path from "node:path";
import { unknownFields, strictKinds } from "./strict.mjs";

const STRIMZI_GROUP = "kafka.strimzi.io";

/** Loads every CRD JSON in `dir` into a map from "group/version/Kind" to an Ajv validate function. */
export function loadCrdValidators(dir) {
  const ajv = new Ajv({ strict: true, strictTypes: false, allErrors: true });
  ajv.addVocabulary([
    "x-kubernetes-preserve-unknown-fields",
    "x-kubernetes-int-or-string",
    "x-kubernetes-list-type",
    "x-kubernetes-list-map-keys",
    "x-kubernetes-map-type",
    "x-kubernetes-validations",
    "x-kubernetes-embedded-resource",
    "example",
    "externalDocs",
  ]);
  for (const f of ["int32", "int64", "float", "double", "byte", "binary", "date-time", "date", "password"]) {
    ajv.addFormat(f, true);
  }
  const validators = new Map();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const crd = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    for (const version of crd.spec.versions) {
      const schema = closeObjects(structuredClone(version.schema.openAPIV3Schema));
      validators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(schema));
    }
  }
  return validators;
}

/** Makes every object schema with declared properties reject undeclared ones, as the API server's pruning would. */
export function closeObjects(node) {
  if (Array.isArray(node)) {
    node.forEach(closeObjects);
    return node;
  }
  if (node === null || typeof node !== "object") return node;
  if (node.properties && node.additionalProperties === undefined && !node["x-kubernetes-preserve-unknown-fields"]) {
    node.additionalProperties = false;
  }
  for (const [k, v] of Object.entries(node)) {
    if (k === "properties") Object.values(v).forEach(closeObjects);
    else if (typeof v === "object") closeObjects(v);
  }
  return node;
}

async function modelClass(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const pkg = { "keda.sh": "@kubernetes-models/keda", "monitoring.coreos.com": "@kubernetes-models/prometheus-operator" }[group]
    ?? "kubernetes-models";
  try {
    const mod = await import(`${pkg}/${apiVersion}/${kind}`);
    return mod[kind];
  } catch {
    return undefined;
  }
}

function describe(doc) {
  return `${doc?.kind ?? "?"}/${doc?.metadata?.name ?? "?"}`;
}

/** Returns the schema errors of one document, each prefixed with Kind/name; [] when valid. */
export async function validateDocument(doc, crdValidators) {
  const where = describe(doc);
  if (!doc || typeof doc !== "object" || !doc.apiVersion || !doc.kind) {
    return [`${where}: not a Kubernetes object (apiVersion and kind are required)`];
  }
  const key = `${doc.apiVersion}/${doc.kind}`;
  const group = doc.apiVersion.includes("/") ? doc.apiVersion.split("/")[0] : "";
  if (group === STRIMZI_GROUP) {
    const validate = crdValidators?.get(key);
    if (!validate) return [`${where}: no Strimzi schema for ${key}`];
    const errors = [];
    if (!validate(doc)) {
      for (const e of validate.errors) {
        const extra = e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : "";
        const allowed = e.params?.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : "";
        errors.push(`${where}: ${e.instancePath || "/"} ${e.message}${extra}${allowed}`);
      }
    }
    for (const e of unknownFields("ObjectMeta", doc.metadata ?? {}, "metadata")) errors.push(`${where}: ${e}`);
    return errors;
  }
  const Model = await modelClass(doc.apiVersion, doc.kind);
  if (!Model || !strictKinds().includes(key)) return [`${where}: no schema for ${key} (add it to deploy/check/lib/shapes.ts)`];
  const errors = [];
  try {
    new Model(doc).validate();
  } catch (e) {
    errors.push(`${where}: ${e.message}`);
  }
  for (const e of unknownFields(key, doc)) errors.push(`${where}: ${e}`);
  return errors;
}
