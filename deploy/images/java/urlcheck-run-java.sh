#!/bin/bash
# The services' entrypoint, on either base image:
#  - UBI's OpenJDK runtime (the Dockerfiles' default): hand over to its run-java.sh, which adds the
#    container-aware defaults and honours JAVA_OPTS, JAVA_OPTS_APPEND, GC_CONTAINER_OPTIONS and JAVA_APP_JAR;
#  - a plain JRE (the Debian base scripts/base-image builds): run java with the same variables, in the
#    same order, and run-java.sh's default collector when GC_CONTAINER_OPTIONS is unset.
# bash, not sh: deploy/ passes configuration as environment variables named exactly like the properties
# (urlcheck.api.token=...); bash hands such names on to java, dash drops them.
set -euf
ubi=/opt/jboss/container/java/run/run-java.sh
if [ -x "$ubi" ]; then
  exec "$ubi" "$@"
fi
# Word splitting of the option variables is intended: each holds several flags.
# shellcheck disable=SC2086
exec java ${GC_CONTAINER_OPTIONS:--XX:+UseParallelGC} ${JAVA_OPTS:-} ${JAVA_OPTS_APPEND:-} \
  -jar "${JAVA_APP_JAR:-/deployments/quarkus-run.jar}" "$@"
