// Invariants a real cluster would enforce but no local run can: what Pod Security admission,
// Strimzi, KEDA, NetworkPolicies, the scheduler and the install order do to the rendered manifests.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { clusterIdError, clusterIdsOf } from "./kraft.mjs";
import { restrictedViolations, strimziPods } from "./podsecurity.mjs";
import { Network, labelsMatch, cidrBounds } from "./netpol.mjs";
import { plan, markdown, ASSUMPTIONS } from "../../capacity/plan.mjs";
import { durationSeconds } from "./invariants.mjs";

const POD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet", "CronJob", "Pod"]);
const id = (d) => `${d.kind}/${d.metadata?.name}`;

export function podSpec(doc) {
  if (doc.kind === "Pod") return doc.spec;
  return doc.kind === "CronJob" ? doc.spec?.jobTemplate?.spec?.template?.spec : doc.spec?.template?.spec;
}

function podLabels(doc) {
  if (doc.kind === "Pod") return doc.metadata?.labels ?? {};
  return (doc.kind === "CronJob" ? doc.spec?.jobTemplate?.spec?.template : doc.spec?.template)?.metadata?.labels ?? {};
}

const svcOf = (c) => /(?:^|\/)(producer|worker|sink)-service(?:[:@]|$)/.exec(c?.image ?? "")?.[1];

function serviceWorkloads(docs) {
  const out = [];
  for (const doc of docs.filter((d) => d.kind === "Deployment")) {
    const c = podSpec(doc)?.containers?.find((x) => svcOf(x));
    if (c) out.push({ doc, container: c, svc: svcOf(c), spec: podSpec(doc) });
  }
  return out;
}

/** key=value lines of a .properties file, profile-free keys only. */
export function readProperties(file) {
  const map = new Map();
  if (!fs.existsSync(file)) return map;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const t = line.trim();
    if (!t || t.startsWith("#") || t.startsWith("!") || t.startsWith("%")) continue;
    const eq = t.search(/[=:]/);
    if (eq > 0) map.set(t.slice(0, eq).trim(), t.slice(eq + 1).trim());
  }
  return map;
}

/** The value of a property for a service container: env, then its ConfigMaps, then application.properties. */
function effective(docs, repo, { container, svc }, key) {
  const env = (container.env ?? []).find((e) => e.name === key);
  if (env?.value !== undefined) return env.value;
  for (const ef of container.envFrom ?? []) {
    const cm = docs.find((d) => d.kind === "ConfigMap" && d.metadata.name === ef.configMapRef?.name);
    if (cm?.data?.[key] !== undefined) return cm.data[key];
  }
  return readProperties(path.join(repo, `${svc}-service/src/main/resources/application.properties`)).get(key);
}

/** Sizes in bytes: Kubernetes quantities ("2560Mi", "2Gi", "2G" = 10^9) or, with quarkus, MemorySize ("2G" = 2^31). */
export function bytes(text, { quarkus = false } = {}) {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]i?|k)?[bB]?$/.exec(String(text).trim());
  if (!m) throw new Error(`not a size: ${text}`);
  const unit = (m[2] ?? "").toUpperCase();
  const pow = { "": 0, K: 1, M: 2, G: 3, T: 4 }[unit.replace("I", "")];
  const base = unit.endsWith("I") || quarkus ? 1024 : 1000;
  return Number(m[1]) * base ** pow;
}

// 1. KRaft cluster ids.
export function checkClusterIds(docs) {
  const failures = [];
  for (const doc of docs.filter((d) => POD_KINDS.has(d.kind))) {
    for (const c of [...(podSpec(doc)?.initContainers ?? []), ...(podSpec(doc)?.containers ?? [])]) {
      if (!/kafka/i.test(c.image ?? "")) continue;
      for (const { id: cid, from } of clusterIdsOf(c)) {
        const err = clusterIdError(cid);
        if (err) failures.push(`${id(doc)} container ${c.name} (${from}): ${err}; Kafka's Uuid.fromString rejects it (kafka-storage format up to 3.8 refuses it; 3.9+ stores it unchecked, against the documented format)`);
      }
    }
  }
  return failures;
}

// 2. Pod Security `restricted`: every rendered pod template, and the pods Strimzi will create.
export function checkPodSecurity(docs, install) {
  const failures = [];
  for (const ns of docs.filter((d) => d.kind === "Namespace")) {
    if (ns.metadata.labels?.["pod-security.kubernetes.io/enforce"] !== "restricted") failures.push(`${id(ns)}: does not enforce Pod Security restricted`);
  }
  for (const doc of docs.filter((d) => POD_KINDS.has(d.kind))) {
    for (const v of restrictedViolations(podSpec(doc))) failures.push(`${id(doc)}: violates Pod Security restricted: ${v}`);
  }
  if (docs.some((d) => d.kind === "Kafka")) {
    const providers = ["baseline"];
    if (install?.strimziProvider) providers.push(install.strimziProvider);
    for (const provider of providers) {
      for (const pod of strimziPods(docs, provider)) {
        for (const v of restrictedViolations(pod.spec)) failures.push(`Strimzi pod ${pod.name} under the ${provider} provider: violates Pod Security restricted: ${v}`);
      }
    }
  }
  return failures;
}

