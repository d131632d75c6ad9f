// A small NetworkPolicy evaluator (networking.k8s.io/v1 semantics): a pod selected by no policy of a type is
// open in that direction; a selected pod admits exactly the union of the selecting policies' rules.
// Endpoints are {pod: {namespace, labels}} or {ip}, IPv4 or IPv6.

export function labelsMatch(selector, labels = {}) {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    if (e.operator === "In" && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === "NotIn" && has && e.values.includes(labels[e.key])) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
  }
  return true;
}

/** An address as [family, BigInt]: 4 or 6. IPv4-mapped IPv6 (::ffff:a.b.c.d) stays IPv6, as a CNI sees it. */
export function parseIp(text) {
  if (!text.includes(":")) return [4, text.split(".").reduce((a, o) => a * 256n + BigInt(Number(o)), 0n)];
  let [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const groups = (part) => {
    if (!part) return [];
    const out = [];
    for (const g of part.split(":")) {
      if (g.includes(".")) {
        const v = parseIp(g)[1];
        out.push(Number(v >> 16n), Number(v & 0xffffn));
      } else out.push(parseInt(g, 16));
    }
    return out;
  };
  const h = groups(head);
  const t = groups(tail);
  if (tail === undefined && h.length !== 8) throw new Error(`not an IPv6 address: ${text}`);
  const all = [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  if (all.length !== 8 || all.some((g) => !(g >= 0 && g <= 0xffff))) throw new Error(`not an IPv6 address: ${text}`);
  return [6, all.reduce((a, g) => (a << 16n) + BigInt(g), 0n)];
}

/** Is `address` in `cidr`? Never across families. */
export function inCidr(address, cidr) {
  const [base, bitsText] = cidr.split("/");
  const [family, start] = parseIp(base);
  const [af, ip] = parseIp(address);
  if (family !== af) return false;
  const width = family === 4 ? 32n : 128n;
  const host = width - BigInt(Number(bitsText ?? width));
  return ip >> host === start >> host;
}

/** The first and last address of `cidr`, as text. */
export function cidrBounds(cidr) {
  const [base, bitsText] = cidr.split("/");
  const [family, start] = parseIp(base);
  const width = family === 4 ? 32n : 128n;
  const host = width - BigInt(Number(bitsText ?? width));
  const first = (start >> host) << host;
  const last = first + (1n << host) - 1n;
  return [first, last].map((v) => formatIp(family, v));
}

function formatIp(family, v) {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join(".");
  const groups = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((v >> s) & 0xffffn).toString(16));
  return groups.join(":");
}

export class Network {
  /** `docs`: rendered documents; namespaces take labels from rendered Namespace objects. */
  constructor(docs, defaultNamespace = "default") {
    this.defaultNamespace = defaultNamespace;
    this.policies = docs.filter((d) => d.kind === "NetworkPolicy");
    this.nsLabels = new Map(docs.filter((d) => d.kind === "Namespace").map((n) => [n.metadata.name, n.metadata.labels ?? {}]));
  }

  namespaceOf(doc) {
    return doc.metadata?.namespace ?? this.defaultNamespace;
  }

  namespaceLabels(ns) {
    return { "kubernetes.io/metadata.name": ns, ...(this.nsLabels.get(ns) ?? {}) };
  }

  selecting(pod, type) {
    return this.policies.filter((p) => this.namespaceOf(p) === pod.namespace && (p.spec.policyTypes ?? ["Ingress"]).includes(type)
      && labelsMatch(p.spec.podSelector, pod.labels));
  }

  peerMatches(policy, peer, endpoint) {
    if (peer.ipBlock) {
      return endpoint.ip !== undefined && inCidr(endpoint.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((e) => inCidr(endpoint.ip, e));
    }
    if (!endpoint.pod) return false;
    const ns = endpoint.pod.namespace;
    const nsOk = peer.namespaceSelector ? labelsMatch(peer.namespaceSelector, this.namespaceLabels(ns)) : ns === this.namespaceOf(policy);
    return nsOk && (peer.podSelector ? labelsMatch(peer.podSelector, endpoint.pod.labels) : true);
  }

  /** `port` is a number, or {number, name} for a container port a policy may name (`port: http`). */
  static portMatches(rule, port, protocol) {
    if (!rule.ports?.length) return true;
    const number = typeof port === "object" ? port.number : port;
    const name = typeof port === "object" ? port.name : undefined;
    return rule.ports.some((p) => (p.protocol ?? "TCP") === protocol
      && (p.port === undefined || (p.port === number) || (name !== undefined && p.port === name)
        || (p.endPort !== undefined && number >= p.port && number <= p.endPort)));
  }

  /** May `from` (a pod) send to `to` (an endpoint) on port/protocol? Egress side only. */
  egressAllows(from, to, port, protocol = "TCP") {
    const selecting = this.selecting(from, "Egress");
    if (!selecting.length) return true;
    return selecting.some((p) => (p.spec.egress ?? []).some((rule) => Network.portMatches(rule, port, protocol)
      && (!rule.to?.length || rule.to.some((peer) => this.peerMatches(p, peer, to)))));
  }

  /** May `to` (a pod) receive from `from` (an endpoint) on port/protocol? Ingress side only. */
  ingressAllows(to, from, port, protocol = "TCP") {
    const selecting = this.selecting(to, "Ingress");
    if (!selecting.length) return true;
    return selecting.some((p) => (p.spec.ingress ?? []).some((rule) => Network.portMatches(rule, port, protocol)
      && (!rule.from?.length || rule.from.some((peer) => this.peerMatches(p, peer, from)))));
  }

  /** Is there a namespace-wide default deny of both directions? */
  hasDefaultDeny(ns) {
    return this.policies.some((p) => this.namespaceOf(p) === ns && Object.keys(p.spec.podSelector ?? {}).length === 0
      && ["Ingress", "Egress"].every((t) => (p.spec.policyTypes ?? []).includes(t)) && !(p.spec.ingress ?? []).length && !(p.spec.egress ?? []).length);
  }
}
