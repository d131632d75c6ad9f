#!/usr/bin/env bash
# Producer throughput and memory benchmark.
#
# Generates files of 100k and 1M URLs, starts a real Kafka broker (KRaft, a child JVM from the kafka_2.13
# jars the launcher module depends on) and the packaged producer, POSTs each file to /api/jobs as
# text/plain three times and reports URLs/s (median of 3, timed until the 202, which comes only after
# Kafka acknowledged every record) and the producer's peak RSS (VmHWM from /proc/<pid>/status, one
# fresh producer JVM per size). Appends one JSON record to bench/results/.
#
# Usage: bench/producer/run.sh [SIZES...]        (default: 100000 1000000)
# Env:   PRODUCER_JAVA_OPTS (default "-Xmx256m"), RUNS (default 3), KEEP=1 keeps the work directory,
#        CURL_EXTRA (extra curl options, e.g. "-H Expect:").
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d /tmp/urlcheck-producer-bench.XXXXXX)"
SIZES=("${@:-100000 1000000}")
read -r -a SIZES <<< "${SIZES[*]}"
RUNS="${RUNS:-3}"
PRODUCER_JAVA_OPTS="${PRODUCER_JAVA_OPTS:--Xmx256m}"
JAR="$ROOT/producer-service/target/quarkus-app/quarkus-run.jar"
KAFKA_PID=""
PRODUCER_PID=""

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

