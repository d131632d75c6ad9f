// The invariants users rely on, asserted on rendered manifests. Each check returns a list of failures.
import fs from "node:fs";
import path from "node:path";
import { knownProperties } from "./properties.mjs";
import {
  checkClusterIds, checkPodSecurity, installPlan, checkInstall, checkReadmeInstall, checkDatabaseTls, checkKeda,
  checkAutoscaledReplicas, checkNetwork as checkNetworkPolicies, checkSpreadAndDisruption, checkUploadSpool,
  checkCompression, checkMigration, checkCapacity,
} from "./platform.mjs";
import { checkMonitoring } from "./monitoring.mjs";

/** The urlcheck services: module, HTTP port (quarkus.http.port) and consumer group. */
export const SERVICES = {
  producer: { module: "producer-service", port: 8081 },
  worker: { module: "worker-service", port: 8082 },
  sink: { module: "sink-service", port: 8083 },
};

export const HEALTH = { liveness: "/q/health/live", readiness: "/q/health/ready", startup: "/q/health/started" };

/** ACLs each service's KafkaUser must grant: exactly these, no more (least privilege). */
export const EXPECTED_ACLS = {
  producer: [
    "topic:urlcheck.intake:Read", "topic:urlcheck.intake:Describe", "group:urlcheck-producer:Read",
    "topic:urlcheck.requests:Write", "topic:urlcheck.requests:Describe",
    "topic:urlcheck.results:Write", "topic:urlcheck.results:Describe",
    "topic:urlcheck.jobs:Read", "topic:urlcheck.jobs:Write", "topic:urlcheck.jobs:Describe",
    "topic:urlcheck.dead-letter:Write", "topic:urlcheck.dead-letter:Describe",
    "topic:urlcheck.monitors:Read", "topic:urlcheck.monitors:Write", "topic:urlcheck.monitors:Describe",
    "topic:urlcheck.monitor-ticks:Read", "topic:urlcheck.monitor-ticks:Write", "topic:urlcheck.monitor-ticks:Describe",
    "group:urlcheck-monitor-scheduler:Read",
  ],
  worker: [
    "topic:urlcheck.requests:Read", "topic:urlcheck.requests:Describe", "group:urlcheck-worker:Read",
    "topic:urlcheck.results:Write", "topic:urlcheck.results:Describe",
    "topic:urlcheck.dead-letter:Write", "topic:urlcheck.dead-letter:Describe",
    "topic:urlcheck.events:Read", "topic:urlcheck.events:Describe", "group:urlcheck-notifier:Read",
    "topic:urlcheck.monitors:Read", "topic:urlcheck.monitors:Describe",
    "topic:urlcheck.events.undelivered:Write", "topic:urlcheck.events.undelivered:Describe",
  ],
  sink: [
    "topic:urlcheck.results:Read", "topic:urlcheck.results:Describe",
    "topic:urlcheck.jobs:Read", "topic:urlcheck.jobs:Describe", "group:urlcheck-sink:Read", "group:urlcheck-sink-jobs:Read",
    "topic:urlcheck.dead-letter:Write", "topic:urlcheck.dead-letter:Describe",
    "topic:urlcheck.monitors:Read", "topic:urlcheck.monitors:Describe",
    "topic:urlcheck.events:Write", "topic:urlcheck.events:Describe",
  ],
};

const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet"]);

function id(doc) {
  return `${doc.kind}/${doc.metadata?.name}`;
}

function podSpec(doc) {
  if (doc.kind === "Pod") return doc.spec;
  return doc.kind === "CronJob" ? doc.spec?.jobTemplate?.spec?.template?.spec : doc.spec?.template?.spec;
}

const POD_KINDS = new Set([...WORKLOADS, "CronJob", "Pod"]);

function containers(spec) {
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
}

/** Which urlcheck service a container runs, from its image name; undefined for third-party images. */
export function serviceOf(container) {
  const m = /(?:^|\/)(producer|worker|sink)-service(?:[:@]|$)/.exec(container.image ?? "");
  return m?.[1];
}

/** Parses Quarkus/ISO durations (20s, 500ms, 1m, PT20S) to seconds. */
export function durationSeconds(text) {
  const t = String(text).trim();
  const simple = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(t);
  if (simple) {
    const n = Number(simple[1]);
    return { ms: n / 1000, s: n, m: n * 60, h: n * 3600, d: n * 86400, undefined: n }[simple[2]];
  }
  const iso = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/i.exec(t);
  if (iso) return Number(iso[1] ?? 0) * 3600 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0);
  throw new Error(`not a duration: ${text}`);
}