// 3. The install script, run with --dry-run.
export function installPlan(repo, script = path.join(repo, "deploy/install/production.sh")) {
  const out = execFileSync("bash", [script, "--dry-run"], { encoding: "utf8", cwd: repo, env: { ...process.env, OVERLAY: "" } });
  const commands = out.split("\n").filter(Boolean).map(shellWords);
  const strimzi = commands.findIndex((c) => c[0] === "helm" && c.includes("strimzi") && c.some((w) => w.includes("strimzi-kafka-operator")));
  const sets = strimzi < 0 ? [] : commands[strimzi].flatMap((w, i, a) => (a[i - 1] === "--set" ? [w] : []));
  const env = new Map();
  for (const s of sets) {
    const m = /^extraEnvs\[(\d+)\]\.(name|value)=(.*)$/.exec(s);
    if (m) env.set(m[1], { ...env.get(m[1]), [m[2]]: m[3] });
  }
  const providerEnv = [...env.values()].find((e) => e.name === "STRIMZI_POD_SECURITY_PROVIDER_CLASS")?.value;
  const provider = providerEnv === "restricted" || providerEnv === "io.strimzi.plugin.security.profiles.impl.RestrictedPodSecurityProvider" ? "restricted"
    : providerEnv ? "unknown" : "baseline";
  const watch = /^watchNamespaces=\{(.*)\}$/.exec(sets.find((s) => s.startsWith("watchNamespaces=")) ?? "")?.[1]?.split(",") ?? [];
  const secrets = new Map();
  commands.forEach((c, i) => {
    const k = c.indexOf("secret");
    if (c[0] === "kubectl" && c[k - 1] === "create" && c[k + 1] === "generic") {
      const ns = c[c.indexOf("-n") + 1];
      const keys = new Map();
      for (const w of c) {
        const m = /^--from-(?:literal|file)=([^=]+)=(.*)$/.exec(w);
        if (m) keys.set(m[1], m[2]);
      }
      secrets.set(c[k + 2], { ns, keys, index: i });
    }
  });
  const find = (pred) => commands.findIndex(pred);
  return {
    commands,
    strimziProvider: provider,
    watchNamespaces: watch,
    secrets,
    namespaceStep: find((c) => c[0] === "kubectl" && c[1] === "apply" && c[2] === "-f" && /namespace\.yaml$/.test(c[3] ?? "")),
    strimziStep: strimzi,
    kedaStep: find((c) => c[0] === "helm" && c.includes("kedacore/keda")),
    monitoringCrdsStep: find((c) => c[0] === "helm" && c.includes("prometheus-community/prometheus-operator-crds")),
    applyStep: find((c) => c[0] === "kubectl" && c[1] === "apply" && c[2] === "-k"),
  };
}

/** Splits one line of `printf %q` output into words. */
export function shellWords(line) {
  const words = [];
  let w = "";
  let quote = null;
  let any = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = null;
      else w += ch;
    } else if (ch === "\\" && i + 1 < line.length) {
      w += line[++i];
      any = true;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      any = true;
    } else if (ch === " ") {
      if (any || w) words.push(w);
      w = "";
      any = false;
    } else {
      w += ch;
    }
  }
  if (any || w) words.push(w);
  return words;
}

/** Secrets pod templates and KEDA read that this overlay neither renders nor Strimzi creates. */
function externalSecrets(docs) {
  const rendered = new Set(docs.filter((d) => d.kind === "Secret").map((d) => d.metadata.name));
  const strimzi = new Set(docs.filter((d) => d.kind === "KafkaUser" && d.spec?.authentication?.password === undefined).map((d) => d.metadata.name));
  for (const k of docs.filter((d) => d.kind === "Kafka")) strimzi.add(`${k.metadata.name}-cluster-ca-cert`);
  const needs = new Map(); // name -> Set of keys
  const need = (name, key) => {
    if (!name || rendered.has(name) || strimzi.has(name)) return;
    if (!needs.has(name)) needs.set(name, new Set());
    if (key) needs.get(name).add(key);
  };
  for (const doc of docs.filter((d) => POD_KINDS.has(d.kind))) {
    const spec = podSpec(doc);
    for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
      for (const e of c.env ?? []) need(e.valueFrom?.secretKeyRef?.name, e.valueFrom?.secretKeyRef?.key);
    }
    for (const v of spec?.volumes ?? []) {
      if (v.secret) for (const it of v.secret.items ?? [{}]) need(v.secret.secretName, it.key);
    }
  }
  for (const ta of docs.filter((d) => d.kind === "TriggerAuthentication")) for (const r of ta.spec?.secretTargetRef ?? []) need(r.name, r.key);
  for (const u of docs.filter((d) => d.kind === "KafkaUser")) {
    const ref = u.spec?.authentication?.password?.valueFrom?.secretKeyRef;
    if (ref) need(ref.name, ref.key);
  }
  return needs;
}

export function checkInstall(docs, repo, install, overlayDir) {
  const failures = [];
  if (!docs.some((d) => d.kind === "Kafka")) return failures; // only overlays on Strimzi are installed by the script
  if (!install) return ["no install plan (deploy/install/production.sh --dry-run)"];
  const ns = docs.find((d) => d.kind === "Namespace")?.metadata?.name;
  const { namespaceStep, strimziStep, kedaStep, monitoringCrdsStep, applyStep } = install;
  if (namespaceStep < 0) failures.push("the install script never creates the namespace");
  if (strimziStep < 0) failures.push("the install script never installs Strimzi");
  else if (namespaceStep > strimziStep) failures.push(`the install script installs Strimzi (step ${strimziStep + 1}) before the namespace ${ns} exists (step ${namespaceStep + 1}): the chart's RoleBindings in it fail`);
  if (kedaStep < 0 && docs.some((d) => d.kind === "ScaledObject")) failures.push("the install script never installs KEDA");
  const monitoring = docs.some((d) => d.apiVersion?.startsWith("monitoring.coreos.com/"));
  if (monitoringCrdsStep < 0 && monitoring) failures.push("the install script never installs the Prometheus Operator's CRDs (PodMonitor, PrometheusRule)");
  if (applyStep < 0) failures.push("the install script never applies the overlay");
  for (const [what, step] of [["Strimzi", strimziStep], ["KEDA", kedaStep], ["the Prometheus Operator's CRDs", monitoringCrdsStep]]) {
    if (step >= 0 && applyStep >= 0 && step > applyStep) failures.push(`the install script applies the overlay before ${what} (its CRDs) is installed`);
  }
  if (ns && !install.watchNamespaces.includes(ns)) failures.push(`Strimzi is installed watching ${install.watchNamespaces.join(",") || "(its own namespace only)"}, not ${ns}`);
  if (install.strimziProvider !== "restricted") failures.push(`the Strimzi operator is installed with the ${install.strimziProvider} pod-security provider, not STRIMZI_POD_SECURITY_PROVIDER_CLASS=restricted`);
  for (const [name, keys] of externalSecrets(docs)) {
    const s = install.secrets.get(name);
    if (!s) {
      failures.push(`Secret ${name} (keys ${[...keys].join(", ")}) is read by the overlay but the install script never creates it`);
      continue;
    }
    if (ns && s.ns !== ns) failures.push(`the install script creates Secret ${name} in namespace ${s.ns}, not ${ns}`);
    for (const k of keys) if (!s.keys.has(k)) failures.push(`the install script's Secret ${name} has no key ${k}`);
    if (applyStep >= 0 && s.index > applyStep) failures.push(`the install script creates Secret ${name} after applying the overlay`);
  }
  if (overlayDir && applyStep >= 0) {
    const applied = install.commands[applyStep][3];
    if (applied && !/overlays\/production$/.test(applied.replace(/\/$/, ""))) failures.push(`the install script applies ${applied}, not the production overlay`);
  }
  return failures;
}