cleanup() {
  [[ -n "$PRODUCER_PID" ]] && kill "$PRODUCER_PID" 2>/dev/null && wait "$PRODUCER_PID" 2>/dev/null || true
  [[ -n "$KAFKA_PID" ]] && kill "$KAFKA_PID" 2>/dev/null && wait "$KAFKA_PID" 2>/dev/null || true
  [[ "${KEEP:-0}" == 1 ]] && echo "work directory kept: $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

wait_for() { # url, seconds, what
  for _ in $(seq 1 "$2"); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 1
  done
  echo "$3 did not come up within $2 s" >&2; return 1
}

# --- build what is missing --------------------------------------------------------------------------
if [[ ! -f "$JAR" ]]; then
  echo "packaging producer-service..."
  (cd "$ROOT" && ./mvnw -B -q -pl producer-service package -DskipTests)
fi
CP_FILE="$ROOT/bench/producer/target/kafka.classpath"
if [[ ! -s "$CP_FILE" ]]; then
  mkdir -p "$(dirname "$CP_FILE")"
  echo "resolving the Kafka broker classpath (launcher module dependencies)..."
  (cd "$ROOT" && ./mvnw -B -q -pl launcher dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime)
fi
KAFKA_CP="$(cat "$CP_FILE")"

# --- broker ----------------------------------------------------------------------------------------
BROKER_PORT="$(free_port)"; CONTROLLER_PORT="$(free_port)"
cat > "$WORK/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$BROKER_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$BROKER_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$WORK/kafka-data
num.partitions=4
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
cat > "$WORK/log4j2.properties" <<'PROPS'
rootLogger.level=WARN
rootLogger.appenderRef.stdout.ref=STDOUT
appender.stdout.type=Console
appender.stdout.name=STDOUT
appender.stdout.layout.type=PatternLayout
appender.stdout.layout.pattern=[%d] %p %m (%c)%n
PROPS
KAFKA_JAVA=(java -Xmx1g -Dlog4j2.configurationFile="$WORK/log4j2.properties" -cp "$KAFKA_CP")
CLUSTER_ID="$("${KAFKA_JAVA[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
"${KAFKA_JAVA[@]}" kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$WORK/server.properties" > "$WORK/format.log" 2>&1
"${KAFKA_JAVA[@]}" kafka.Kafka "$WORK/server.properties" > "$WORK/kafka.log" 2>&1 &
KAFKA_PID=$!
for _ in $(seq 1 90); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$BROKER_PORT") 2>/dev/null; then break; fi
  kill -0 "$KAFKA_PID" 2>/dev/null || { echo "Kafka exited:"; tail -20 "$WORK/kafka.log"; exit 1; }
  sleep 1
done
java -cp "$KAFKA_CP" "$ROOT/bench/producer/CreateTopics.java" "127.0.0.1:$BROKER_PORT" > "$WORK/topics.log" 2>&1 \
  || { echo "could not create topics:"; cat "$WORK/topics.log"; exit 1; }
echo "Kafka up on 127.0.0.1:$BROKER_PORT, topics created"

# --- input files -----------------------------------------------------------------------------------
gen() { # lines, file: unique URLs over 1000 hosts, like a crawl frontier
  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "https://host-%d.example.com/articles/%d/page.html?ref=bench&id=%d\n", i % 1000, i, i }' > "$2"
}
gen 200000 "$WORK/warmup.txt"   # enough for the JIT to settle before timing

post() { # file, jobId -> prints "http_code seconds"
  curl -sS -o "$WORK/last-response.json" -w '%{http_code} %{time_total}' -X POST ${CURL_EXTRA:-} \
    -H 'Content-Type: text/plain' -H 'X-Urlcheck-Client: urlcheck-bench' -T "$1" "http://127.0.0.1:$HTTP_PORT/api/jobs?jobId=$2"
}

median() { sort -g | awk '{ a[NR] = $1 } END { printf "%.0f\n", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

RESULTS=()
for SIZE in "${SIZES[@]}"; do
  FILE="$WORK/urls-$SIZE.txt"
  gen "$SIZE" "$FILE"
  HTTP_PORT="$(free_port)"
  java $PRODUCER_JAVA_OPTS -Dquarkus.http.port="$HTTP_PORT" -Dquarkus.http.host=127.0.0.1 \
    -Dkafka.bootstrap.servers="127.0.0.1:$BROKER_PORT" -jar "$JAR" > "$WORK/producer-$SIZE.log" 2>&1 &
  PRODUCER_PID=$!
  wait_for "http://127.0.0.1:$HTTP_PORT/q/health/live" 120 "producer"
  read -r CODE _ <<< "$(post "$WORK/warmup.txt" "warmup-$SIZE-$$")"
  [[ "$CODE" == 202 ]] || { echo "warm-up got HTTP $CODE: $(cat "$WORK/last-response.json")"; tail -20 "$WORK/kafka.log"; exit 1; }
  RATES=()
  for RUN in $(seq 1 "$RUNS"); do
    read -r CODE SECONDS_TAKEN <<< "$(post "$FILE" "bench-$SIZE-$RUN-$$")"
    [[ "$CODE" == 202 ]] || { echo "run got HTTP $CODE: $(cat "$WORK/last-response.json")"; exit 1; }
    ACCEPTED="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["accepted"])' "$WORK/last-response.json")"
    [[ "$ACCEPTED" == "$SIZE" ]] || { echo "accepted $ACCEPTED of $SIZE"; exit 1; }
    RATE="$(awk -v n="$SIZE" -v s="$SECONDS_TAKEN" 'BEGIN { printf "%.0f", n / s }')"
    RATES+=("$RATE")
    printf '  %8d lines  run %d: %6.2f s  %8d URLs/s\n' "$SIZE" "$RUN" "$SECONDS_TAKEN" "$RATE"
  done
  HWM_KB="$(awk '/VmHWM/ { print $2 }' "/proc/$PRODUCER_PID/status")"
  MEDIAN="$(printf '%s\n' "${RATES[@]}" | median)"
  printf '%8d lines: median %d URLs/s, peak RSS %d MiB\n' "$SIZE" "$MEDIAN" "$((HWM_KB / 1024))"
  RESULTS+=("{\"lines\": $SIZE, \"urlsPerSecondMedian\": $MEDIAN, \"urlsPerSecondRuns\": [$(IFS=,; echo "${RATES[*]}")], \"peakRssMiB\": $((HWM_KB / 1024))}")
  kill "$PRODUCER_PID"; wait "$PRODUCER_PID" 2>/dev/null || true; PRODUCER_PID=""
done

mkdir -p "$ROOT/bench/results"
OUT="$ROOT/bench/results/producer-$(date -u +%Y%m%dT%H%M%SZ).json"
cat > "$OUT" <<JSON
{"bench": "producer", "at": "$(date -u +%FT%TZ)", "commit": "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)",
 "cpus": $(nproc), "loadAverage1m": $(cut -d' ' -f1 /proc/loadavg), "producerJavaOpts": "$PRODUCER_JAVA_OPTS", "runs": $RUNS,
 "results": [$(IFS=,; echo "${RESULTS[*]}")]}
JSON
echo "wrote $OUT"