function configMapsOf(docs) {
  return new Map(docs.filter((d) => d.kind === "ConfigMap").map((d) => [d.metadata.name, d]));
}

/** The properties a service container receives from ConfigMaps through envFrom, with their source. */
function envFromProperties(container, configMaps) {
  const props = new Map();
  for (const ef of container.envFrom ?? []) {
    const cm = ef.configMapRef && configMaps.get(ef.configMapRef.name);
    for (const [k, v] of Object.entries(cm?.data ?? {})) props.set(k, { value: v, from: `ConfigMap/${cm.metadata.name}` });
  }
  return props;
}

function* serviceContainers(docs) {
  for (const doc of docs.filter((d) => WORKLOADS.has(d.kind))) {
    const spec = podSpec(doc);
    for (const c of spec?.containers ?? []) {
      const svc = serviceOf(c);
      if (svc) yield { doc, spec, container: c, svc };
    }
  }
}

export function checkProbes(docs) {
  const failures = [];
  for (const { doc, container, svc } of serviceContainers(docs)) {
    const where = `${id(doc)} container ${container.name}`;
    const ports = new Map((container.ports ?? []).map((p) => [p.name, p.containerPort]));
    if (![...ports.values()].includes(SERVICES[svc].port)) {
      failures.push(`${where}: no containerPort ${SERVICES[svc].port} (the ${svc}'s quarkus.http.port)`);
    }
    for (const [kind, expected] of Object.entries(HEALTH)) {
      const probe = container[`${kind}Probe`];
      if (!probe) {
        if (kind !== "startup") failures.push(`${where}: no ${kind}Probe`);
        continue;
      }
      const get = probe.httpGet;
      if (!get) {
        failures.push(`${where}: ${kind}Probe is not an HTTP GET on ${expected}`);
        continue;
      }
      if (get.path !== expected) failures.push(`${where}: ${kind}Probe path ${get.path}, expected ${expected}`);
      const port = typeof get.port === "string" ? ports.get(get.port) : get.port;
      if (port !== SERVICES[svc].port) failures.push(`${where}: ${kind}Probe port ${get.port} is not ${SERVICES[svc].port}`);
    }
  }
  return failures;
}

export function checkImageTags(docs) {
  const failures = [];
  for (const doc of docs.filter((d) => POD_KINDS.has(d.kind))) {
    for (const c of containers(podSpec(doc))) {
      const image = c.image ?? "";
      const lastSegment = image.slice(image.lastIndexOf("/") + 1);
      if (image.includes("@sha256:")) continue;
      if (!lastSegment.includes(":")) failures.push(`${id(doc)} container ${c.name}: image ${image || "(none)"} has no tag`);
      else if (lastSegment.endsWith(":latest")) failures.push(`${id(doc)} container ${c.name}: image ${image} uses :latest`);
    }
  }
  return failures;
}

export function checkNonRoot(docs) {
  const failures = [];
  for (const doc of docs.filter((d) => POD_KINDS.has(d.kind))) {
    const spec = podSpec(doc);
    const pod = spec?.securityContext ?? {};
    for (const c of containers(spec)) {
      const where = `${id(doc)} container ${c.name}`;
      const sc = c.securityContext ?? {};
      const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
      const user = sc.runAsUser ?? pod.runAsUser;
      if (nonRoot !== true) failures.push(`${where}: runAsNonRoot is not true`);
      if (user === 0) failures.push(`${where}: runAsUser is 0 (root)`);
      if (sc.allowPrivilegeEscalation !== false) failures.push(`${where}: allowPrivilegeEscalation is not false`);
      if (!(sc.capabilities?.drop ?? []).includes("ALL")) failures.push(`${where}: capabilities do not drop ALL`);
      if ((sc.capabilities?.add ?? []).length) failures.push(`${where}: adds capabilities ${sc.capabilities.add}`);
      const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
      if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") failures.push(`${where}: no RuntimeDefault seccomp profile`);
      if (serviceOf(c) && sc.readOnlyRootFilesystem !== true) failures.push(`${where}: root filesystem is writable`);
    }
  }
  return failures;
}

