// One kustomization, checked end to end: render, strict schema validation, invariants.
import { render } from "./render.mjs";
import { validateDocument } from "./schema.mjs";
import { checkInvariants, checkExampleInvariants } from "./invariants.mjs";

/** Returns {documents, schemaErrors, invariantFailures, warnings, renderError} for the kustomization at `dir`. */
export async function checkKustomization(dir, { repo, crdValidators, examples = false, install }) {
  let docs;
  try {
    docs = await render(dir);
  } catch (e) {
    return { documents: 0, renderError: String(e.stderr || e.message).trim(), schemaErrors: [], invariantFailures: [], warnings: [] };
  }
  const schemaErrors = [];
  for (const doc of docs) schemaErrors.push(...(await validateDocument(doc, crdValidators)));
  const { failures, warnings } = examples ? checkExampleInvariants(docs) : checkInvariants(docs, repo, { install, overlayDir: dir });
  return { documents: docs.length, schemaErrors, invariantFailures: failures, warnings };
}

export function failed(result) {
  return Boolean(result.renderError) || result.schemaErrors.length > 0 || result.invariantFailures.length > 0;
}