/** deploy/README.md must describe the install through the script, never with its own copies of the commands. */
export function checkReadmeInstall(repo) {
  const readme = fs.readFileSync(path.join(repo, "deploy/README.md"), "utf8");
  const failures = [];
  if (!readme.includes("deploy/install/production.sh")) failures.push("deploy/README.md does not point at deploy/install/production.sh");
  const blocks = [...readme.matchAll(/```(?:bash|sh)?\n([\s\S]*?)```/g)].map((m) => m[1]);
  for (const b of blocks) {
    for (const line of b.split("\n")) {
      if (/^\s*(helm (install|upgrade)|kubectl (create namespace|-n \S+ create secret)|kubectl apply -k deploy\/overlays\/production)/.test(line)) {
        failures.push(`deploy/README.md repeats an install command outside the script: ${line.trim()}`);
      }
    }
  }
  return failures;
}

// 4. The sink's database TLS: sslmode verify-* needs the CA file mounted where sslrootcert points.
export function checkDatabaseTls(docs, repo, install) {
  const failures = [];
  for (const w of serviceWorkloads(docs).filter((s) => s.svc === "sink")) {
    if (effective(docs, repo, w, "urlcheck.sink.store") !== "postgres") continue;
    const prefix = "quarkus.datasource.jdbc.additional-jdbc-properties.";
    const url = install?.secrets.get(
      (w.container.env ?? []).find((e) => e.name === "quarkus.datasource.jdbc.url")?.valueFrom?.secretKeyRef?.name)?.keys.get("jdbc-url");
    const urlParams = new URLSearchParams((url ?? "").split("?")[1] ?? "");
    const mode = urlParams.get("sslmode") ?? effective(docs, repo, w, `${prefix}sslmode`);
    const rootcert = urlParams.get("sslrootcert") ?? effective(docs, repo, w, `${prefix}sslrootcert`);
    if (url && urlParams.get("sslmode") && !/^verify-(full|ca)$/.test(urlParams.get("sslmode"))) {
      failures.push(`the install script's jdbc-url sets sslmode=${urlParams.get("sslmode")}, which overrides the overlay's verified TLS`);
    }
    if (!docs.some((d) => d.kind === "Kafka")) continue; // dev: the in-namespace PostgreSQL, no TLS
    if (!/^verify-(full|ca)$/.test(mode ?? "")) {
      failures.push(`${id(w.doc)}: the production database connection is not sslmode=verify-full (got ${mode ?? "PgJDBC's default prefer"})`);
      continue;
    }
    if (effective(docs, repo, w, `${prefix}sslfactory`) === "org.postgresql.ssl.DefaultJavaSSLFactory") continue; // the JVM's trust store
    if (!rootcert || rootcert === "system") {
      failures.push(`${id(w.doc)}: sslmode=${mode} without sslrootcert: PgJDBC looks for ~/.postgresql/root.crt, which the image lacks, and the sink crash-loops`);
      continue;
    }
    for (const c of [w.container, ...(w.spec.initContainers ?? []).filter((i) => i.image === w.container.image)]) {
      const mount = (c.volumeMounts ?? []).find((m) => rootcert.startsWith(m.mountPath.replace(/\/$/, "") + "/"));
      const volume = mount && (w.spec.volumes ?? []).find((v) => v.name === mount.name);
      const file = mount && rootcert.slice(mount.mountPath.replace(/\/$/, "").length + 1);
      const source = volume?.secret ?? volume?.configMap;
      const provides = source && (source.items ? source.items.some((it) => it.path === file) : true);
      if (!provides) failures.push(`${id(w.doc)} container ${c.name}: sslrootcert ${rootcert} is not a file of a mounted Secret or ConfigMap`);
    }
  }
  return failures;
}