/**
 * The images' run-java.sh passes GC_CONTAINER_OPTIONS (default -XX:+UseParallelGC) before JAVA_OPTS_APPEND;
 * a collector flag in JAVA_OPTS_APPEND then selects a second collector and the JVM refuses to start.
 */
const COLLECTOR_FLAG = /-XX:\+Use\w+GC\b/;
const COLLECTOR_ADVICE = "a collector flag in JAVA_OPTS_APPEND joins the image's GC_CONTAINER_OPTIONS (default -XX:+UseParallelGC) "
  + "and the JVM will not start with two; choose the collector in GC_CONTAINER_OPTIONS";

export function checkResources(docs) {
  const failures = [];
  for (const doc of docs.filter((d) => WORKLOADS.has(d.kind))) {
    for (const c of containers(podSpec(doc))) {
      const where = `${id(doc)} container ${c.name}`;
      for (const r of ["cpu", "memory"]) {
        if (!c.resources?.requests?.[r]) failures.push(`${where}: no ${r} request`);
      }
      if (!c.resources?.limits?.memory) failures.push(`${where}: no memory limit`);
      if (serviceOf(c)) {
        const opts = (c.env ?? []).find((e) => e.name === "JAVA_OPTS_APPEND")?.value ?? "";
        if (!/-XX:MaxRAMPercentage=\d/.test(opts)) failures.push(`${where}: heap not sized from the memory limit (-XX:MaxRAMPercentage)`);
        if (/-Xmx/.test(opts)) failures.push(`${where}: fixed -Xmx ignores the memory limit`);
        if (COLLECTOR_FLAG.test(opts)) failures.push(`${where}: ${COLLECTOR_ADVICE}`);
      }
    }
  }
  return failures;
}

export function checkWorkerGrace(docs, repo) {
  const failures = [];
  const configMaps = configMapsOf(docs);
  let seen = false;
  for (const { doc, spec, container, svc } of serviceContainers(docs)) {
    if (svc !== "worker") continue;
    seen = true;
    const props = envFromProperties(container, configMaps);
    const fromEnv = (container.env ?? []).find((e) => e.name === "urlcheck.worker.drain-grace")?.value;
    const source = knownProperties(repo, SERVICES.worker.module).defaults.get("drain-grace") ?? "20s";
    const drain = durationSeconds(fromEnv ?? props.get("urlcheck.worker.drain-grace")?.value ?? source);
    const grace = spec.terminationGracePeriodSeconds ?? 30;
    if (!(grace > drain)) failures.push(`${id(doc)}: terminationGracePeriodSeconds ${grace} is not longer than drain grace ${drain}s`);
    else if (grace < drain + 10) failures.push(`${id(doc)}: terminationGracePeriodSeconds ${grace} leaves under 10s after the ${drain}s drain to commit and close`);
  }
  if (!seen) failures.push("no worker Deployment rendered");
  return failures;
}

export function checkConfigKeys(docs, repo) {
  const failures = [];
  const warnings = [];
  const configMaps = configMapsOf(docs);
  const known = new Map();
  for (const { doc, container, svc } of serviceContainers(docs)) {
    if (!known.has(svc)) known.set(svc, knownProperties(repo, SERVICES[svc].module));
    const props = known.get(svc);
    const where = `${id(doc)} (${SERVICES[svc].module})`;
    if (!props.found) failures.push(`${where}: no @ConfigMapping found in its sources`);
    for (const [key, { from }] of envFromProperties(container, configMaps)) {
      if (!props.isKnown(key)) failures.push(`${where}: ${from} key ${key} is not a property the service reads`);
    }
    for (const e of container.env ?? []) {
      if (e.name.includes(".") && !props.isKnown(e.name)) {
        warnings.push(`${where}: env ${e.name} is not (yet) a property the service reads`);
      }
    }
  }
  return { failures, warnings };
}

/** Topic names from contract/src/main/java/io/urlcheck/contract/Topics.java. */
export function contractTopics(repo) {
  const src = fs.readFileSync(path.join(repo, "contract/src/main/java/io/urlcheck/contract/Topics.java"), "utf8");
  return [...src.matchAll(/public static final String (\w+)\s*=\s*"(urlcheck\.[^"]+)"/g)].map((m) => ({ constant: m[1], name: m[2] }));
}

function topicName(t) {
  return t.spec?.topicName ?? t.metadata.name;
}

