#!/usr/bin/env node
// The capacity plan for 1 billion URLs a day (deploy/README.md, "Capacity plan"), as arithmetic: change an
// assumption below and every figure follows. Usage:
//   node deploy/capacity/plan.mjs            # the README section (Markdown)
//   node deploy/capacity/plan.mjs --json     # every figure, for .ci/deploy-check
// .ci/deploy-check asserts that deploy/README.md carries exactly this output between the capacity markers,
// that the manifests use the sizes it derives (partitions, KEDA bounds, lag threshold, fallback, the HPA's CPU
// target), and that the assumptions that are also settings (max-in-flight, timeouts, retries, retention)
// match the manifests.

/** Every input of the plan. Times in seconds, sizes in bytes. */
export const ASSUMPTIONS = {
  urlsPerDay: 1e9,
  peakFactor: 2, // plan for twice the average: peaks and catch-up after an outage
  // Checks: most answer fast; a few hit the whole-attempt deadline on every try.
  fastCheckSeconds: 0.3, // p50 of a check that answers
  timeoutFraction: 0.05, // share of URLs that run to the deadline on every attempt
  requestTimeoutSeconds: 10, // urlcheck.worker.request-timeout
  maxRetries: 2, // urlcheck.worker.max-retries: a timing-out check is tried 1 + 2 times
  retryBackoffBaseSeconds: 0.5, // urlcheck.worker.retry-backoff-base; doubling, full jitter (mean half)
  maxInFlight: 256, // urlcheck.worker.max-in-flight
  cpuSecondsPerCheck: 0.002, // TLS handshake, parsing, JSON
  partitionHeadroom: 1.1, // partitions >= peak workers x this ...
  partitionMultiple: 48, // ... rounded up to a multiple of this (divisible by the 3 brokers and 24 sink partitions)
  lagSecondsPerWorker: 20, // KEDA adds a worker per this many seconds of one worker's work waiting
  hpaCpuShareOfSaturated: 0.7, // the HPA fallback adds workers above this share of a saturated worker's CPU
  // Messages (JSON) and how well each topic's codec compresses them.
  intakeBytes: 100,
  requestBytes: 250,
  resultBytes: 1000,
  intakeCompression: 1, // upstream writers may not compress
  requestCompression: 2.5, // lz4, the producer's codec
  resultCompression: 4, // zstd, the worker's codec for results
  replication: 3,
  brokers: 3,
  brokerVolumeGiB: 2000, // KafkaNodePool storage size
  kafkaRetentionDays: 3, // intake, requests, results retention.ms
  // PostgreSQL: each result writes three rows (sink-service db/migration).
  rowsPerResult: 3, // checks (history), latest (per URL), job_latest (per job and URL)
  historyRowBytes: 1450, // the full result as stored (~1 KB) + tuple overhead + indexes (check_id, url/checked_at)
  latestRowBytes: 1450, // the same result, one row per distinct URL, with its five indexes
  jobRowBytes: 450, // job_latest: job, url, outcome, status, times + primary key and (job, checked_at) index
  distinctUrls: 1e9, // worst case: every URL is new every day
  historyRetentionDays: 7, // daily partitions of `checks`; must exceed kafkaRetentionDays (idempotent replay)
  jobRetentionDays: 14, // job_latest rows of jobs idle this long are dropped
  walBytesPerRowWrite: 1500, // full-page writes and index updates included, rough
};

const ceil = Math.ceil;
const DAY = 86400;
const GB = 1e9;
const TB = 1e12;

/** Every figure of the plan, derived from `a`. */
export function plan(a = ASSUMPTIONS) {
  const rate = a.urlsPerDay / DAY;
  const peakRate = rate * a.peakFactor;
  const attempts = 1 + a.maxRetries;
  // Full-jitter backoff before retry k (k = 1..maxRetries) averages base * 2^(k-1) / 2.
  let backoff = 0;
  for (let k = 1; k <= a.maxRetries; k++) backoff += (a.retryBackoffBaseSeconds * 2 ** (k - 1)) / 2;
  const timeoutHold = attempts * a.requestTimeoutSeconds + backoff;
  const meanInFlight = (1 - a.timeoutFraction) * a.fastCheckSeconds + a.timeoutFraction * timeoutHold;
  const inFlight = rate * meanInFlight;
  const workers = ceil(inFlight / a.maxInFlight);
  const peakWorkers = ceil((peakRate * meanInFlight) / a.maxInFlight);
  const partitions = ceil((peakWorkers * a.partitionHeadroom) / a.partitionMultiple) * a.partitionMultiple;
  const perWorkerRate = a.maxInFlight / meanInFlight;
  const lagThreshold = Math.round((perWorkerRate * a.lagSecondsPerWorker) / 100) * 100;
  const cpuPerWorker = perWorkerRate * a.cpuSecondsPerCheck;
  // An absolute target (millicores, to the nearest 10), not a share of the request: the request is sized for
  // TLS-heavy mixes, so 60 % of it is more than a saturated worker ever uses.
  const hpaCpuMillicores = Math.round((cpuPerWorker * a.hpaCpuShareOfSaturated * 1000) / 10) * 10;

  const raw = { intake: rate * a.intakeBytes, requests: rate * a.requestBytes, results: rate * a.resultBytes };
  const stored = {
    intake: raw.intake / a.intakeCompression,
    requests: raw.requests / a.requestCompression,
    results: raw.results / a.resultCompression,
  };
  const rawTotal = raw.intake + raw.requests + raw.results;
  const storedTotal = stored.intake + stored.requests + stored.results;
  const storedPerDay = storedTotal * DAY; // one replica
  const retained = storedPerDay * a.kafkaRetentionDays * a.replication; // all replicas
  const perBroker = retained / a.brokers;
  const volumeBytes = a.brokerVolumeGiB * 2 ** 30;

  const rowWrites = rate * a.rowsPerResult;
  const historyPerDay = a.urlsPerDay * a.historyRowBytes;
  const jobPerDay = a.urlsPerDay * a.jobRowBytes;
  const latestSize = a.distinctUrls * a.latestRowBytes;
  const historyKept = historyPerDay * a.historyRetentionDays;
  const jobKept = jobPerDay * a.jobRetentionDays;
  const walPerDay = rowWrites * DAY * a.walBytesPerRowWrite;

  return {
    rate, peakRate, timeoutHold, meanInFlight, inFlight, workers, peakWorkers, partitions, perWorkerRate,
    lagThreshold, cpuPerWorker, hpaCpuMillicores,
    kafka: { rawTotal, storedTotal, storedPerDay, retained, perBroker, volumeBytes, diskUse: perBroker / volumeBytes },
    postgres: { rowWrites, peakRowWrites: rowWrites * a.peakFactor, historyPerDay, jobPerDay, latestSize, historyKept, jobKept, walPerDay },
    // The fallback is the minimum, not the average need: KEDA falls back when it cannot read the lag, which is
    // mostly when Kafka (or its credentials) is down and no worker could do anything (deploy/README.md).
    keda: { minReplicaCount: 3, maxReplicaCount: partitions, lagThreshold, fallbackReplicas: 3 },
    checks: { historyOutlivesKafka: a.historyRetentionDays > a.kafkaRetentionDays },
  };
}