// 5 and 10. KEDA: reachable bootstrap, a fallback, no inert cooldownPeriod.
export function checkKeda(docs) {
  const failures = [];
  const kafkas = docs.filter((d) => d.kind === "Kafka");
  for (const so of docs.filter((d) => d.kind === "ScaledObject")) {
    const min = so.spec.minReplicaCount ?? 0;
    const max = so.spec.maxReplicaCount ?? 100;
    if (so.spec.cooldownPeriod !== undefined && min > 0) {
      failures.push(`${id(so)}: cooldownPeriod ${so.spec.cooldownPeriod} has no effect with minReplicaCount ${min} (KEDA applies it only when scaling to zero); slow scale-in with advanced.horizontalPodAutoscalerConfig.behavior`);
    }
    const fb = so.spec.fallback;
    if (!fb) failures.push(`${id(so)}: no fallback: while KEDA cannot read the lag the workers stay at whatever count they had`);
    else if (!(fb.replicas >= Math.max(min, 1) && fb.replicas <= max && fb.failureThreshold >= 1)) failures.push(`${id(so)}: fallback replicas ${fb.replicas} outside [${min}, ${max}] or failureThreshold < 1`);
    for (const t of so.spec.triggers.filter((t) => t.type === "kafka")) {
      for (const hostPort of String(t.metadata.bootstrapServers).split(",")) {
        const host = hostPort.trim().split(":")[0];
        const labels = host.split(".");
        if (labels.length < 2) {
          failures.push(`${id(so)}: bootstrap ${hostPort} is a short name; KEDA resolves it from its own namespace, so the lookup fails and the workers never scale. Use <service>.${so.metadata.namespace}.svc`);
          continue;
        }
        if (labels[1] !== so.metadata.namespace) failures.push(`${id(so)}: bootstrap ${hostPort} names namespace ${labels[1]}, not ${so.metadata.namespace}`);
        const cluster = kafkas.find((k) => `${k.metadata.name}-kafka-bootstrap` === labels[0]);
        if (cluster && t.metadata.tls === "enable") {
          const ns = cluster.metadata.namespace;
          const sans = [labels[0], `${labels[0]}.${ns}`, `${labels[0]}.${ns}.svc`, `${labels[0]}.${ns}.svc.cluster.local`];
          if (!sans.includes(host)) failures.push(`${id(so)}: bootstrap host ${host} is not among the broker certificate's names (${sans.join(", ")})`);
        }
      }
    }
  }
  return failures;
}

// 6. Autoscaled workloads carry no replicas.
export function checkAutoscaledReplicas(docs) {
  const failures = [];
  const targets = [
    ...docs.filter((d) => d.kind === "ScaledObject").map((s) => ({ by: id(s), kind: s.spec.scaleTargetRef.kind ?? "Deployment", name: s.spec.scaleTargetRef.name })),
    ...docs.filter((d) => d.kind === "HorizontalPodAutoscaler").map((h) => ({ by: id(h), kind: h.spec.scaleTargetRef.kind, name: h.spec.scaleTargetRef.name })),
  ];
  for (const t of targets) {
    const w = docs.find((d) => d.kind === t.kind && d.metadata.name === t.name);
    if (w && w.spec?.replicas !== undefined) {
      failures.push(`${id(w)}: spec.replicas ${w.spec.replicas} in a workload ${t.by} scales: every kubectl apply -k resets the fleet to it`);
    }
  }
  return failures;
}

// NetworkPolicies: default deny, and exactly the traffic each workload needs.
const PUBLIC = "93.184.216.34";
const PUBLIC6 = "2606:4700::1111";
const PRIVATE = ["169.254.169.254", "10.96.0.1", "10.244.0.5", "172.20.0.10", "192.168.1.1", "127.0.0.1", "100.64.0.1"];
// IPv6 spellings of private or metadata addresses: NAT64 and IPv4-mapped 169.254.169.254, 6to4 and Teredo
// wrapping it, EC2's IPv6 metadata address (ULA), loopback, link-local.
const PRIVATE6 = ["64:ff9b::a9fe:a9fe", "64:ff9b:1::a9fe:a9fe", "::ffff:a9fe:a9fe", "2002:a9fe:a9fe::1",
  "2001:0:4136:e378:8000:63bf:5601:5601", "fd00:ec2::254", "::1", "fe80::1"];
const ADDRESS_POLICY = "worker-service/src/main/java/io/urlcheck/worker/address/AddressPolicy.java";

/** The worker's built-in block list (AddressPolicy.BLOCKED: "cidr", "reason" pairs), or undefined. */
export function workerBlockedRanges(repo) {
  const file = path.join(repo, ADDRESS_POLICY);
  if (!fs.existsSync(file)) return undefined;
  const body = /BLOCKED\s*=\s*ordered\(([\s\S]*?)\);/.exec(fs.readFileSync(file, "utf8"))?.[1];
  if (!body) return undefined;
  const strings = [...body.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  return strings.filter((_, i) => i % 2 === 0);
}
const NODELOCAL_DNS = "169.254.20.10";
const KUBE_DNS = { pod: { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } } };

/** The pods Strimzi creates for a Kafka, as labels (Labels.generateDefaultLabels plus the templates'). */
export function strimziEndpoints(docs, kafka) {
  const ns = kafka.metadata.namespace;
  const c = kafka.metadata.name;
  const base = { "strimzi.io/cluster": c, "strimzi.io/kind": "Kafka", "app.kubernetes.io/instance": c, "app.kubernetes.io/part-of": `strimzi-${c}` };
  const kt = kafka.spec?.kafka?.template?.pod?.metadata?.labels ?? {};
  const nodes = docs.filter((d) => d.kind === "KafkaNodePool" && d.metadata.labels?.["strimzi.io/cluster"] === c).map((p) => ({
    namespace: ns,
    roles: p.spec.roles ?? [],
    labels: { ...base, ...kt, ...(p.spec?.template?.pod?.metadata?.labels ?? {}), "strimzi.io/name": `${c}-kafka`, "strimzi.io/component-type": "kafka",
      "app.kubernetes.io/name": "kafka", "strimzi.io/pool-name": p.metadata.name,
      "strimzi.io/broker-role": String((p.spec.roles ?? []).includes("broker")), "strimzi.io/controller-role": String((p.spec.roles ?? []).includes("controller")) },
  }));
  const eo = kafka.spec?.entityOperator ? { namespace: ns, labels: { ...base, "strimzi.io/name": `${c}-entity-operator`, "strimzi.io/component-type": "entity-operator", "app.kubernetes.io/name": "entity-operator" } } : undefined;
  return { nodes, eo };
}

