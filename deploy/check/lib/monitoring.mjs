// Invariants of deploy/observability as rendered into an overlay: what the Prometheus Operator, Prometheus and
// Grafana's sidecar would do with it, which no local run shows.
// - every PodMonitor selects at least one pod, and every pod it selects has the container port it names;
// - each service (producer, worker, sink) is scraped by some PodMonitor or ServiceMonitor at /q/metrics;
// - a Prometheus pod in a namespace labelled urlcheck.io/monitoring: "true" gets through the NetworkPolicies to
//   each service's metrics port;
// - a PodMonitor on Strimzi's Kafka pods scrapes the JMX exporter's port, which the pods have only when the Kafka
//   sets metricsConfig, and that names a rendered ConfigMap key; a Kafka that exports metrics is scraped;
// - every alert has a runbook_url naming a section of deploy/README.md that exists;
// - the dashboard ConfigMap carries the sidecar's label and each of its files is a dashboard JSON.
import fs from "node:fs";
import path from "node:path";
import { Network, labelsMatch } from "./netpol.mjs";
import { strimziEndpoints } from "./platform.mjs";

const SERVICES = ["producer", "worker", "sink"];
/** Where Strimzi's JMX exporter listens in a Kafka pod (MetricsModel); its NetworkPolicy admits it from anywhere. */
const STRIMZI_METRICS_PORT = "tcp-prometheus";
const POD_KINDS = new Set(["Deployment", "StatefulSet", "Job"]);
/** The Prometheus the README tells operators to run: the operator's pod label, in a labelled namespace. */
export const PROMETHEUS_POD = { namespace: "monitoring", labels: { "app.kubernetes.io/name": "prometheus" } };
export const MONITORING_NAMESPACE_LABEL = { "urlcheck.io/monitoring": "true" };

const id = (d) => `${d.kind}/${d.metadata?.name}`;
const template = (d) => d.spec?.template;

/** GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchorOf(heading) {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
}

function readmeAnchors(repo) {
  const text = fs.readFileSync(path.join(repo, "deploy/README.md"), "utf8");
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchorOf(m[1])));
}

export function checkMonitoring(docs, repo) {
  const monitors = docs.filter((d) => d.kind === "PodMonitor" || d.kind === "ServiceMonitor");
  if (!monitors.length && !docs.some((d) => d.kind === "PrometheusRule")) return [];
  const failures = [];
  const workloads = docs.filter((d) => POD_KINDS.has(d.kind) && template(d));
  const ns = workloads[0]?.metadata?.namespace ?? "default";
  const serviceOf = (w) => template(w).metadata?.labels?.["app.kubernetes.io/name"];
  const scraped = new Map(); // service -> [{port name, path}]

  const kafkas = docs.filter((d) => d.kind === "Kafka");
  const scrapedKafkas = new Set();
  for (const m of monitors.filter((d) => d.kind === "PodMonitor")) {
    const selected = workloads.filter((w) => labelsMatch(m.spec.selector, template(w).metadata?.labels));
    const brokers = kafkas.filter((k) => strimziEndpoints(docs, k).nodes.some((n) => labelsMatch(m.spec.selector, n.labels)));
    if (!selected.length && !brokers.length) failures.push(`${id(m)}: its selector matches no pod template`);
    for (const k of brokers) {
      failures.push(...strimziMetricsFailures(m, k, docs));
      scrapedKafkas.add(k);
    }
    for (const ep of m.spec.podMetricsEndpoints ?? []) {
      for (const w of selected) {
        const ports = (w.spec.template.spec.containers ?? []).flatMap((c) => c.ports ?? []);
        const port = ports.find((p) => p.name === ep.port);
        if (!port) {
          failures.push(`${id(m)}: ${id(w)} has no container port named ${ep.port ?? "(none)"}`);
          continue;
        }
        const svc = serviceOf(w);
        if (!scraped.has(svc)) scraped.set(svc, []);
        scraped.get(svc).push({ path: ep.path ?? "/metrics", port, workload: w });
      }
    }
  }
  for (const m of monitors.filter((d) => d.kind === "ServiceMonitor")) {
    const services = docs.filter((d) => d.kind === "Service" && labelsMatch(m.spec.selector, d.metadata.labels));
    if (!services.length) failures.push(`${id(m)}: its selector matches no Service`);
    for (const s of services) {
      for (const ep of m.spec.endpoints ?? []) {
        const sp = (s.spec.ports ?? []).find((p) => p.name === ep.port);
        if (!sp) failures.push(`${id(m)}: Service ${s.metadata.name} has no port named ${ep.port}`);
        for (const w of workloads.filter((x) => labelsMatch({ matchLabels: s.spec.selector }, template(x).metadata?.labels))) {
          const ports = (w.spec.template.spec.containers ?? []).flatMap((c) => c.ports ?? []);
          const port = ports.find((p) => p.name === sp?.targetPort || p.containerPort === sp?.targetPort) ?? ports[0];
          const svc = serviceOf(w);
          if (!scraped.has(svc)) scraped.set(svc, []);
          scraped.get(svc).push({ path: ep.path ?? "/metrics", port, workload: w });
        }
      }
    }
  }

  for (const k of kafkas.filter((x) => x.spec?.kafka?.metricsConfig && !scrapedKafkas.has(x))) {
    failures.push(`${id(k)}: sets metricsConfig, but no PodMonitor scrapes its pods' ${STRIMZI_METRICS_PORT} port`);
  }

  const net = new Network([...docs, { kind: "Namespace", metadata: { name: PROMETHEUS_POD.namespace, labels: MONITORING_NAMESPACE_LABEL } }], ns);
  for (const svc of SERVICES) {
    const targets = scraped.get(svc) ?? [];
    if (!targets.some((t) => t.path === "/q/metrics")) {
      failures.push(`no PodMonitor or ServiceMonitor scrapes the ${svc} at /q/metrics`);
      continue;
    }
    for (const t of targets) {
      const to = { namespace: t.workload.metadata.namespace ?? ns, labels: template(t.workload).metadata?.labels ?? {} };
      const port = { number: t.port.containerPort, name: t.port.name };
      if (!net.ingressAllows(to, { pod: PROMETHEUS_POD }, port, t.port.protocol ?? "TCP")) {
        failures.push(`${id(t.workload)}: a Prometheus pod (app.kubernetes.io/name: prometheus) in a namespace labelled urlcheck.io/monitoring: "true" cannot reach port ${t.port.name} (${t.port.containerPort}) through the NetworkPolicies`);
      }
    }
  }

  const anchors = readmeAnchors(repo);
  for (const r of docs.filter((d) => d.kind === "PrometheusRule")) {
    for (const g of r.spec.groups ?? []) {
      for (const rule of (g.rules ?? []).filter((x) => x.alert)) {
        const url = rule.annotations?.runbook_url;
        const m = /(?:^|\/)deploy\/README\.md#([\w-]+)$/.exec(url ?? "");
        if (!m) failures.push(`${id(r)}: alert ${rule.alert} has no runbook_url pointing at a section of deploy/README.md`);
        else if (!anchors.has(m[1])) failures.push(`${id(r)}: alert ${rule.alert}'s runbook_url names #${m[1]}, which no heading of deploy/README.md has`);
      }
    }
  }

  for (const cm of docs.filter((d) => d.kind === "ConfigMap" && /dashboard/.test(d.metadata.name))) {
    if (cm.metadata.labels?.grafana_dashboard !== "1") failures.push(`${id(cm)}: no label grafana_dashboard: "1", so Grafana's sidecar will not load it`);
    for (const [file, text] of Object.entries(cm.data ?? {})) {
      try {
        const dash = JSON.parse(text);
        if (!dash.uid || !Array.isArray(dash.panels) || !dash.panels.length) failures.push(`${id(cm)}: ${file} is not a dashboard (uid and panels)`);
      } catch (e) {
        failures.push(`${id(cm)}: ${file} is not JSON: ${e.message}`);
      }
    }
  }
  return failures;
}

/** What keeps PodMonitor `m` from scraping the JMX exporter in the pods Strimzi makes for Kafka `k`. */
function strimziMetricsFailures(m, k, docs) {
  const failures = [];
  const ref = k.spec?.kafka?.metricsConfig?.valueFrom?.configMapKeyRef;
  if (!k.spec?.kafka?.metricsConfig) {
    failures.push(`${id(m)}: selects the pods of ${id(k)}, which has no metricsConfig, so they have no ${STRIMZI_METRICS_PORT} port`);
  } else if (!docs.some((d) => d.kind === "ConfigMap" && d.metadata.name === ref?.name && d.data?.[ref?.key] !== undefined)) {
    failures.push(`${id(k)}: its metricsConfig names ConfigMap ${ref?.name} key ${ref?.key}, which this overlay does not render`);
  }
  for (const ep of m.spec.podMetricsEndpoints ?? []) {
    if (ep.port !== STRIMZI_METRICS_PORT) failures.push(`${id(m)}: Strimzi's Kafka pods have no port named ${ep.port ?? "(none)"} (the JMX exporter's is ${STRIMZI_METRICS_PORT})`);
    if ((ep.path ?? "/metrics") !== "/metrics") failures.push(`${id(m)}: the JMX exporter serves /metrics, not ${ep.path}`);
  }
  return failures;
}