const n = (x, d = 0) => x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const tb = (x) => `${n(x / TB, 2)} TB`;
const gb = (x) => `${n(x / GB, 0)} GB`;
const mbs = (x) => `${n(x / 1e6, 1)} MB/s`;

/** The README section: every figure from plan(), so none can drift from the arithmetic. */
export function markdown(a = ASSUMPTIONS) {
  const p = plan(a);
  const k = p.kafka;
  const pg = p.postgres;
  return `Generated by \`node deploy/capacity/plan.mjs\` from the assumptions at its top; \`.ci/deploy-check\` fails
when this section, the manifests or the worker settings disagree with it.

| | figure |
| --- | --- |
| average rate λ | ${n(p.rate)} URLs/s (${n(p.peakRate)} at ${a.peakFactor}× peak) |
| slot time of a check that times out | ${a.maxRetries + 1} tries × ${a.requestTimeoutSeconds} s + mean backoff = ${n(p.timeoutHold, 2)} s |
| mean time in flight W | ${n(1 - a.timeoutFraction, 2)} × ${a.fastCheckSeconds} s + ${a.timeoutFraction} × ${n(p.timeoutHold, 2)} s = **${n(p.meanInFlight, 2)} s** |
| checks in flight (L = λ·W) | ${n(p.inFlight)} average |
| workers at max-in-flight ${a.maxInFlight} | **${p.workers}** average, **${p.peakWorkers}** at ${a.peakFactor}× |
| partitions of \`urlcheck.requests\` = KEDA maximum | **${p.partitions}** (${a.partitionHeadroom}× the peak, a multiple of ${a.partitionMultiple}) |
| KEDA \`lagThreshold\` | ${n(p.lagThreshold)} records (${a.lagSecondsPerWorker} s of one worker's ${n(p.perWorkerRate)} checks/s) |
| KEDA \`fallback.replicas\` | ${p.keda.fallbackReplicas} (the minimum, while KEDA cannot read the lag: Kafka or its credentials are down) |
| CPU per worker | ${n(p.cpuPerWorker, 2)} core at ${a.cpuSecondsPerCheck * 1000} ms per check |
| HPA fallback CPU target | ${p.hpaCpuMillicores}m per worker (${n(a.hpaCpuShareOfSaturated * 100)} % of a saturated worker's ${n(p.cpuPerWorker, 2)} core) |
| Kafka produced | ${mbs(k.rawTotal)} raw, ${mbs(k.storedTotal)} as stored (lz4 ${a.requestCompression}:1 requests, zstd ${a.resultCompression}:1 results) |
| Kafka retained | ${tb(k.storedPerDay)}/day per replica; ${a.kafkaRetentionDays} days × RF ${a.replication} = ${tb(k.retained)}, **${tb(k.perBroker)} per broker** (${n(k.diskUse * 100)} % of ${a.brokerVolumeGiB} GiB) |
| PostgreSQL row writes | ${a.rowsPerResult} per result: **${n(pg.rowWrites)}/s** average, ${n(pg.peakRowWrites)}/s at peak |
| history (\`checks\`) | ${a.historyRowBytes} B a row: **${tb(pg.historyPerDay)}/day**; ${a.historyRetentionDays} daily partitions = ${tb(pg.historyKept)} |
| per-job rows (\`job_latest\`) | ${a.jobRowBytes} B a row: ${gb(pg.jobPerDay)}/day; ${a.jobRetentionDays} days kept = ${tb(pg.jobKept)} |
| latest result per URL (\`latest\`) | ${tb(pg.latestSize)} for ${n(a.distinctUrls / 1e9)} billion distinct URLs, rewritten on every check |
| WAL | ≈ ${tb(pg.walPerDay)}/day for replicas and backups |
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes("--json")) console.log(JSON.stringify({ assumptions: ASSUMPTIONS, plan: plan() }, null, 2));
  else process.stdout.write(markdown());
}