export function checkKafka(docs, repo) {
  const failures = [];
  const topics = docs.filter((d) => d.kind === "KafkaTopic");
  const byName = new Map(topics.map((t) => [topicName(t), t]));
  const clusters = docs.filter((d) => d.kind === "Kafka").map((k) => k.metadata.name);
  if (topics.length || clusters.length) {
    for (const { constant, name } of contractTopics(repo)) {
      if (!byName.has(name)) failures.push(`no KafkaTopic for Topics.${constant} (${name})`);
    }
    const requests = byName.get("urlcheck.requests");
    if (requests && !(requests.spec?.partitions >= 24)) failures.push(`KafkaTopic urlcheck.requests has ${requests.spec?.partitions} partitions, needs >= 24`);
    const jobs = byName.get("urlcheck.jobs");
    if (jobs && jobs.spec?.config?.["cleanup.policy"] !== "compact") failures.push("KafkaTopic urlcheck.jobs is not compacted");
    for (const cr of docs.filter((d) => ["KafkaTopic", "KafkaUser", "KafkaNodePool"].includes(d.kind))) {
      const cluster = cr.metadata.labels?.["strimzi.io/cluster"];
      if (!clusters.includes(cluster)) failures.push(`${id(cr)}: strimzi.io/cluster ${cluster} names no rendered Kafka (${clusters})`);
    }
    const users = new Map(docs.filter((d) => d.kind === "KafkaUser").map((u) => [u.metadata.name, u]));
    for (const { doc, container, svc } of serviceContainers(docs)) {
      const ref = (container.env ?? []).find((e) => e.name === "kafka.sasl.jaas.config")?.valueFrom?.secretKeyRef?.name;
      const user = ref && users.get(ref);
      if (!user) {
        failures.push(`${id(doc)}: kafka.sasl.jaas.config does not come from a rendered KafkaUser's Secret`);
        continue;
      }
      const granted = (user.spec?.authorization?.acls ?? []).flatMap((a) =>
        (a.operations ?? [a.operation]).map((op) => `${a.resource.type}:${a.resource.name}:${op}`));
      const expected = EXPECTED_ACLS[svc];
      const extra = granted.filter((g) => !expected.includes(g));
      const missing = expected.filter((e) => !granted.includes(e));
      if (extra.length) failures.push(`${id(user)} (${svc}): ACLs beyond what the ${svc} uses: ${extra.join(", ")}`);
      if (missing.length) failures.push(`${id(user)} (${svc}): missing ACLs: ${missing.join(", ")}`);
      const channels = knownProperties(repo, SERVICES[svc].module).channels;
      for (const c of channels.filter((c) => c.topic)) {
        const op = c.direction === "incoming" ? "Read" : "Write";
        if (!granted.includes(`topic:${c.topic}:${op}`)) failures.push(`${id(user)} (${svc}): channel ${c.name} ${c.direction === "incoming" ? "reads" : "writes"} ${c.topic} without a ${op} ACL`);
        if (c.group && !granted.includes(`group:${c.group}:Read`)) failures.push(`${id(user)} (${svc}): channel ${c.name} uses group ${c.group} without a Read ACL`);
      }
      const wildcard = (user.spec?.authorization?.acls ?? []).filter((a) => a.resource.patternType === "prefix" || a.resource.name === "*");
      if (wildcard.length) failures.push(`${id(user)}: prefixed or wildcard ACLs`);
    }
  }
  for (const so of docs.filter((d) => d.kind === "ScaledObject")) {
    const min = so.spec.minReplicaCount ?? 0;
    const max = so.spec.maxReplicaCount ?? 100;
    if (min < 1) failures.push(`${id(so)}: minReplicaCount ${min} < 1 (a worker must stay to drain a trickle)`);
    for (const t of so.spec.triggers.filter((t) => t.type === "kafka")) {
      const topic = byName.get(t.metadata.topic);
      if (!topic) failures.push(`${id(so)}: trigger topic ${t.metadata.topic} has no KafkaTopic`);
      else if (max > topic.spec.partitions) failures.push(`${id(so)}: maxReplicaCount ${max} > ${topic.spec.partitions} partitions of ${t.metadata.topic}`);
      if (t.metadata.consumerGroup !== "urlcheck-worker") failures.push(`${id(so)}: trigger group ${t.metadata.consumerGroup} is not urlcheck-worker`);
    }
    const target = docs.find((d) => d.kind === "Deployment" && d.metadata.name === so.spec.scaleTargetRef.name);
    if (!target) failures.push(`${id(so)}: scaleTargetRef ${so.spec.scaleTargetRef.name} names no rendered Deployment`);
  }
  for (const hpa of docs.filter((d) => d.kind === "HorizontalPodAutoscaler")) {
    const requests = byName.get("urlcheck.requests");
    if (requests && hpa.spec.maxReplicas > requests.spec.partitions) failures.push(`${id(hpa)}: maxReplicas ${hpa.spec.maxReplicas} > ${requests.spec.partitions} partitions`);
    if ((hpa.spec.minReplicas ?? 1) < 1) failures.push(`${id(hpa)}: minReplicas < 1`);
    if (!docs.find((d) => d.kind === hpa.spec.scaleTargetRef.kind && d.metadata.name === hpa.spec.scaleTargetRef.name)) failures.push(`${id(hpa)}: scaleTargetRef names no rendered workload`);
  }
  if (docs.some((d) => d.kind === "HorizontalPodAutoscaler") && docs.some((d) => d.kind === "ScaledObject")) {
    failures.push("both a ScaledObject and an HPA scale the workers");
  }
  // Bootstrap addresses must name something this overlay renders: a Service, or a Strimzi Kafka's bootstrap.
  const services = new Set(docs.filter((d) => d.kind === "Service").map((d) => d.metadata.name));
  const bootstraps = new Set(clusters.map((c) => `${c}-kafka-bootstrap`));
  const checkBootstrap = (where, value) => {
    for (const hostPort of String(value).split(",")) {
      const host = hostPort.trim().split(":")[0].split(".")[0];
      if (!services.has(host) && !bootstraps.has(host)) failures.push(`${where}: bootstrap ${hostPort} is not a rendered Service nor a Kafka bootstrap`);
    }
  };
  for (const cm of docs.filter((d) => d.kind === "ConfigMap" && d.data?.["kafka.bootstrap.servers"])) {
    checkBootstrap(id(cm), cm.data["kafka.bootstrap.servers"]);
  }
  for (const so of docs.filter((d) => d.kind === "ScaledObject")) {
    for (const t of so.spec.triggers.filter((t) => t.type === "kafka")) checkBootstrap(id(so), t.metadata.bootstrapServers);
  }
  return failures;
}

