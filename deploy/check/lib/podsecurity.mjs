// Pod Security Standards, `restricted` profile (https://kubernetes.io/docs/concepts/security/pod-security-standards/),
// as the API server's admission evaluates a pod spec; and the pods Strimzi's operator will create from a Kafka
// and its node pools, with the container security contexts its pod-security provider adds.

const RESTRICTED_VOLUMES = new Set(["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"]);
const SAFE_SYSCTLS = new Set(["kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes"]);
const VOLUME_KEYS = new Set(["name"]);

/** Every way `spec` (a PodSpec) breaks Pod Security `restricted`; [] when admission would accept it. */
export function restrictedViolations(spec) {
  const out = [];
  const pod = spec?.securityContext ?? {};
  if (spec?.hostNetwork || spec?.hostPID || spec?.hostIPC) out.push("uses host namespaces");
  for (const v of spec?.volumes ?? []) {
    const type = Object.keys(v).find((k) => !VOLUME_KEYS.has(k));
    if (type && !RESTRICTED_VOLUMES.has(type)) out.push(`volume ${v.name} is a ${type} volume`);
  }
  for (const s of pod.sysctls ?? []) if (!SAFE_SYSCTLS.has(s.name)) out.push(`unsafe sysctl ${s.name}`);
  if (pod.runAsUser === 0) out.push("pod runAsUser is 0");
  if (pod.seLinuxOptions?.type && !["container_t", "container_init_t", "container_kvm_t"].includes(pod.seLinuxOptions.type)) out.push("pod seLinuxOptions.type not allowed");
  if (pod.appArmorProfile?.type === "Unconfined") out.push("pod AppArmor profile Unconfined");
  const all = [...(spec?.initContainers ?? []), ...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])];
  for (const c of all) {
    const sc = c.securityContext ?? {};
    const where = `container ${c.name}`;
    if (sc.privileged) out.push(`${where}: privileged`);
    if (sc.allowPrivilegeEscalation !== false) out.push(`${where}: allowPrivilegeEscalation is not false`);
    if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true) out.push(`${where}: runAsNonRoot is not true`);
    if (sc.runAsUser === 0) out.push(`${where}: runAsUser is 0`);
    const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") out.push(`${where}: seccompProfile is not RuntimeDefault or Localhost`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) out.push(`${where}: capabilities do not drop ALL`);
    const added = (sc.capabilities?.add ?? []).filter((cap) => cap !== "NET_BIND_SERVICE");
    if (added.length) out.push(`${where}: adds capabilities ${added.join(", ")}`);
    if ((c.ports ?? []).some((p) => p.hostPort)) out.push(`${where}: hostPort`);
    if (sc.procMount && sc.procMount !== "Default") out.push(`${where}: procMount ${sc.procMount}`);
    if (sc.appArmorProfile?.type === "Unconfined") out.push(`${where}: AppArmor profile Unconfined`);
  }
  return out;
}

/** What Strimzi's providers put in a container's securityContext when the CR's template sets none. */
const PROVIDER_CONTAINER = {
  // BaselinePodSecurityProvider (Strimzi's default): the user's context or nothing.
  baseline: () => undefined,
  // RestrictedPodSecurityProvider: the user's context or this one.
  restricted: () => ({ allowPrivilegeEscalation: false, runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" }, capabilities: { drop: ["ALL"] } }),
};

function container(name, template, provider) {
  return { name, securityContext: template?.securityContext ?? PROVIDER_CONTAINER[provider]() };
}

/** Persistent storage gets fsGroup 0 from both providers when the template sets no pod securityContext. */
function stsPodSecurity(templatePod, storage) {
  if (templatePod?.securityContext) return templatePod.securityContext;
  const persistent = storage?.type === "persistent-claim" || (storage?.volumes ?? []).some((v) => v.type === "persistent-claim");
  return persistent ? { fsGroup: 0 } : undefined;
}

/**
 * The pods Strimzi creates for each Kafka in `docs` under `provider` ("baseline" or "restricted"): one per
 * KafkaNodePool (container kafka; init container kafka-init when rack awareness is on), the Entity Operator,
 * Kafka Exporter and Cruise Control when configured. Node-pool templates override the Kafka's.
 */
export function strimziPods(docs, provider) {
  const pods = [];
  for (const kafka of docs.filter((d) => d.kind === "Kafka")) {
    const name = kafka.metadata.name;
    const kt = kafka.spec?.kafka?.template ?? {};
    for (const pool of docs.filter((d) => d.kind === "KafkaNodePool" && d.metadata.labels?.["strimzi.io/cluster"] === name)) {
      const pt = pool.spec?.template ?? {};
      const podT = pt.pod ?? kt.pod;
      const containers = [container("kafka", pt.kafkaContainer ?? kt.kafkaContainer, provider)];
      const init = kafka.spec?.kafka?.rack ? [container("kafka-init", pt.initContainer ?? kt.initContainer, provider)] : [];
      pods.push({ name: `${name}-${pool.metadata.name} (KafkaNodePool)`,
        spec: { securityContext: stsPodSecurity(podT, pool.spec?.storage), initContainers: init, containers, volumes: [] } });
    }
    const eo = kafka.spec?.entityOperator;
    if (eo) {
      const t = eo.template ?? {};
      const cs = [];
      if (eo.topicOperator) cs.push(container("topic-operator", t.topicOperatorContainer, provider));
      if (eo.userOperator) cs.push(container("user-operator", t.userOperatorContainer, provider));
      pods.push({ name: `${name}-entity-operator`, spec: { securityContext: t.pod?.securityContext, containers: cs } });
    }
    if (kafka.spec?.kafkaExporter) {
      const t = kafka.spec.kafkaExporter.template ?? {};
      pods.push({ name: `${name}-kafka-exporter`, spec: { securityContext: t.pod?.securityContext, containers: [container("kafka-exporter", t.container, provider)] } });
    }
    if (kafka.spec?.cruiseControl) {
      const t = kafka.spec.cruiseControl.template ?? {};
      pods.push({ name: `${name}-cruise-control`, spec: { securityContext: t.pod?.securityContext, containers: [container("cruise-control", t.cruiseControlContainer, provider)] } });
    }
  }
  return pods;
}
