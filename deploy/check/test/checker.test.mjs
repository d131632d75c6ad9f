// The checker must fail on broken manifests, not only pass on good ones. Each case derives a kustomization
// from a real overlay, breaks one thing with a patch, and asserts the check names that thing.
// Needs the Strimzi CRDs .ci/deploy-check generates: URLCHECK_CRD_DIR.
import { test as topLevelTest, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadCrdValidators, validateDocument } from "../lib/schema.mjs";
import { checkKustomization, failed } from "../lib/check.mjs";
import { durationSeconds, checkDockerfiles } from "../lib/invariants.mjs";
import { render } from "../lib/render.mjs";
import { knownProperties, kebab } from "../lib/properties.mjs";
import { clusterIdError } from "../lib/kraft.mjs";
import { installPlan, shellWords, checkUploadSpool } from "../lib/platform.mjs";
import { plan, ASSUMPTIONS } from "../../capacity/plan.mjs";

const checkDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repo = path.resolve(checkDir, "../..");
const fixtures = path.join(checkDir, ".fixtures");
const crdDir = process.env.URLCHECK_CRD_DIR;
let crdValidators;
const test = (name, fn) => topLevelTest(name, fn);

before(() => {
  assert.ok(crdDir && fs.existsSync(crdDir), "URLCHECK_CRD_DIR must point at the generated Strimzi CRDs");
  crdValidators = loadCrdValidators(crdDir);
  fs.rmSync(fixtures, { recursive: true, force: true });
});
after(() => fs.rmSync(fixtures, { recursive: true, force: true }));

/** Writes fixtures/<name>/kustomization.yaml on top of `overlay` with `patches` (YAML text) and checks it. */
async function broken(name, overlay, patches, options = {}) {
  const dir = path.join(fixtures, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "kustomization.yaml"),
    `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../../overlays/${overlay}\npatches:\n${patches}`);
  return checkKustomization(dir, { repo, crdValidators, ...options });
}

/** The install plan of a copy of deploy/install/production.sh edited by `edit`. */
function brokenInstall(name, edit) {
  const file = path.join(fixtures, `${name}.sh`);
  fs.mkdirSync(fixtures, { recursive: true });
  const script = fs.readFileSync(path.join(repo, "deploy/install/production.sh"), "utf8")
    .replace('root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"', `root=${JSON.stringify(repo)}`);
  const edited = edit(script);
  assert.notEqual(edited, script, "the edit changed nothing");
  fs.writeFileSync(file, edited);
  return installPlan(repo, file);
}

/**
 * Runs a copy of deploy/install/production.sh for real, with `args`, against stand-in kubectl and helm that
 * log each call and report `existing` Secrets as present. Returns the logged kubectl calls and the output.
 */
function installAgainst(name, existing, args = [], env = {}, keys = existing.map((n) => `${n}/*`)) {
  const dir = path.join(fixtures, name);
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin, { recursive: true });
  const log = path.join(dir, "calls.log");
  fs.writeFileSync(log, "");
  fs.writeFileSync(path.join(bin, "kubectl"), `#!/usr/bin/env bash
echo "kubectl $*" >> ${JSON.stringify(log)}
if [ "$3" = get ] && [ "$4" = secret ] && [ "$6" = -o ]; then
  key="\${7##*.data.}"; key="\${key%?}"
  for k in ${keys.join(" ")}; do [ "$k" = "$5/$key" ] || [ "$k" = "$5/*" ] && { echo eA==; exit 0; }; done; exit 0
fi
[ "$3" = get ] && [ "$4" = secret ] && { for s in ${existing.join(" ")}; do [ "$5" = "$s" ] && exit 0; done; exit 1; }
[ "$1" = apply ] && [ "$3" = - ] && cat > /dev/null
exit 0
`, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, "helm"), "#!/usr/bin/env bash\nexit 0\n", { mode: 0o755 });
  const ca = path.join(dir, "ca.pem");
  fs.writeFileSync(ca, "not a certificate, never read\n");
  const script = path.join(dir, "production.sh");
  fs.writeFileSync(script, fs.readFileSync(path.join(repo, "deploy/install/production.sh"), "utf8")
    .replace('root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"', `root=${JSON.stringify(repo)}`));
  const out = execFileSync("bash", [script, ...args], { encoding: "utf8", cwd: repo, stdio: ["ignore", "pipe", "pipe"], env: {
    ...process.env, PATH: `${bin}:${process.env.PATH}`, DB_JDBC_URL: "jdbc:postgresql://db.example.com:5432/urlcheck",
    DB_USERNAME: "urlcheck", DB_PASSWORD: "secret", DB_CA_FILE: ca, ...env } });
  return { calls: fs.readFileSync(log, "utf8").split("\n").filter(Boolean), out };
}

function jsonPatch(kind, name, ops) {
  return `  - target: {kind: ${kind}, name: ${name}}\n    patch: |-\n${ops.split("\n").map((l) => "      " + l).join("\n")}\n`;
}

function allErrors(r) {
  return [r.renderError ?? "", ...r.schemaErrors, ...r.invariantFailures].join("\n");
}

function assertFailsWith(r, pattern) {
  assert.ok(failed(r), "the check passed a broken manifest");
  assert.match(allErrors(r), pattern);
}