export function checkScrape(docs) {
  const failures = [];
  for (const { doc, svc } of serviceContainers(docs)) {
    const a = doc.spec.template.metadata?.annotations ?? {};
    if (a["prometheus.io/scrape"] !== "true" || a["prometheus.io/path"] !== "/q/metrics" || a["prometheus.io/port"] !== String(SERVICES[svc].port)) {
      failures.push(`${id(doc)}: Prometheus scrape annotations missing or not /q/metrics on ${SERVICES[svc].port}`);
    }
  }
  return failures;
}

/**
 * The images' Dockerfiles (<module>/src/main/docker/Dockerfile.jvm): a tagged JRE 21 base, the fast-jar
 * layout, a non-root USER equal to the pods' runAsUser, and a bash entrypoint (dotted env names survive).
 */
export function checkDockerfiles(docs, repo) {
  const failures = [];
  const seen = new Set();
  for (const { doc, spec, container, svc } of serviceContainers(docs)) {
    const module = SERVICES[svc].module;
    const file = path.join(repo, module, "src/main/docker/Dockerfile.jvm");
    if (!fs.existsSync(file)) {
      failures.push(`${module}: no src/main/docker/Dockerfile.jvm`);
      continue;
    }
    const text = fs.readFileSync(file, "utf8").replace(/^\s*#.*$/gm, "");
    // FROM ${BASE} takes the ARG's default: the base a user pulls (scripts/build-images passes a local one).
    const args = new Map([...text.matchAll(/^ARG\s+(\w+)=(\S+)/gm)].map((m) => [m[1], m[2]]));
    const from = (/^FROM\s+(\S+)/m.exec(text)?.[1] ?? "").replace(/\$\{(\w+)\}|\$(\w+)/g, (m, a, b) => args.get(a ?? b) ?? m);
    const user = [...text.matchAll(/^USER\s+(\S+)/gm)].pop()?.[1];
    if (!seen.has(module)) {
      seen.add(module);
      if (!/:[^/]+$/.test(from) || from.endsWith(":latest")) failures.push(`${module}/Dockerfile.jvm: base image ${from} has no pinned tag`);
      if (!/(openjdk-21|jdk-?21|:21[.-])/.test(from)) failures.push(`${module}/Dockerfile.jvm: base image ${from} is not a Java 21 runtime`);
      if (!user || user === "root" || user === "0" || user.startsWith("0:")) failures.push(`${module}/Dockerfile.jvm: runs as ${user ?? "root (no USER)"}`);
      for (const part of ["lib/", "*.jar", "app/", "quarkus/"]) {
        if (!text.includes(`target/quarkus-app/${part}`)) failures.push(`${module}/Dockerfile.jvm: does not copy target/quarkus-app/${part}`);
      }
      if (!/ENTRYPOINT.*run-java\.sh/.test(text)) failures.push(`${module}/Dockerfile.jvm: entrypoint is not run-java.sh (bash)`);
      const append = /^ENV\s+JAVA_OPTS_APPEND=(.*)$/m.exec(text)?.[1] ?? "";
      if (COLLECTOR_FLAG.test(append)) failures.push(`${module}/Dockerfile.jvm: ${COLLECTOR_ADVICE}`);
    }
    const runAs = container.securityContext?.runAsUser ?? spec.securityContext?.runAsUser;
    if (user && runAs !== undefined && String(runAs) !== user.split(":")[0]) {
      failures.push(`${id(doc)}: runAsUser ${runAs} differs from the image's USER ${user}`);
    }
  }
  return failures;
}

/** The subset for helper manifests outside the overlays (deploy/examples): tags and non-root. */
export function checkExampleInvariants(docs) {
  return { failures: [...checkImageTags(docs).map((f) => `[image-tags] ${f}`), ...checkNonRoot(docs).map((f) => `[non-root] ${f}`)], warnings: [] };
}

/** Runs every invariant; returns {failures, warnings}, each failure naming its check. `install`: the install
 * script's dry-run plan (installPlan); computed from deploy/install/production.sh when the overlay has a Kafka. */
export function checkInvariants(docs, repo, { install, overlayDir } = {}) {
  const failures = [];
  const add = (name, list) => failures.push(...list.map((f) => `[${name}] ${f}`));
  add("probes", checkProbes(docs));
  add("image-tags", checkImageTags(docs));
  add("non-root", checkNonRoot(docs));
  add("resources", checkResources(docs));
  add("worker-grace", checkWorkerGrace(docs, repo));
  const keys = checkConfigKeys(docs, repo);
  add("config-keys", keys.failures);
  add("kafka", checkKafka(docs, repo));
  add("scrape", checkScrape(docs));
  add("dockerfiles", checkDockerfiles(docs, repo));
  const strimzi = docs.some((d) => d.kind === "Kafka");
  let plan = install;
  if (strimzi && plan === undefined) {
    try {
      plan = installPlan(repo);
    } catch (e) {
      add("install", [`deploy/install/production.sh --dry-run failed: ${String(e.stderr || e.message).trim()}`]);
    }
  }
  add("kafka-cluster-id", checkClusterIds(docs));
  // Admission and NetworkPolicies exist on a cluster: overlays that create their Namespace (dev, production).
  // An overlay without one (e.g. a Podman `kube play` stack on host networking) is checked for the rest.
  const cluster = docs.some((d) => d.kind === "Namespace");
  if (cluster) add("pod-security", checkPodSecurity(docs, plan));
  if (strimzi) add("install", [...checkInstall(docs, repo, plan, overlayDir), ...checkReadmeInstall(repo)]);
  add("database-tls", checkDatabaseTls(docs, repo, plan));
  add("keda", checkKeda(docs));
  add("autoscaled-replicas", checkAutoscaledReplicas(docs));
  if (cluster) add("network", checkNetworkPolicies(docs, repo));
  add("spread", checkSpreadAndDisruption(docs));
  const uploads = checkUploadSpool(docs, repo);
  add("uploads", uploads.failures);
  add("compression", checkCompression(docs, repo));
  add("migration", checkMigration(docs, repo));
  add("capacity", checkCapacity(docs, repo));
  if (cluster) add("monitoring", checkMonitoring(docs, repo));
  return { failures, warnings: [...keys.warnings, ...uploads.warnings] };
}
