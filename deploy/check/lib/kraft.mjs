// KRaft cluster ids, validated the way Kafka parses them (org.apache.kafka.common.Uuid.fromString): at most
// 24 characters, base64url (Base64.getUrlDecoder(), padding optional), decoding to exactly 16 bytes, and
// not one of Kafka's reserved ids (Uuid.RESERVED: the zero UUID and METADATA_TOPIC_ID). `kafka-storage.sh
// random-uuid` prints such an id: 22 characters. kafka-storage format parsed the id this way up to Kafka 3.8
// (StorageTool.buildMetadataProperties); KAFKA-17118 (3.9) dropped that parse, so 3.9+ formats any string,
// but tools and clients that read the id as a Uuid still expect this form.

const ALPHABET = /^[A-Za-z0-9_-]*$/;

/** The reason `id` is not a KRaft cluster id, or undefined when Kafka would accept it. */
export function clusterIdError(id) {
  const s = String(id);
  if (s.length > 24) return `cluster id ${s} is longer than 24 characters`;
  const body = s.replace(/={0,2}$/, "");
  if (!ALPHABET.test(body)) return `cluster id ${s} is not base64url (A-Z a-z 0-9 - _)`;
  if (body.length % 4 === 1) return `cluster id ${s} is not valid base64 (length ${body.length})`;
  const bytes = Buffer.from(body.replaceAll("-", "+").replaceAll("_", "/"), "base64");
  if (bytes.length !== 16) return `cluster id ${s} decodes to ${bytes.length} bytes, not the 16 of a UUID (use \`kafka-storage.sh random-uuid\`)`;
  const hex = bytes.toString("hex");
  if (hex === "0".repeat(32) || hex === "0".repeat(31) + "1") return `cluster id ${s} is a reserved UUID`;
  return undefined;
}

/** Cluster ids a pod template passes to a Kafka image: CLUSTER_ID / KAFKA_CLUSTER_ID env, or --cluster-id args. */
export function clusterIdsOf(container) {
  const ids = [];
  for (const e of container.env ?? []) {
    if ((e.name === "CLUSTER_ID" || e.name === "KAFKA_CLUSTER_ID") && e.value !== undefined) ids.push({ id: e.value, from: `env ${e.name}` });
  }
  const words = [...(container.command ?? []), ...(container.args ?? [])].join(" ");
  for (const m of words.matchAll(/--cluster-id[= ](\S+)|-t (\S+)/g)) ids.push({ id: m[1] ?? m[2], from: "--cluster-id" });
  return ids;
}