/** Where a bootstrap address lands: pods (labels) and a port, or undefined. */
function resolveBootstrap(docs, value, fromNs) {
  const first = String(value).split(",")[0].trim();
  const [hostname, portText] = first.split(":");
  const host = hostname.split(".")[0];
  const port = Number(portText);
  for (const k of docs.filter((d) => d.kind === "Kafka")) {
    if (`${k.metadata.name}-kafka-bootstrap` === host) return { pods: strimziEndpoints(docs, k).nodes.filter((n) => n.roles.includes("broker")), port, strimzi: k };
  }
  const svc = docs.find((d) => d.kind === "Service" && d.metadata.name === host);
  if (!svc) return undefined;
  const sp = (svc.spec.ports ?? []).find((p) => p.port === port);
  const pods = [];
  let target = port;
  for (const w of docs.filter((d) => POD_KINDS.has(d.kind) && labelsMatch({ matchLabels: svc.spec.selector }, podLabels(d)))) {
    pods.push({ namespace: w.metadata.namespace ?? fromNs, labels: podLabels(w) });
    if (sp && typeof sp.targetPort === "string") {
      const cp = podSpec(w).containers.flatMap((c) => c.ports ?? []).find((p) => p.name === sp.targetPort);
      if (cp) target = cp.containerPort;
    } else if (sp?.targetPort) target = sp.targetPort;
  }
  return { pods, port: target };
}

/** Strimzi's generated listener NetworkPolicy admits the listener's networkPolicyPeers (all when none). */
function strimziListenerAdmits(net, kafka, port, from) {
  const listener = (kafka.spec?.kafka?.listeners ?? []).find((l) => l.port === port);
  if (!listener) return false;
  const peers = listener.networkPolicyPeers ?? [];
  return !peers.length || peers.some((peer) => net.peerMatches(kafka, peer, from));
}

export function checkNetwork(docs, repo) {
  const failures = [];
  const workloads = docs.filter((d) => POD_KINDS.has(d.kind));
  if (!workloads.length) return failures;
  const ns = workloads[0].metadata.namespace ?? "default";
  const net = new Network(docs, ns);
  if (!net.hasDefaultDeny(ns)) failures.push(`namespace ${ns} has no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)`);
  const podOf = (d) => ({ namespace: d.metadata.namespace ?? ns, labels: podLabels(d) });
  const all = [...workloads.map((d) => ({ name: id(d), pod: podOf(d) }))];
  for (const k of docs.filter((d) => d.kind === "Kafka")) {
    const { nodes, eo } = strimziEndpoints(docs, k);
    nodes.forEach((n, i) => all.push({ name: `Strimzi ${k.metadata.name} node pool ${i}`, pod: n }));
    if (eo) all.push({ name: `Strimzi ${k.metadata.name} entity operator`, pod: eo });
    // Kafka nodes reach each other on the control plane and replication ports; the EO the replication port and the API.
    for (const a of nodes) {
      for (const b of nodes) {
        for (const port of [9090, 9091]) if (!net.egressAllows(a, { pod: b }, port)) failures.push(`Strimzi ${k.metadata.name}: Kafka nodes cannot reach each other on ${port}`);
      }
      if (eo && !net.egressAllows(eo, { pod: a }, 9091)) failures.push(`Strimzi ${k.metadata.name}: the entity operator cannot reach the brokers on 9091`);
    }
    if (eo && !net.egressAllows(eo, { ip: "10.96.0.1" }, 443)) failures.push(`Strimzi ${k.metadata.name}: the entity operator cannot reach the Kubernetes API`);
  }
  for (const { name, pod } of all) {
    for (const proto of ["UDP", "TCP"]) {
      if (!net.egressAllows(pod, KUBE_DNS, 53, proto)) failures.push(`${name}: no DNS (kube-dns ${proto}/53)`);
    }
    if (!net.egressAllows(pod, { ip: NODELOCAL_DNS }, 53, "UDP")) failures.push(`${name}: no DNS through NodeLocal DNSCache (${NODELOCAL_DNS} UDP/53)`);
  }
  for (const w of serviceWorkloads(docs)) {
    const pod = podOf(w.doc);
    const where = `${id(w.doc)} (${w.svc})`;
    const bootstrap = effective(docs, repo, w, "kafka.bootstrap.servers");
    const target = bootstrap && resolveBootstrap(docs, bootstrap, ns);
    if (!target?.pods.length) failures.push(`${where}: bootstrap ${bootstrap} resolves to no rendered Kafka pod`);
    for (const kp of target?.pods ?? []) {
      if (!net.egressAllows(pod, { pod: kp }, target.port)) failures.push(`${where}: egress to Kafka (${bootstrap}) is denied`);
      const admitted = target.strimzi ? strimziListenerAdmits(net, target.strimzi, target.port, { pod }) : net.ingressAllows(kp, { pod }, target.port);
      if (!admitted) failures.push(`${where}: Kafka's ingress does not admit it on ${target.port}`);
    }
    if (w.svc === "worker") {
      for (const a of [...PRIVATE, ...PRIVATE6]) for (const port of [80, 443]) if (net.egressAllows(pod, { ip: a }, port)) failures.push(`worker egress allows ${a}:${port}`);
      if (!net.egressAllows(pod, { ip: PUBLIC }, 443)) failures.push("worker egress does not allow the internet");
      if (!net.egressAllows(pod, { ip: PUBLIC6 }, 443)) failures.push(`worker egress does not allow the IPv6 internet (${PUBLIC6})`);
      // At least as strict as the worker's own address policy: both ends of every range it blocks are denied.
      const blocked = workerBlockedRanges(repo);
      if (!blocked?.length) failures.push(`cannot read the worker's block list (BLOCKED in ${ADDRESS_POLICY})`);
      for (const cidr of blocked ?? []) {
        for (const a of cidrBounds(cidr)) if (net.egressAllows(pod, { ip: a }, 443)) failures.push(`worker egress allows ${a}:443, in ${cidr}, which the worker's AddressPolicy blocks`);
      }
      if (net.egressAllows(pod, { ip: NODELOCAL_DNS }, 80)) failures.push(`worker egress allows ${NODELOCAL_DNS} beyond DNS`);
    } else {
      if (net.egressAllows(pod, { ip: PUBLIC }, 443)) failures.push(`${where}: egress reaches the internet (${PUBLIC}:443)`);
      if (net.egressAllows(pod, { ip: "169.254.169.254" }, 80)) failures.push(`${where}: egress reaches the metadata address`);
    }
    if (w.svc === "sink" && effective(docs, repo, w, "urlcheck.sink.store") === "postgres") {
      const dbPod = docs.find((d) => POD_KINDS.has(d.kind) && podLabels(d)["app.kubernetes.io/name"] === "postgres");
      const to = dbPod ? { pod: podOf(dbPod) } : { ip: "203.0.113.10" };
      if (!net.egressAllows(pod, to, 5432)) failures.push(`${where}: egress to PostgreSQL (${dbPod ? id(dbPod) : "external"}:5432) is denied`);
      if (dbPod && !net.ingressAllows(podOf(dbPod), { pod }, 5432)) failures.push(`${id(dbPod)}: ingress does not admit the sink on 5432`);
    }
    if (w.svc !== "worker") {
      for (const p of net.selecting(pod, "Ingress")) {
        for (const rule of p.spec.ingress ?? []) {
          if (!rule.from) failures.push(`${id(p)}: an ingress rule admits every source`);
          for (const peer of rule.from ?? []) {
            if (peer.ipBlock) failures.push(`${id(p)}: ingress from ipBlock ${peer.ipBlock.cidr}`);
            if (peer.namespaceSelector && !Object.keys(peer.namespaceSelector.matchLabels ?? {}).length) failures.push(`${id(p)}: ingress from every namespace`);
          }
        }
      }
    }
  }
  // Jobs and helpers that talk to Kafka (the dev topics Job): their bootstrap must be reachable too.
  for (const d of workloads.filter((x) => x.kind === "Job")) {
    const script = JSON.stringify(podSpec(d).containers.map((c) => [c.command, c.args]));
    const m = /b=([\w.-]+:\d+)/.exec(script) ?? /--bootstrap-server[= ]([\w.-]+:\d+)/.exec(script);
    const target = m && resolveBootstrap(docs, m[1], ns);
    for (const kp of target?.pods ?? []) {
      if (!net.egressAllows(podOf(d), { pod: kp }, target.port) || !net.ingressAllows(kp, { pod: podOf(d) }, target.port)) failures.push(`${id(d)}: cannot reach Kafka at ${m[1]}`);
    }
  }
  return failures;
}