// kubectl runs in child processes, so the cases overlap; each writes its own fixture directory.
describe("deploy checker", { concurrency: 4 }, () => {
  for (const overlay of ["dev", "production"]) {
    test(`${overlay} overlay passes every check`, async () => {
      const r = await checkKustomization(path.join(repo, "deploy/overlays", overlay), { repo, crdValidators });
      assert.deepEqual([r.renderError, r.schemaErrors, r.invariantFailures], [undefined, [], []]);
      assert.ok(r.documents > 10);
    });
  }

  test("typo'd Deployment field fails schema validation", async () => {
    const r = await broken("typo", "production", jsonPatch("Deployment", "urlcheck-worker", "- op: add\n  path: /spec/replcas\n  value: 2"));
    assertFailsWith(r, /Deployment\/urlcheck-worker: spec\.replcas: unknown field/);
  });

  test("typo'd nested container field fails schema validation", async () => {
    const r = await broken("typo-nested", "dev",
      jsonPatch("Deployment", "urlcheck-sink", "- op: add\n  path: /spec/template/spec/containers/0/readinesProbe\n  value: {}"));
    assertFailsWith(r, /containers\[0\]\.readinesProbe: unknown field/);
  });

  test("Deployment without a selector fails schema validation", async () => {
    const r = await broken("no-selector", "production", jsonPatch("Deployment", "urlcheck-worker", "- op: remove\n  path: /spec/selector"));
    assertFailsWith(r, /Deployment\/urlcheck-worker: .*required property '?selector/);
  });

  test("wrong type and enum fail schema validation", async () => {
    const r = await broken("bad-enum", "dev", jsonPatch("Deployment", "urlcheck-producer",
      "- op: replace\n  path: /spec/template/spec/containers/0/imagePullPolicy\n  value: Sometimes"));
    assertFailsWith(r, /imagePullPolicy must be equal to one of the allowed values/);
  });

  test("typo'd KafkaTopic field fails the Strimzi CRD schema", async () => {
    const r = await broken("strimzi-typo", "production", jsonPatch("KafkaTopic", "urlcheck-requests", "- op: add\n  path: /spec/partitons\n  value: 3"));
    assertFailsWith(r, /KafkaTopic\/urlcheck-requests: \/spec must NOT have additional properties 'partitons'/);
  });

  test("unsupported KafkaUser authentication fails the Strimzi CRD schema", async () => {
    const r = await broken("strimzi-enum", "production", jsonPatch("KafkaUser", "urlcheck-sink",
      "- op: replace\n  path: /spec/authentication/type\n  value: scram-sha-256"));
    assertFailsWith(r, /KafkaUser\/urlcheck-sink: \/spec\/authentication\/type must be equal to one of the allowed values/);
  });

  test("Kafka without listeners fails the Strimzi CRD schema", async () => {
    const r = await broken("strimzi-required", "production", jsonPatch("Kafka", "urlcheck-kafka", "- op: remove\n  path: /spec/kafka/listeners"));
    assertFailsWith(r, /Kafka\/urlcheck-kafka: \/spec\/kafka must have required property 'listeners'/);
  });

  test("typo'd ScaledObject field fails the KEDA schema", async () => {
    const r = await broken("keda-typo", "production", jsonPatch("ScaledObject", "urlcheck-worker", "- op: add\n  path: /spec/maxReplicaCont\n  value: 3"));
    assertFailsWith(r, /ScaledObject\/urlcheck-worker: spec\.maxReplicaCont: unknown field/);
  });

  test("an unknown kind is an error, not a pass", async () => {
    const errors = await validateDocument({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } }, crdValidators);
    assert.match(errors.join(), /no schema for example\.com\/v1\/Widget/);
  });

  test("KEDA max above the partitions of urlcheck.requests fails", async () => {
    const r = await broken("keda-max", "production", jsonPatch("ScaledObject", "urlcheck-worker", "- op: replace\n  path: /spec/maxReplicaCount\n  value: 200"));
    assertFailsWith(r, /maxReplicaCount 200 > 192 partitions of urlcheck\.requests/);
  });

  test("KEDA min of zero fails", async () => {
    const r = await broken("keda-min", "production", jsonPatch("ScaledObject", "urlcheck-worker", "- op: replace\n  path: /spec/minReplicaCount\n  value: 0"));
    assertFailsWith(r, /minReplicaCount 0 < 1/);
  });

  test("too few partitions for urlcheck.requests fails", async () => {
    const r = await broken("partitions", "production", jsonPatch("KafkaTopic", "urlcheck-requests", "- op: replace\n  path: /spec/partitions\n  value: 12"));
    assertFailsWith(r, /urlcheck\.requests has 12 partitions, needs >= 24/);
  });

  test("worker grace not longer than the drain grace fails", async () => {
    const r = await broken("grace", "dev", jsonPatch("Deployment", "urlcheck-worker", "- op: replace\n  path: /spec/template/spec/terminationGracePeriodSeconds\n  value: 20"));
    assertFailsWith(r, /terminationGracePeriodSeconds 20 is not longer than drain grace 20s/);
  });

  test("a collector flag in JAVA_OPTS_APPEND fails", async () => {
    const r = await broken("two-collectors", "dev", jsonPatch("Deployment", "urlcheck-sink",
      "- op: replace\n  path: /spec/template/spec/containers/0/env/0/value\n  value: -XX:+UseG1GC -XX:MaxRAMPercentage=75.0"));
    assertFailsWith(r, /Deployment\/urlcheck-sink container sink: a collector flag in JAVA_OPTS_APPEND joins the image's GC_CONTAINER_OPTIONS/);
  });

  test("a container running as root fails", async () => {
    const r = await broken("root", "dev", jsonPatch("StatefulSet", "urlcheck-postgres",
      "- op: replace\n  path: /spec/template/spec/securityContext/runAsUser\n  value: 0\n- op: remove\n  path: /spec/template/spec/containers/0/securityContext/runAsNonRoot\n- op: remove\n  path: /spec/template/spec/securityContext/runAsNonRoot"));
    assertFailsWith(r, /StatefulSet\/urlcheck-postgres container postgres: runAsNonRoot is not true/);
    assert.match(allErrors(r), /runAsUser is 0 \(root\)/);
  });

  test("an image without a tag fails", async () => {
    const r = await broken("untagged", "production", jsonPatch("Deployment", "urlcheck-sink",
      "- op: replace\n  path: /spec/template/spec/containers/0/image\n  value: registry.example.com/urlcheck/sink-service"));
    assertFailsWith(r, /image registry\.example\.com\/urlcheck\/sink-service has no tag/);
  });

  test("a probe on a path that is not a health path fails", async () => {
    const r = await broken("probe", "dev", jsonPatch("Deployment", "urlcheck-producer",
      "- op: replace\n  path: /spec/template/spec/containers/0/livenessProbe/httpGet/path\n  value: /q/health"));
    assertFailsWith(r, /livenessProbe path \/q\/health, expected \/q\/health\/live/);
  });

  test("a ConfigMap key the service does not read fails", async () => {
    const r = await broken("config-key", "dev", `  - target: {kind: ConfigMap, name: urlcheck-worker-config.*}\n    patch: |-\n      - op: add\n        path: /data/urlcheck.worker.max-inflight\n        value: "5"\n`);
    assertFailsWith(r, /key urlcheck\.worker\.max-inflight is not a property the service reads/);
  });

  test("worker egress reaching the metadata address fails", async () => {
    const r = await broken("egress", "production", jsonPatch("NetworkPolicy", "urlcheck-worker", "- op: remove\n  path: /spec/egress/1/to/0/ipBlock/except"));
    assertFailsWith(r, /worker egress allows 169\.254\.169\.254/);
  });

  test("worker egress to all of IPv6 reaches metadata through NAT64, 6to4, Teredo and ULA, and fails", async () => {
    const r = await broken("egress6", "production", jsonPatch("NetworkPolicy", "urlcheck-worker",
      "- op: replace\n  path: /spec/egress/1/to/1/ipBlock\n  value: {cidr: \"::/0\", except: [\"::1/128\", \"fc00::/7\", \"fe80::/10\"]}"));
    assertFailsWith(r, /worker egress allows 64:ff9b::a9fe:a9fe:443/);
    for (const a of ["::ffff:a9fe:a9fe", "2002:a9fe:a9fe::1", "2001:0:4136:e378:8000:63bf:5601:5601"]) assert.ok(allErrors(r).includes(`worker egress allows ${a}:443`), a);
    assert.match(allErrors(r), /worker egress allows 0:0:0:0:ffff:0:0:0:443, in ::ffff:0:0:0\/96, which the worker's AddressPolicy blocks/);
  });

  test("worker egress to a range the worker's AddressPolicy blocks fails, and to no IPv6 at all too", async () => {
    const r = await broken("egress-blocked", "production", jsonPatch("NetworkPolicy", "urlcheck-worker",
      "- op: remove\n  path: /spec/egress/1/to/0/ipBlock/except/10\n- op: remove\n  path: /spec/egress/1/to/1"));
    assertFailsWith(r, /worker egress allows 198\.18\.0\.0:443, in 198\.18\.0\.0\/15, which the worker's AddressPolicy blocks/);
    assert.match(allErrors(r), /worker egress does not allow the IPv6 internet \(2606:4700::1111\)/);
  });

  test("a KafkaUser ACL beyond what the service uses fails", async () => {
    const r = await broken("acl", "production", jsonPatch("KafkaUser", "urlcheck-worker",
      "- op: add\n  path: /spec/authorization/acls/-\n  value: {resource: {type: topic, name: urlcheck.intake, patternType: literal}, operations: [Read]}"));
    assertFailsWith(r, /ACLs beyond what the worker uses: topic:urlcheck\.intake:Read/);
  });

  test("a KafkaTopic pointing at another cluster fails", async () => {
    const r = await broken("cluster-label", "production", jsonPatch("KafkaTopic", "urlcheck-jobs",
      "- op: replace\n  path: /metadata/labels/strimzi.io~1cluster\n  value: other"));
    assertFailsWith(r, /KafkaTopic\/urlcheck-jobs: strimzi\.io\/cluster other names no rendered Kafka/);
  });

  test("name references in custom resources follow a further namePrefix", async () => {
    const dir = path.join(fixtures, "prefix");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "kustomization.yaml"), "namePrefix: blue-\nresources:\n  - ../../../overlays/production\n");
    const r = await checkKustomization(dir, { repo, crdValidators });
    const errors = allErrors(r);
    // kustomizeconfig.yaml carries the prefix into labels, scaleTargetRef, authenticationRef and Secret refs...
    assert.doesNotMatch(errors, /strimzi\.io\/cluster|scaleTargetRef|KafkaUser's Secret/);
    assert.deepEqual(r.schemaErrors, []);
    // ...but not into host names inside strings, which the check reports instead of letting them rot.
    assert.match(errors, /bootstrap urlcheck-kafka-kafka-bootstrap:9093 is not a rendered Service nor a Kafka bootstrap/);
  });

  test("a Dockerfile running as root on an untagged base fails", async () => {
    const fake = path.join(fixtures, "fake-repo");
    const docker = path.join(fake, "worker-service/src/main/docker");
    fs.mkdirSync(docker, { recursive: true });
    const real = fs.readFileSync(path.join(repo, "worker-service/src/main/docker/Dockerfile.jvm"), "utf8");
    fs.writeFileSync(path.join(docker, "Dockerfile.jvm"),
      real.replace(/^FROM .*$/m, "FROM eclipse-temurin").replace(/^USER 185$/m, "USER root")
        .replace(/^ENV JAVA_OPTS_APPEND="/m, 'ENV JAVA_OPTS_APPEND="-XX:+UseSerialGC '));
    const docs = await render(path.join(repo, "deploy/overlays/dev"));
    const failures = checkDockerfiles(docs, fake).join("\n");
    assert.match(failures, /worker-service\/Dockerfile.jvm: base image eclipse-temurin has no pinned tag/);
    assert.match(failures, /worker-service\/Dockerfile.jvm: runs as root/);
    assert.match(failures, /worker-service\/Dockerfile.jvm: a collector flag in JAVA_OPTS_APPEND/);
    assert.match(failures, /producer-service: no src\/main\/docker\/Dockerfile.jvm/);
  });

  test("durations parse in Quarkus and ISO forms", () => {
    assert.deepEqual(["20s", "500ms", "1m", "PT20S", "PT1M30S", "15"].map(durationSeconds), [20, 0.5, 60, 20, 90, 15]);
  });

  test("property names derive from @ConfigMapping methods in kebab-case", () => {
    assert.equal(kebab("maxInFlight"), "max-in-flight");
    assert.equal(kebab("retryAfterCap"), "retry-after-cap");
    const worker = knownProperties(repo, "worker-service");
    assert.ok(worker.isKnown("urlcheck.worker.drain-grace"));
    assert.ok(worker.isKnown("kafka.sasl.jaas.config"));
    assert.ok(!worker.isKnown("urlcheck.worker.drain-grce"));
    assert.ok(!worker.isKnown("urlcheck.sink.store"));
  });

  test("a KafkaUser missing the Read its consumer channel needs fails", async () => {
    const r = await broken("acl-missing", "production", jsonPatch("KafkaUser", "urlcheck-worker", "- op: remove\n  path: /spec/authorization/acls/0"));
    assertFailsWith(r, /missing ACLs: topic:urlcheck\.requests:Read/);
    assert.match(allErrors(r), /channel requests reads urlcheck\.requests without a Read ACL/);
  });

  test("a messaging key for a channel the service does not declare fails", async () => {
    const r = await broken("channel-key", "production", `  - target: {kind: ConfigMap, name: urlcheck-sink-config.*}\n    patch: |-\n      - op: add\n        path: /data/mp.messaging.outgoing.results.compression.type\n        value: zstd\n`);
    assertFailsWith(r, /key mp\.messaging\.outgoing\.results\.compression\.type is not a property the service reads/);
  });

  test("a helper pod running as root fails the examples check", async () => {
    const dir = path.join(fixtures, "example-root");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "kustomization.yaml"),
      "resources:\n  - ../../../examples\npatches:\n" + jsonPatch("Pod", "urlcheck-kcat", "- op: replace\n  path: /spec/securityContext/runAsUser\n  value: 0"));
    const r = await checkKustomization(dir, { repo, crdValidators, examples: true });
    assertFailsWith(r, /Pod\/urlcheck-kcat container kcat: runAsUser is 0/);
  });

  // What a real cluster would refuse, caught offline.

  test("a KRaft cluster id Kafka cannot parse fails (21 characters, not a base64 UUID)", async () => {
    assert.match(clusterIdError("urlcheck-dev-kraft-01"), /not valid base64/);
    assert.match(clusterIdError("AAAAAAAAAAAAAAAAAAAAAA"), /reserved/);
    assert.match(clusterIdError("a".repeat(25)), /longer than 24/);
    assert.match(clusterIdError("abc$defghijklmnopqrstu"), /not base64url/);
    assert.equal(clusterIdError("Jo-yBiKuQ5iVbki1ZChzyQ"), undefined);
    assert.equal(clusterIdError("4L6g3nShT-eMCtK--X86sw"), undefined);
    const r = await broken("cluster-id", "dev", jsonPatch("StatefulSet", "urlcheck-kafka",
      "- op: replace\n  path: /spec/template/spec/containers/0/env/0/value\n  value: urlcheck-dev-kraft-01"));
    assertFailsWith(r, /\[kafka-cluster-id\] StatefulSet\/urlcheck-kafka container kafka \(env CLUSTER_ID\): cluster id urlcheck-dev-kraft-01/);
  });

  test("Strimzi pods without restricted security contexts fail Pod Security under the baseline provider", async () => {
    const r = await broken("strimzi-psa", "production",
      jsonPatch("KafkaNodePool", "urlcheck-dual-role", "- op: remove\n  path: /spec/template/kafkaContainer") +
      jsonPatch("Kafka", "urlcheck-kafka", "- op: remove\n  path: /spec/kafka/template/kafkaContainer\n- op: remove\n  path: /spec/entityOperator/template/userOperatorContainer"));
    assertFailsWith(r, /Strimzi pod urlcheck-kafka-urlcheck-dual-role \(KafkaNodePool\) under the baseline provider: violates Pod Security restricted: container kafka: allowPrivilegeEscalation is not false/);
    assert.match(allErrors(r), /Strimzi pod urlcheck-kafka-entity-operator under the baseline provider: .*container user-operator: capabilities do not drop ALL/);
    // The restricted provider the install script sets would have covered them.
    assert.doesNotMatch(allErrors(r), /under the restricted provider/);
  });

  test("a rendered pod that Pod Security restricted refuses fails", async () => {
    const r = await broken("psa-pod", "dev", jsonPatch("Deployment", "urlcheck-sink",
      "- op: add\n  path: /spec/template/spec/volumes/-\n  value: {name: host, hostPath: {path: /var/run}}\n" +
      "- op: remove\n  path: /spec/template/spec/initContainers/0/securityContext/allowPrivilegeEscalation"));
    assertFailsWith(r, /Deployment\/urlcheck-sink: violates Pod Security restricted: volume host is a hostPath volume/);
    assert.match(allErrors(r), /container migrate: allowPrivilegeEscalation is not false/);
  });

  test("an install script without the restricted Strimzi provider fails", async () => {
    const install = brokenInstall("no-restricted", (s) => s.replace(/ \\\n  --set "extraEnvs\[0\]\.name=STRIMZI_POD_SECURITY_PROVIDER_CLASS" --set "extraEnvs\[0\]\.value=restricted"/, ""));
    assert.equal(install.strimziProvider, "baseline");
    const r = await checkKustomization(path.join(repo, "deploy/overlays/production"), { repo, crdValidators, install });
    assertFailsWith(r, /\[install\] the Strimzi operator is installed with the baseline pod-security provider/);
  });

  test("an install script that installs Strimzi before the namespace exists fails", async () => {
    const install = brokenInstall("order", (s) => {
      const ns = 'run kubectl apply -f "$OVERLAY/namespace.yaml"\n';
      return s.replace(ns, "").replace("# 3. KEDA", ns + "# 3. KEDA");
    });
    const r = await checkKustomization(path.join(repo, "deploy/overlays/production"), { repo, crdValidators, install });
    assertFailsWith(r, /installs Strimzi \(step 1\) before the namespace urlcheck exists \(step 2\)/);
  });

  test("an install script missing a Secret the overlay reads, or watching another namespace, fails", async () => {
    const install = brokenInstall("secrets", (s) => s.replace(/^secret urlcheck-postgres-ca .*$/m, "").replace("watchNamespaces={$NAMESPACE}", "watchNamespaces={kafka}"));
    const r = await checkKustomization(path.join(repo, "deploy/overlays/production"), { repo, crdValidators, install });
    assertFailsWith(r, /Secret urlcheck-postgres-ca \(keys ca\.crt\) is read by the overlay but the install script never creates it/);
    assert.match(allErrors(r), /Strimzi is installed watching kafka, not urlcheck/);
  });

  test("the install script's dry run is parsed into words", () => {
    assert.deepEqual(shellWords("helm --set watchNamespaces=\\{urlcheck\\} --set 'a b'"), ["helm", "--set", "watchNamespaces={urlcheck}", "--set", "a b"]);
    const install = installPlan(repo);
    assert.deepEqual([install.strimziProvider, install.watchNamespaces], ["restricted", ["urlcheck"]]);
    assert.ok(install.namespaceStep < install.strimziStep && install.strimziStep < install.applyStep);
  });

  test("verify-full without a mounted CA fails", async () => {
    const r = await broken("db-ca", "production", jsonPatch("Deployment", "urlcheck-sink",
      "- op: remove\n  path: /spec/template/spec/containers/0/volumeMounts/2"));
    assertFailsWith(r, /\[database-tls\] Deployment\/urlcheck-sink container sink: sslrootcert \/etc\/urlcheck\/postgres-ca\/ca\.crt is not a file of a mounted Secret/);
    const none = await broken("db-ca-unset", "production", `  - target: {kind: ConfigMap, name: urlcheck-sink-config.*}\n    patch: |-\n      - op: remove\n        path: /data/quarkus.datasource.jdbc.additional-jdbc-properties.sslrootcert\n`);
    assertFailsWith(none, /sslmode=verify-full without sslrootcert/);
    const url = brokenInstall("db-url", (s) => s.replace("jdbc:postgresql://db.example.com:5432/urlcheck}", "jdbc:postgresql://db.example.com:5432/urlcheck?sslmode=require}"));
    const weak = await checkKustomization(path.join(repo, "deploy/overlays/production"), { repo, crdValidators, install: url });
    assertFailsWith(weak, /jdbc-url sets sslmode=require, which overrides the overlay's verified TLS/);
  });

  test("a short KEDA bootstrap name, a missing fallback and an inert cooldownPeriod fail", async () => {
    const r = await broken("keda-bootstrap", "production", jsonPatch("ScaledObject", "urlcheck-worker",
      "- op: replace\n  path: /spec/triggers/0/metadata/bootstrapServers\n  value: urlcheck-kafka-kafka-bootstrap:9093\n" +
      "- op: remove\n  path: /spec/fallback\n- op: add\n  path: /spec/cooldownPeriod\n  value: 300"));
    assertFailsWith(r, /\[keda\] ScaledObject\/urlcheck-worker: bootstrap urlcheck-kafka-kafka-bootstrap:9093 is a short name; KEDA resolves it from its own namespace/);
    assert.match(allErrors(r), /no fallback/);
    assert.match(allErrors(r), /cooldownPeriod 300 has no effect with minReplicaCount 3/);
    const other = await broken("keda-namespace", "production", jsonPatch("ScaledObject", "urlcheck-worker",
      "- op: replace\n  path: /spec/triggers/0/metadata/bootstrapServers\n  value: urlcheck-kafka-kafka-bootstrap.kafka.svc:9093"));
    assertFailsWith(other, /names namespace kafka, not urlcheck/);
  });

  test("replicas on a Deployment an autoscaler owns fails, under KEDA and under the HPA", async () => {
    const r = await broken("replicas", "production", jsonPatch("Deployment", "urlcheck-worker", "- op: add\n  path: /spec/replicas\n  value: 1"));
    assertFailsWith(r, /\[autoscaled-replicas\] Deployment\/urlcheck-worker: spec\.replicas 1 in a workload ScaledObject\/urlcheck-worker scales/);
    const dir = path.join(fixtures, "replicas-hpa");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "kustomization.yaml"), "resources:\n  - ../../../base\ncomponents:\n  - ../../../components/worker-hpa\n" +
      "patches:\n" + jsonPatch("Deployment", "worker", "- op: add\n  path: /spec/replicas\n  value: 1"));
    const hpa = await checkKustomization(dir, { repo, crdValidators });
    assertFailsWith(hpa, /Deployment\/worker: spec\.replicas 1 in a workload HorizontalPodAutoscaler\/worker scales/);
  });

  test("a KEDA fallback to the average need, when Kafka is likely down, fails", async () => {
    const r = await broken("keda-fallback", "production", jsonPatch("ScaledObject", "urlcheck-worker", "- op: replace\n  path: /spec/fallback/replicas\n  value: 83"));
    assertFailsWith(r, /ScaledObject\/urlcheck-worker: fallback replicas 83, the capacity plan says 3/);
  });

  test("re-running the install script keeps the generated Secrets; --rotate-secrets replaces them and restarts", () => {
    const created = (calls, name) => calls.some((c) => c.includes(`create secret generic ${name} `));
    const generated = ["urlcheck-api-token", "urlcheck-keda-kafka"];
    const first = installAgainst("install-first", []);
    for (const n of [...generated, "urlcheck-postgres"]) assert.ok(created(first.calls, n), `first run creates ${n}`);
    const again = installAgainst("install-again", generated);
    for (const n of generated) {
      assert.ok(!created(again.calls, n), `a re-run replaces ${n}`);
      assert.match(again.out, new RegExp(`keeping Secret ${n}`));
    }
    assert.ok(created(again.calls, "urlcheck-postgres"), "a re-run writes the database Secret from the environment");
    assert.ok(!again.calls.some((c) => c.includes("rollout restart")), "a re-run restarts pods");
    const rotated = installAgainst("install-rotate", generated, ["--rotate-secrets"]);
    for (const n of generated) assert.ok(created(rotated.calls, n), `--rotate-secrets replaces ${n}`);
    const restart = rotated.calls.findIndex((c) => c.includes("rollout restart deployment/urlcheck-producer deployment/urlcheck-sink"));
    assert.ok(restart > rotated.calls.findIndex((c) => c.includes("create secret generic urlcheck-api-token")), "restarts after the new token");
  });

  test("a re-run without the owner's variables keeps the owner's Secret; half of them is refused", () => {
    const owner = { DB_OWNER_USERNAME: "urlcheck_owner", DB_OWNER_PASSWORD: "owner-secret" };
    const ownerSecret = (calls) => calls.find((c) => c.includes("create secret generic urlcheck-postgres-owner"));
    assert.match(ownerSecret(installAgainst("owner-first", []).calls) ?? "", /--from-literal=username=urlcheck --from-literal=password=secret/,
      "a first run without them gives the owner's Secret the sink's role");
    assert.match(ownerSecret(installAgainst("owner-set", [], [], owner).calls) ?? "", /--from-literal=username=urlcheck_owner --from-literal=password=owner-secret/);
    const again = installAgainst("owner-again", ["urlcheck-postgres-owner"]);
    assert.equal(ownerSecret(again.calls), undefined, "a re-run without them replaced the owner's Secret with the sink's role");
    assert.match(again.out, /keeping Secret urlcheck-postgres-owner/);
    assert.ok(ownerSecret(installAgainst("owner-replace", ["urlcheck-postgres-owner"], [], owner).calls), "a re-run with them writes them");
    assert.throws(() => installAgainst("owner-half", [], [], { DB_OWNER_USERNAME: "urlcheck_owner" }),
      (e) => e.status === 2 && /set both DB_OWNER_USERNAME and DB_OWNER_PASSWORD, or neither/.test(e.stderr));
  });

  test("a re-run over an API token Secret without a read-only token adds one and restarts the producer and sink", () => {
    const generated = ["urlcheck-api-token", "urlcheck-keda-kafka"];
    const older = installAgainst("read-token-added", generated, [], {}, ["urlcheck-api-token/token", "urlcheck-keda-kafka/*"]);
    const patch = older.calls.findIndex((c) => /patch secret urlcheck-api-token --type merge -p \{"stringData":\{"read-token":"[0-9a-f]{64}"\}\}/.test(c));
    assert.ok(patch >= 0, older.calls.join("\n"));
    assert.ok(!older.calls.some((c) => c.includes("create secret generic urlcheck-api-token")), "the API token was replaced");
    const restart = older.calls.findIndex((c) => c.includes("rollout restart deployment/urlcheck-producer deployment/urlcheck-sink"));
    assert.ok(restart > patch, "no restart after the new key");
    assert.match(older.out, /added a read-only token/);
    const current = installAgainst("read-token-kept", generated);
    assert.ok(!current.calls.some((c) => c.includes("patch secret") || c.includes("rollout restart")), current.calls.join("\n"));
  });

  test("an HPA fallback whose CPU target a saturated worker never reaches fails", async () => {
    const dir = path.join(fixtures, "hpa-cpu");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "kustomization.yaml"), "resources:\n  - ../../../overlays/production\ncomponents:\n  - ../../../components/worker-hpa\n" +
      "patches:\n" + jsonPatch("HorizontalPodAutoscaler", "worker", "- op: replace\n  path: /spec/metrics/0/resource/target\n  value: {type: Utilization, averageUtilization: 60}"));
    const r = await checkKustomization(dir, { repo, crdValidators });
    assertFailsWith(r, /HorizontalPodAutoscaler\/worker: CPU target Utilization 60 %, the capacity plan says AverageValue 200m \(a saturated worker uses 0\.28 core\)/);
  });

  test("a namespace without default deny, or a producer with open egress, fails", async () => {
    const r = await broken("no-deny", "production", jsonPatch("NetworkPolicy", "urlcheck-default-deny", "- op: replace\n  path: /spec/policyTypes\n  value: [Ingress]") +
      jsonPatch("NetworkPolicy", "urlcheck-producer", "- op: add\n  path: /spec/egress/-\n  value: {to: [{ipBlock: {cidr: 0.0.0.0/0}}]}"));
    assertFailsWith(r, /\[network\] namespace urlcheck has no default-deny NetworkPolicy/);
    assert.match(allErrors(r), /Deployment\/urlcheck-producer \(producer\): egress reaches the internet/);
  });

  test("a sink that cannot reach Kafka or its database, and pods without DNS, fail", async () => {
    const r = await broken("sink-egress", "dev", jsonPatch("NetworkPolicy", "urlcheck-sink", "- op: remove\n  path: /spec/egress") +
      jsonPatch("NetworkPolicy", "urlcheck-dns", "- op: remove\n  path: /spec/egress/0/to/1"));
    assertFailsWith(r, /Deployment\/urlcheck-sink \(sink\): egress to Kafka \(urlcheck-kafka:9092\) is denied/);
    assert.match(allErrors(r), /egress to PostgreSQL \(StatefulSet\/urlcheck-postgres:5432\) is denied/);
    assert.match(allErrors(r), /Deployment\/urlcheck-worker: no DNS through NodeLocal DNSCache \(169\.254\.20\.10 UDP\/53\)/);
  });

  test("Strimzi's listener not admitting the services, or Kafka nodes cut off from each other, fail", async () => {
    const r = await broken("strimzi-net", "production", jsonPatch("Kafka", "urlcheck-kafka",
      "- op: replace\n  path: /spec/kafka/listeners/0/networkPolicyPeers/0/podSelector/matchLabels\n  value: {app.kubernetes.io/name: kcat}") +
      jsonPatch("NetworkPolicy", "urlcheck-kafka-nodes", "- op: remove\n  path: /spec/egress/0/ports/1"));
    assertFailsWith(r, /Deployment\/urlcheck-worker \(worker\): Kafka's ingress does not admit it on 9093/);
    assert.match(allErrors(r), /Kafka nodes cannot reach each other on 9091/);
  });

  test("missing spread constraints and disruption budgets fail", async () => {
    const r = await broken("spread", "production", jsonPatch("Deployment", "urlcheck-sink", "- op: remove\n  path: /spec/template/spec/topologySpreadConstraints/0") +
      jsonPatch("KafkaNodePool", "urlcheck-dual-role", "- op: replace\n  path: /spec/template/pod/topologySpreadConstraints/0/whenUnsatisfiable\n  value: ScheduleAnyway") +
      jsonPatch("PodDisruptionBudget", "urlcheck-producer", "- op: replace\n  path: /spec/selector/matchLabels\n  value: {app.kubernetes.io/name: nothing}"));
    assertFailsWith(r, /\[spread\] Deployment\/urlcheck-sink: no topologySpreadConstraint on topology\.kubernetes\.io\/zone/);
    assert.match(allErrors(r), /KafkaNodePool\/urlcheck-dual-role: two Kafka nodes may share a host/);
    assert.match(allErrors(r), /no PodDisruptionBudget covers the producer/);
  });

  test("a producer that spools uploads fails with a /tmp too small for one maximal upload, and one that streams does not", async () => {
    const docs = await render(path.join(repo, "deploy/overlays/dev"));
    const producer = docs.find((d) => d.kind === "Deployment" && d.metadata.name === "urlcheck-producer");
    producer.spec.template.spec.volumes.find((v) => v.name === "tmp").emptyDir.sizeLimit = "256Mi";
    const fake = (name, resource) => {
      const root = path.join(fixtures, name);
      const src = path.join(root, "producer-service/src/main/java/io/urlcheck/producer");
      fs.mkdirSync(path.join(src, "config"), { recursive: true });
      fs.mkdirSync(path.join(root, "producer-service/src/main/resources"), { recursive: true });
      for (const f of ["java/io/urlcheck/producer/config/ProducerSettings.java", "resources/application.properties"]) {
        fs.copyFileSync(path.join(repo, "producer-service/src/main", f), path.join(root, "producer-service/src/main", f));
      }
      fs.writeFileSync(path.join(src, "Upload.java"), resource);
      return root;
    };
    const spooling = fake("spooling-repo", "class Upload { org.jboss.resteasy.reactive.multipart.FileUpload file; }");
    assert.match(checkUploadSpool(docs, spooling).failures.join("\n"),
      /Deployment\/urlcheck-producer: multipart uploads are spooled \(FileUpload\) to the \/tmp emptyDir \(sizeLimit 256Mi\), which cannot hold one 2\.00 GiB upload plus 512 MiB/);
    const streaming = fake("streaming-repo", "class Upload { java.io.InputStream body; }");
    assert.deepEqual(checkUploadSpool(docs, streaming), { failures: [], warnings: [] });
  });

  test("a topic codec that differs from its writers' fails", async () => {
    const r = await broken("zstd", "production", jsonPatch("KafkaTopic", "urlcheck-requests", "- op: add\n  path: /spec/config/compression.type\n  value: zstd"));
    assertFailsWith(r, /\[compression\] KafkaTopic urlcheck\.requests: compression\.type zstd differs from the producer's lz4/);
  });

  test("a Flyway migration inside the probed sink container fails", async () => {
    const r = await broken("migrate", "dev", jsonPatch("Deployment", "urlcheck-sink", "- op: remove\n  path: /spec/template/spec/initContainers"));
    assertFailsWith(r, /\[migration\] Deployment\/urlcheck-sink: Flyway migrates at start inside the probed container: the startup probe \(120s\) kills a longer migration/);
    const other = await broken("migrate-db", "production", jsonPatch("Deployment", "urlcheck-sink", "- op: remove\n  path: /spec/template/spec/initContainers/0/env/2"));
    assertFailsWith(other, /init container migrate migrates a different database than the sink \(missing quarkus\.datasource\.jdbc\.url\)/);
    const noOwner = await broken("migrate-owner", "production", jsonPatch("Deployment", "urlcheck-sink", "- op: remove\n  path: /spec/template/spec/initContainers/0/env/3"));
    assertFailsWith(noOwner, /init container migrate sets no quarkus\.datasource\.username: it would migrate as whatever role the image defaults to/);
  });

  test("manifests that disagree with the capacity plan fail", async () => {
    const r = await broken("capacity", "production", jsonPatch("KafkaTopic", "urlcheck-requests", "- op: replace\n  path: /spec/partitions\n  value: 96") +
      jsonPatch("ScaledObject", "urlcheck-worker", "- op: replace\n  path: /spec/triggers/0/metadata/lagThreshold\n  value: \"5000\""));
    assertFailsWith(r, /\[capacity\] KafkaTopic urlcheck\.requests: 96 partitions, the capacity plan needs 192/);
    assert.match(allErrors(r), /lagThreshold 5000, the capacity plan says 2800/);
  });

  test("the capacity plan's arithmetic follows its assumptions", () => {
    const p = plan();
    assert.equal(Math.round(p.meanInFlight * 100) / 100, 1.82);
    assert.deepEqual([p.workers, p.peakWorkers, p.partitions], [83, 165, 192]);
    assert.equal(Math.round(p.postgres.rowWrites), 34722);
    assert.equal(p.postgres.historyPerDay, 1.45e12);
    const slower = plan({ ...ASSUMPTIONS, requestTimeoutSeconds: 20 });
    assert.ok(slower.partitions > p.partitions, "a longer timeout needs more partitions");
    assert.equal(plan({ ...ASSUMPTIONS, historyRetentionDays: 2 }).checks.historyOutlivesKafka, false);
  });

  test("a PodMonitor with a typo'd or missing field is refused by the prometheus-operator schema", async () => {
    const monitor = { apiVersion: "monitoring.coreos.com/v1", kind: "PodMonitor", metadata: { name: "m" },
      spec: { selector: { matchLabels: { "app.kubernetes.io/name": "worker" } }, podMetricsEndpoints: [{ port: "http", path: "/q/metrics" }] } };
    assert.deepEqual(await validateDocument(monitor, crdValidators), []);
    const typo = structuredClone(monitor);
    typo.spec.podMetricsEndpoints[0].interal = "30s";
    assert.match((await validateDocument(typo, crdValidators)).join("\n"), /PodMonitor\/m: spec\.podMetricsEndpoints\[0\]\.interal: unknown field/);
    const wrongType = structuredClone(monitor);
    wrongType.spec.podMetricsEndpoints = { port: "http" };
    assert.match((await validateDocument(wrongType, crdValidators)).join("\n"), /PodMonitor\/m: .*podMetricsEndpoints.*must be array/);
    const noSelector = structuredClone(monitor);
    delete noSelector.spec.selector;
    assert.match((await validateDocument(noSelector, crdValidators)).join("\n"), /PodMonitor\/m: .*selector/);
  });

  test("a PrometheusRule without an expr, or with a field in the wrong place, is refused", async () => {
    const rule = { apiVersion: "monitoring.coreos.com/v1", kind: "PrometheusRule", metadata: { name: "r" },
      spec: { groups: [{ name: "g", rules: [{ alert: "A", expr: "up == 0", for: "5m", annotations: { runbook_url: "x" } }] }] } };
    assert.deepEqual(await validateDocument(rule, crdValidators), []);
    const noExpr = structuredClone(rule);
    delete noExpr.spec.groups[0].rules[0].expr;
    assert.match((await validateDocument(noExpr, crdValidators)).join("\n"), /PrometheusRule\/r: .*expr/);
    const misplaced = structuredClone(rule);
    misplaced.spec.groups[0].rules[0].runbook_url = "x";
    assert.match((await validateDocument(misplaced, crdValidators)).join("\n"), /PrometheusRule\/r: spec\.groups\[0\]\.rules\[0\]\.runbook_url: unknown field/);
    const badFor = structuredClone(rule);
    badFor.spec.groups[0].rules[0].for = "five minutes";
    assert.match((await validateDocument(badFor, crdValidators)).join("\n"), /PrometheusRule\/r: .*for.*pattern/);
  });

  test("the overlay's PodMonitor or PrometheusRule, broken in place, fails the check", async () => {
    const monitor = await broken("podmonitor-typo", "production", jsonPatch("PodMonitor", "urlcheck-worker",
      "- op: add\n  path: /spec/podMetricsEndpoints/0/scrapeIntervall\n  value: 30s"));
    assertFailsWith(monitor, /PodMonitor\/urlcheck-worker: spec\.podMetricsEndpoints\[0\]\.scrapeIntervall: unknown field/);
    const rule = await broken("rule-no-expr", "dev", jsonPatch("PrometheusRule", "urlcheck-alerts",
      "- op: remove\n  path: /spec/groups/0/rules/0/expr"));
    assertFailsWith(rule, /PrometheusRule\/urlcheck-alerts: .*expr/);
  });

  test("a PodMonitor on a port the pods lack, or Prometheus shut out by the policies, fails", async () => {
    const port = await broken("podmonitor-port", "production", jsonPatch("PodMonitor", "urlcheck-sink",
      "- op: replace\n  path: /spec/podMetricsEndpoints/0/port\n  value: metrics"));
    assertFailsWith(port, /\[monitoring\] PodMonitor\/urlcheck-sink: Deployment\/urlcheck-sink has no container port named metrics/);
    assertFailsWith(port, /\[monitoring\] no PodMonitor or ServiceMonitor scrapes the sink at \/q\/metrics/);
    const shut = await broken("prometheus-shut-out", "dev", jsonPatch("NetworkPolicy", "urlcheck-prometheus-scrape",
      "- op: replace\n  path: /spec/ingress/0/from/0/namespaceSelector/matchLabels\n  value: {kubernetes.io/metadata.name: observability}"));
    assertFailsWith(shut, /\[monitoring\] Deployment\/urlcheck-worker: a Prometheus pod .* cannot reach port http \(8082\)/);
  });

  test("a PodMonitor on the brokers without their exporter, or on another port, fails", async () => {
    const off = await broken("kafka-metrics-off", "production", jsonPatch("Kafka", "urlcheck-kafka",
      "- op: remove\n  path: /spec/kafka/metricsConfig"));
    assertFailsWith(off, /\[monitoring\] PodMonitor\/urlcheck-kafka: selects the pods of Kafka\/urlcheck-kafka, which has no metricsConfig/);
    const key = await broken("kafka-metrics-key", "production", jsonPatch("Kafka", "urlcheck-kafka",
      "- op: replace\n  path: /spec/kafka/metricsConfig/valueFrom/configMapKeyRef/key\n  value: metrics.yaml"));
    assertFailsWith(key, /\[monitoring\] Kafka\/urlcheck-kafka: its metricsConfig names ConfigMap urlcheck-kafka-metrics-\w+ key metrics.yaml, which this overlay does not render/);
    const port = await broken("kafka-metrics-port", "production", jsonPatch("PodMonitor", "urlcheck-kafka",
      "- op: replace\n  path: /spec/podMetricsEndpoints/0/port\n  value: http"));
    assertFailsWith(port, /\[monitoring\] PodMonitor\/urlcheck-kafka: Strimzi's Kafka pods have no port named http/);
    const unscraped = await broken("kafka-metrics-unscraped", "production",
      "  - patch: |-\n      $patch: delete\n      apiVersion: monitoring.coreos.com/v1\n      kind: PodMonitor\n      metadata:\n        name: urlcheck-kafka\n        namespace: urlcheck\n");
    assertFailsWith(unscraped, /\[monitoring\] Kafka\/urlcheck-kafka: sets metricsConfig, but no PodMonitor scrapes its pods' tcp-prometheus port/);
  });

  test("an alert whose runbook_url names no heading of deploy/README.md, or an unlabelled dashboard, fails", async () => {
    const r = await broken("runbook", "production", jsonPatch("PrometheusRule", "urlcheck-alerts",
      "- op: replace\n  path: /spec/groups/0/rules/0/annotations/runbook_url\n  value: deploy/README.md#runbook-nothing-here"));
    assertFailsWith(r, /\[monitoring\] PrometheusRule\/urlcheck-alerts: alert UrlcheckConsumerLagGrowing's runbook_url names #runbook-nothing-here/);
    const d = await broken("dashboard-label", "dev", jsonPatch("ConfigMap", "urlcheck-grafana-dashboard",
      "- op: remove\n  path: /metadata/labels/grafana_dashboard"));
    assertFailsWith(d, /\[monitoring\] ConfigMap\/urlcheck-grafana-dashboard: no label grafana_dashboard/);
  });

  test("an install script that applies the overlay without the Prometheus Operator's CRDs fails", async () => {
    const docs = await render(path.join(repo, "deploy/overlays/production"));
    const plan = brokenInstall("no-monitoring-crds", (s) => s.replace(/  run helm upgrade --install prometheus-operator-crds[^\n]*\n[^\n]*\n/, ""));
    const r = await checkKustomization(path.join(repo, "deploy/overlays/production"), { repo, crdValidators, install: plan });
    assert.ok(docs.some((d) => d.kind === "PodMonitor"));
    assertFailsWith(r, /\[install\] the install script never installs the Prometheus Operator's CRDs/);
  });
});
