#!/bin/bash
# The Kafka image's entrypoint: one KRaft node (broker and controller), configured from the environment
# as the apache/kafka image is: KAFKA_FOO_BAR=value becomes foo.bar=value in server.properties (so the
# dev overlay's variables work unchanged). The config goes to /tmp and the data to KAFKA_LOG_DIRS, so the
# root filesystem stays read-only. CLUSTER_ID names the cluster; the log directory is formatted once.
#
#   kafka-run.sh                                 run the node
#   kafka-run.sh topics BOOTSTRAP NAME:PARTITIONS[:compact[:MAX_MESSAGE_BYTES]] ...
#                                                create the topics that are missing, waiting for the broker,
#                                                then until every partition accepts writes
set -euo pipefail

cp="/opt/kafka/libs/*"
heap=${KAFKA_HEAP_OPTS:--XX:MaxRAMPercentage=60.0}
java_cmd=(java $heap -XX:+ExitOnOutOfMemoryError -Dorg.slf4j.simpleLogger.showDateTime=true -cp "$cp")
# The tools (the storage format, topic creation) live a few seconds each: C1 alone and the serial collector
# start one in about 60 % of the CPU time of the tiered JIT (1.7 s against 2.8 s per topic on 2 cores).
# The broker, which runs for days, keeps both.
tool_cmd=("${java_cmd[@]}" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

if [ "${1:-}" = topics ]; then
  shift
  bootstrap=$1; shift
  for spec in "$@"; do
    IFS=: read -r name partitions policy max_bytes <<<"$spec"
    extra=()
    [ "${policy:-}" = compact ] && extra=(--config cleanup.policy=compact)
    [ -n "${max_bytes:-}" ] && extra+=(--config "max.message.bytes=$max_bytes")
    until "${tool_cmd[@]}" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" \
        --create --if-not-exists --topic "$name" --partitions "$partitions" "${extra[@]}"; do
      echo "kafka-run: cannot create $name yet; retrying in 2 s" >&2
      sleep 2
    done
  done
  # The broker answers CreateTopics before it leads the new partitions, and a producer whose first batch
  # to one is refused in between can be stuck until that batch expires (KAFKA-14359, see the contract's
  # WritablePartitions). A partition that lists its latest offset passes a produce's leader check; wait
  # until every partition of these topics does (GetOffsetShell prints one line per partition that answers).
  expected=0
  patterns=()
  for spec in "$@"; do
    IFS=: read -r name partitions _ <<<"$spec"
    expected=$((expected + partitions))
    patterns+=("${name//./\\.}")
  done
  pattern=$(IFS=,; echo "${patterns[*]}")
  until [ "$("${tool_cmd[@]}" org.apache.kafka.tools.GetOffsetShell --bootstrap-server "$bootstrap" \
      --topic-partitions "$pattern" 2>/dev/null | grep -c .)" -ge "$expected" ]; do
    echo "kafka-run: not every partition accepts writes yet; retrying in 1 s" >&2
    sleep 1
  done
  exit 0
fi

: "${CLUSTER_ID:?CLUSTER_ID must name the cluster}"
config=/tmp/kafka-server.properties
: >"$config"
# Every KAFKA_* variable except the launcher's own becomes a property: KAFKA_LOG_DIRS -> log.dirs.
while IFS='=' read -r name value; do
  case "$name" in
    KAFKA_HEAP_OPTS|KAFKA_OPTS) continue ;;
    KAFKA_*) key=${name#KAFKA_}; key=${key,,}; printf '%s=%s\n' "${key//_/.}" "$value" >>"$config" ;;
  esac
done < <(env)
grep -q '^log.dirs=' "$config" || { echo "kafka-run: set KAFKA_LOG_DIRS to a writable volume" >&2; exit 1; }

"${tool_cmd[@]}" kafka.tools.StorageTool format --cluster-id "$CLUSTER_ID" --config "$config" --ignore-formatted >&2
exec "${java_cmd[@]}" ${KAFKA_OPTS:-} kafka.Kafka "$config"