// 9. Spreading and disruption budgets.
const SPREAD_KEYS = ["kubernetes.io/hostname", "topology.kubernetes.io/zone"];

function spreadFailures(where, constraints, labels) {
  const failures = [];
  for (const key of SPREAD_KEYS) {
    const c = (constraints ?? []).find((t) => t.topologyKey === key);
    if (!c) failures.push(`${where}: no topologySpreadConstraint on ${key}`);
    else if (!labelsMatch(c.labelSelector, labels) || !Object.keys(c.labelSelector?.matchLabels ?? {}).length) failures.push(`${where}: the ${key} spread constraint does not select its own pods`);
  }
  return failures;
}

export function checkSpreadAndDisruption(docs) {
  const failures = [];
  for (const w of serviceWorkloads(docs)) {
    if (w.svc !== "producer") failures.push(...spreadFailures(id(w.doc), w.spec.topologySpreadConstraints, podLabels(w.doc)));
    const pdb = docs.filter((d) => d.kind === "PodDisruptionBudget" && labelsMatch(d.spec.selector, podLabels(w.doc)));
    if (!pdb.length) failures.push(`no PodDisruptionBudget covers the ${w.svc}`);
  }
  for (const k of docs.filter((d) => d.kind === "Kafka")) {
    for (const node of strimziEndpoints(docs, k).nodes) {
      const pool = docs.find((d) => d.kind === "KafkaNodePool" && d.metadata.name === node.labels["strimzi.io/pool-name"]);
      const constraints = pool.spec?.template?.pod?.topologySpreadConstraints ?? k.spec?.kafka?.template?.pod?.topologySpreadConstraints;
      failures.push(...spreadFailures(`KafkaNodePool/${pool.metadata.name}`, constraints, node.labels));
      const host = (constraints ?? []).find((t) => t.topologyKey === "kubernetes.io/hostname");
      if (host && host.whenUnsatisfiable !== "DoNotSchedule") failures.push(`KafkaNodePool/${pool.metadata.name}: two Kafka nodes may share a host (hostname spread is not DoNotSchedule)`);
    }
  }
  return failures;
}

// 8. The producer's /tmp holds one maximal multipart upload, when the producer spools uploads there.
const SPOOL_HEADROOM = 512 * 1024 ** 2;

/** Does the producer take multipart uploads as RESTEasy Reactive FileUploads, which are spooled to disk first? */
export function producerSpoolsUploads(repo) {
  const dir = path.join(repo, "producer-service/src/main/java");
  const files = [];
  const walk = (d) => fs.existsSync(d) && fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith(".java") && files.push(path.join(d, e.name))));
  walk(dir);
  return files.some((f) => /\bFileUpload\b|@MultipartForm\b/.test(fs.readFileSync(f, "utf8")));
}

export function checkUploadSpool(docs, repo) {
  const failures = [];
  const warnings = [];
  const spools = producerSpoolsUploads(repo);
  for (const w of serviceWorkloads(docs).filter((s) => s.svc === "producer")) {
    const backstop = bytes(effective(docs, repo, w, "quarkus.http.limits.max-body-size") ?? "10M", { quarkus: true });
    const apiLimit = Number(effective(docs, repo, w, "urlcheck.producer.max-body-bytes")
      ?? /@WithDefault\("(\d+)"\)\s*long maxBodyBytes/.exec(fs.readFileSync(path.join(repo, "producer-service/src/main/java/io/urlcheck/producer/config/ProducerSettings.java"), "utf8"))?.[1]);
    const spool = Math.max(backstop, apiLimit);
    const uploads = effective(docs, repo, w, "quarkus.http.body.uploads-directory") ?? "/tmp/uploads";
    const mount = (w.container.volumeMounts ?? []).filter((m) => uploads.startsWith(m.mountPath.replace(/\/$/, "") + "/")).sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
    const volume = mount && (w.spec.volumes ?? []).find((v) => v.name === mount.name);
    if (!volume?.emptyDir) {
      failures.push(`${id(w.doc)}: uploads go to ${uploads}, which is not on a mounted emptyDir (the root filesystem is read-only)`);
      continue;
    }
    const limit = volume.emptyDir.sizeLimit ? bytes(volume.emptyDir.sizeLimit) : Infinity;
    if (spools && limit < spool + SPOOL_HEADROOM) {
      failures.push(`${id(w.doc)}: multipart uploads are spooled (FileUpload) to the ${mount.mountPath} emptyDir (sizeLimit ${volume.emptyDir.sizeLimit}), which cannot hold one ${(spool / 1024 ** 3).toFixed(2)} GiB upload plus 512 MiB: the kubelet evicts the pod mid-upload`);
    }
    if (!spools && limit > SPOOL_HEADROOM) {
      warnings.push(`${id(w.doc)}: the producer streams multipart uploads, so its ${mount.mountPath} emptyDir needs no ${volume.emptyDir.sizeLimit}; 256Mi will do`);
    }
  }
  return { failures, warnings };
}

// 10. Compression: a topic codec that differs from its writers' makes the brokers recompress every batch.
export function checkCompression(docs, repo) {
  const failures = [];
  const kafka = docs.find((d) => d.kind === "Kafka");
  if (!kafka) return failures;
  const brokerDefault = kafka.spec?.kafka?.config?.["compression.type"] ?? "producer";
  const workloads = serviceWorkloads(docs);
  const codec = (svc, keys, fallback) => {
    const w = workloads.find((x) => x.svc === svc);
    if (!w) return undefined;
    for (const k of keys) {
      const v = effective(docs, repo, w, k);
      if (v) return v;
    }
    return fallback;
  };
  const publisher = fs.readFileSync(path.join(repo, "producer-service/src/main/java/io/urlcheck/producer/messaging/RecordPublisher.java"), "utf8");
  const producerDefault = /COMPRESSION_TYPE_CONFIG,\s*"(\w+)"/.exec(publisher)?.[1] ?? "none";
  const producer = codec("producer", ["urlcheck.producer.kafka.compression.type"], producerDefault);
  const writers = {
    "urlcheck.requests": [["producer", producer]],
    "urlcheck.jobs": [["producer", producer]],
    "urlcheck.results": [["producer", producer], ["worker", codec("worker", ["mp.messaging.outgoing.results.compression.type", "kafka.compression.type"], "none")]],
  };
  for (const t of docs.filter((d) => d.kind === "KafkaTopic")) {
    const name = t.spec?.topicName ?? t.metadata.name;
    const type = t.spec?.config?.["compression.type"] ?? brokerDefault;
    if (type === "producer") continue;
    for (const [svc, c] of writers[name] ?? []) {
      if (c && c !== type) failures.push(`KafkaTopic ${name}: compression.type ${type} differs from the ${svc}'s ${c}: the brokers recompress every batch (use producer, or one codec)`);
    }
  }
  return failures;
}

// 10. The startup probe never runs during a Flyway migration: the migration runs in an init container.
export function checkMigration(docs, repo) {
  const failures = [];
  for (const w of serviceWorkloads(docs).filter((s) => s.svc === "sink")) {
    if (effective(docs, repo, w, "urlcheck.sink.store") !== "postgres") continue;
    if (effective(docs, repo, w, "quarkus.flyway.migrate-at-start") !== "true") continue;
    const init = (w.spec.initContainers ?? []).find((c) => c.image === w.container.image
      && (c.env ?? []).some((e) => e.name === "quarkus.init-and-exit" && e.value === "true"));
    const probe = w.container.startupProbe;
    const budget = probe ? (probe.periodSeconds ?? 10) * (probe.failureThreshold ?? 3) + (probe.initialDelaySeconds ?? 0) : Infinity;
    if (!init) {
      failures.push(`${id(w.doc)}: Flyway migrates at start inside the probed container: the startup probe (${budget}s) kills a longer migration mid-run. Run it in an init container with quarkus.init-and-exit=true`);
      continue;
    }
    // The same database, but the credentials may differ: the init container migrates as the schema's owner, the
    // sink runs as a role that only reads and writes rows (deploy/install/postgres-roles.sql).
    const credentials = new Set(["quarkus.datasource.username", "quarkus.datasource.password"]);
    const datasource = (c) => (c.env ?? []).filter((e) => e.name.startsWith("quarkus.datasource."));
    const names = (c) => new Set(datasource(c).filter((e) => !credentials.has(e.name)).map((e) => `${e.name}=${JSON.stringify(e.valueFrom ?? e.value)}`));
    const main = names(w.container);
    const mig = names(init);
    const missing = [...main].filter((n) => !mig.has(n));
    if (missing.length) failures.push(`${id(w.doc)}: init container ${init.name} migrates a different database than the sink (missing ${missing.map((m) => m.split("=")[0]).join(", ")})`);
    const unset = [...credentials].filter((n) => datasource(w.container).some((e) => e.name === n) && !datasource(init).some((e) => e.name === n));
    if (unset.length) failures.push(`${id(w.doc)}: init container ${init.name} sets no ${unset.join(", ")}: it would migrate as whatever role the image defaults to`);
    const envFrom = (c) => JSON.stringify(c.envFrom ?? []);
    if (envFrom(init) !== envFrom(w.container)) failures.push(`${id(w.doc)}: init container ${init.name} does not read the sink's ConfigMaps`);
    if (init.startupProbe || init.livenessProbe) failures.push(`${id(w.doc)}: init container ${init.name} has a probe that can kill the migration`);
  }
  return failures;
}

// The capacity plan: manifests, worker settings and the README agree with deploy/capacity/plan.mjs.
export function checkCapacity(docs, repo) {
  const failures = [];
  if (!docs.some((d) => d.kind === "Kafka")) return failures;
  const p = plan();
  const a = ASSUMPTIONS;
  const topic = (n) => docs.find((d) => d.kind === "KafkaTopic" && (d.spec?.topicName ?? d.metadata.name) === n);
  const requests = topic("urlcheck.requests");
  if (requests && requests.spec.partitions !== p.partitions) failures.push(`KafkaTopic urlcheck.requests: ${requests.spec.partitions} partitions, the capacity plan needs ${p.partitions}`);
  for (const n of ["urlcheck.intake", "urlcheck.requests", "urlcheck.results"]) {
    const ms = Number(topic(n)?.spec?.config?.["retention.ms"]);
    if (topic(n) && ms !== a.kafkaRetentionDays * 86400000) failures.push(`KafkaTopic ${n}: retention ${ms} ms, the capacity plan assumes ${a.kafkaRetentionDays} days`);
  }
  for (const so of docs.filter((d) => d.kind === "ScaledObject")) {
    if (so.spec.maxReplicaCount !== p.keda.maxReplicaCount) failures.push(`${id(so)}: maxReplicaCount ${so.spec.maxReplicaCount}, the capacity plan says ${p.keda.maxReplicaCount}`);
    for (const t of so.spec.triggers.filter((x) => x.type === "kafka")) {
      if (Number(t.metadata.lagThreshold) !== p.keda.lagThreshold) failures.push(`${id(so)}: lagThreshold ${t.metadata.lagThreshold}, the capacity plan says ${p.keda.lagThreshold}`);
    }
    if (so.spec.fallback && so.spec.fallback.replicas !== p.keda.fallbackReplicas) failures.push(`${id(so)}: fallback replicas ${so.spec.fallback.replicas}, the capacity plan says ${p.keda.fallbackReplicas}`);
  }
  for (const h of docs.filter((d) => d.kind === "HorizontalPodAutoscaler")) {
    if (h.spec.maxReplicas !== p.partitions) failures.push(`${id(h)}: maxReplicas ${h.spec.maxReplicas}, the capacity plan says ${p.partitions}`);
    for (const m of (h.spec.metrics ?? []).filter((x) => x.type === "Resource" && x.resource?.name === "cpu")) {
      const t = m.resource.target ?? {};
      const want = `${p.hpaCpuMillicores}m`;
      if (t.type !== "AverageValue" || t.averageValue !== want) {
        failures.push(`${id(h)}: CPU target ${t.type} ${t.averageValue ?? `${t.averageUtilization} %`}, the capacity plan says AverageValue ${want} (a saturated worker uses ${p.cpuPerWorker.toFixed(2)} core)`);
      }
    }
  }
  for (const pool of docs.filter((d) => d.kind === "KafkaNodePool")) {
    if (pool.spec.replicas !== a.brokers) failures.push(`${id(pool)}: ${pool.spec.replicas} nodes, the capacity plan assumes ${a.brokers}`);
    const size = pool.spec.storage?.volumes?.[0]?.size ?? pool.spec.storage?.size;
    if (size && bytes(size) !== a.brokerVolumeGiB * 1024 ** 3) failures.push(`${id(pool)}: volumes of ${size}, the capacity plan assumes ${a.brokerVolumeGiB}Gi`);
  }
  const w = serviceWorkloads(docs).find((s) => s.svc === "worker");
  if (w) {
    const defaults = fs.readFileSync(path.join(repo, "worker-service/src/main/java/io/urlcheck/worker/config/WorkerConfig.java"), "utf8");
    const def = (m) => new RegExp(`@WithDefault\\("([^"]+)"\\)\\s*\\S+\\s+${m}\\(`).exec(defaults)?.[1];
    const val = (key, method) => effective(docs, repo, w, key) ?? def(method);
    const checks = [
      ["urlcheck.worker.max-in-flight", "maxInFlight", (v) => Number(v) === a.maxInFlight, a.maxInFlight],
      ["urlcheck.worker.request-timeout", "requestTimeout", (v) => durationSeconds(v) === a.requestTimeoutSeconds, `${a.requestTimeoutSeconds}s`],
      ["urlcheck.worker.max-retries", "maxRetries", (v) => Number(v) === a.maxRetries, a.maxRetries],
      ["urlcheck.worker.retry-backoff-base", "retryBackoffBase", (v) => durationSeconds(v) === a.retryBackoffBaseSeconds, `${a.retryBackoffBaseSeconds}s`],
    ];
    for (const [key, method, ok, want] of checks) {
      const v = val(key, method);
      if (v === undefined || !ok(v)) failures.push(`worker ${key} is ${v}, the capacity plan assumes ${want}`);
    }
  }
  const readme = fs.readFileSync(path.join(repo, "deploy/README.md"), "utf8");
  const block = /<!-- capacity:begin -->\n([\s\S]*?)<!-- capacity:end -->/.exec(readme)?.[1];
  if (block === undefined) failures.push("deploy/README.md has no <!-- capacity:begin --> ... <!-- capacity:end --> section");
  else if (block !== markdown()) failures.push("deploy/README.md's capacity figures differ from `node deploy/capacity/plan.mjs`; paste its output between the capacity markers");
  if (!p.checks.historyOutlivesKafka) failures.push("capacity plan: history retention must exceed Kafka's, or a replayed result finds its partition dropped");
  return failures;
}
