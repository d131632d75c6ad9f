#!/usr/bin/env bash
# Installs urlcheck's production overlay on a cluster, from empty, in an order that works:
#   1. the namespace (Strimzi's Helm chart writes RoleBindings into every namespace it watches, so it must exist);
#   2. the Strimzi operator watching it, with the `restricted` pod-security provider (the namespace enforces
#      Pod Security `restricted`; Strimzi's default provider sets no container securityContext);
#   3. KEDA;
#   4. the Prometheus Operator's CRDs (the overlay's PodMonitors and PrometheusRule), unless the cluster has them;
#   5. the Secrets the overlay reads and never ships (the generated ones only when absent);
#   6. the overlay itself, then waits for Kafka and the services.
# deploy/README.md describes these steps and does not repeat the commands: this script is the only copy, and
# .ci/deploy-check runs it with --dry-run to check it against the rendered overlay (order, namespace, Secret
# names and keys, the operator's settings, the database TLS settings).
#
# Usage: deploy/install/production.sh [--dry-run] [--rotate-secrets]
#   Re-running it is safe: it upgrades the operators and re-applies the overlay, and writes the database
#   Secrets from the environment again, but keeps the generated Secrets (the API token, the KEDA password)
#   that exist, since replacing them under running pods splits producers and sinks between two tokens.
#   --rotate-secrets replaces those two (with API_TOKEN and API_READ_TOKEN / KEDA_KAFKA_PASSWORD, or new random
#   values) and then restarts the producer and the sink, which read the token once at start (deploy/README.md,
#   "Rotate the generated secrets").
# Environment (required unless --dry-run):
#   DB_JDBC_URL    jdbc:postgresql://host:5432/db  (TLS is verify-full against DB_CA_FILE; no sslmode needed)
#   DB_USERNAME, DB_PASSWORD              the running sink's role: reads and writes rows
#   DB_OWNER_USERNAME, DB_OWNER_PASSWORD  the schema's owner, for the migrate init container (Flyway): both or
#                  neither. Neither: a first run uses the sink's role, a re-run keeps the owner's Secret as it is.
#                  Give the two roles their rights with deploy/install/postgres-roles.sql.
#   DB_CA_FILE     PEM file with the CA that signed the database server's certificate
# Optional: API_TOKEN and API_READ_TOKEN (the read-only token: GET and HEAD only; default: 32 random bytes each,
#   hex), KEDA_KAFKA_PASSWORD (default: random); used only when their Secret is created or rotated,
#   STRIMZI_VERSION (0.45.0), KEDA_VERSION (2.16.1), PROMETHEUS_OPERATOR_CRDS_VERSION (31.0.1, the
#   prometheus-operator-crds chart: operator v0.93.1), OVERLAY (deploy/overlays/production).
# Needs kubectl and helm 3 with access to the cluster; openssl for the generated secrets.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dry_run=false
rotate=false
owner_given=false
for arg in "$@"; do
  case "$arg" in
    --dry-run) dry_run=true ;;
    --rotate-secrets) rotate=true ;;
    *) echo "unknown argument $arg (usage: $0 [--dry-run] [--rotate-secrets])" >&2; exit 2 ;;
  esac
done

NAMESPACE=urlcheck # overlays/production/kustomization.yaml `namespace:`
OVERLAY="${OVERLAY:-deploy/overlays/production}"
STRIMZI_VERSION="${STRIMZI_VERSION:-0.45.0}"
KEDA_VERSION="${KEDA_VERSION:-2.16.1}"
PROMETHEUS_OPERATOR_CRDS_VERSION="${PROMETHEUS_OPERATOR_CRDS_VERSION:-31.0.1}"

if $dry_run; then
  DB_JDBC_URL="${DB_JDBC_URL:-jdbc:postgresql://db.example.com:5432/urlcheck}"
  DB_USERNAME="${DB_USERNAME:-urlcheck}"
  DB_PASSWORD="${DB_PASSWORD:-dry-run}"
  DB_OWNER_USERNAME="${DB_OWNER_USERNAME:-urlcheck_owner}"
  DB_OWNER_PASSWORD="${DB_OWNER_PASSWORD:-dry-run}"
  DB_CA_FILE="${DB_CA_FILE:-/path/to/db-ca.pem}"
  API_TOKEN="${API_TOKEN:-dry-run}"
  API_READ_TOKEN="${API_READ_TOKEN:-dry-run-read}"
  KEDA_KAFKA_PASSWORD="${KEDA_KAFKA_PASSWORD:-dry-run}"
else
  for v in DB_JDBC_URL DB_USERNAME DB_PASSWORD DB_CA_FILE; do
    [ -n "${!v:-}" ] || { echo "set $v (see the header of $0)" >&2; exit 2; }
  done
  [ -r "$DB_CA_FILE" ] || { echo "DB_CA_FILE $DB_CA_FILE is not readable" >&2; exit 2; }
  # One without the other would pair the owner's name with the sink's password, or the reverse.
  if [ "${DB_OWNER_USERNAME:+set}" != "${DB_OWNER_PASSWORD:+set}" ]; then
    echo "set both DB_OWNER_USERNAME and DB_OWNER_PASSWORD, or neither (see the header of $0)" >&2; exit 2
  fi
  [ -n "${DB_OWNER_USERNAME:-}" ] && owner_given=true
  DB_OWNER_USERNAME="${DB_OWNER_USERNAME:-$DB_USERNAME}"
  DB_OWNER_PASSWORD="${DB_OWNER_PASSWORD:-$DB_PASSWORD}"
  API_TOKEN="${API_TOKEN:-$(openssl rand -hex 32)}"
  API_READ_TOKEN="${API_READ_TOKEN:-$(openssl rand -hex 32)}"
  KEDA_KAFKA_PASSWORD="${KEDA_KAFKA_PASSWORD:-$(openssl rand -hex 24)}"
fi

# Runs a command, or with --dry-run prints it (one shell-quoted command per line, for .ci/deploy-check).
run() {
  if $dry_run; then
    printf '%q ' "$@" | sed 's/ $//'
    echo
  else
    "$@"
  fi
}

# Creates or updates a generic Secret from values the caller gives (a second run writes them again).
secret() { # name, kubectl create secret generic arguments...
  local name="$1"; shift
  if $dry_run; then
    run kubectl -n "$NAMESPACE" create secret generic "$name" "$@"
  else
    kubectl -n "$NAMESPACE" create secret generic "$name" "$@" --dry-run=client -o yaml | kubectl apply -f -
  fi
}

# Creates a Secret whose values this script generates only when it does not exist, or replaces it with
# --rotate-secrets: a re-run must not change a token or password under pods that already read it.
generated_secret() { # name, kubectl create secret generic arguments...
  local name="$1"
  if ! $dry_run && ! $rotate && kubectl -n "$NAMESPACE" get secret "$name" >/dev/null 2>&1; then
    echo "keeping Secret $name (--rotate-secrets replaces it)"
    return 0
  fi
  secret "$@"
}

cd "$root"

# 1. Namespace, labelled for Pod Security `restricted`.
run kubectl apply -f "$OVERLAY/namespace.yaml"

# 2. Strimzi, watching the namespace, with the restricted pod-security provider.
run helm upgrade --install strimzi oci://quay.io/strimzi-helm/strimzi-kafka-operator --version "$STRIMZI_VERSION" \
  --namespace strimzi --create-namespace --set "watchNamespaces={$NAMESPACE}" \
  --set "extraEnvs[0].name=STRIMZI_POD_SECURITY_PROVIDER_CLASS" --set "extraEnvs[0].value=restricted" --wait

# 3. KEDA (2.14 or later: the Kafka trigger's sasl/tls metadata and fallback).
run helm repo add kedacore https://kedacore.github.io/charts --force-update
run helm upgrade --install keda kedacore/keda --version "$KEDA_VERSION" --namespace keda --create-namespace --wait

# 4. The Prometheus Operator's CRDs, unless a Prometheus Operator (kube-prometheus-stack, say) already brought
#    them: a second owner of the same CRDs would fight the first. The dry run always lists the step.
if $dry_run || ! kubectl get crd podmonitors.monitoring.coreos.com prometheusrules.monitoring.coreos.com >/dev/null 2>&1; then
  run helm repo add prometheus-community https://prometheus-community.github.io/helm-charts --force-update
  run helm upgrade --install prometheus-operator-crds prometheus-community/prometheus-operator-crds \
    --version "$PROMETHEUS_OPERATOR_CRDS_VERSION" --namespace monitoring --create-namespace --wait
fi

# 5. Secrets. The database CA is mounted into the sink for sslmode=verify-full (patches/sink-postgres.yaml).
secret urlcheck-postgres --from-literal=jdbc-url="$DB_JDBC_URL" \
  --from-literal=username="$DB_USERNAME" --from-literal=password="$DB_PASSWORD"
#    The owner's Secret from DB_OWNER_*; without them, a re-run keeps the one there (a separate owner set by an
#    earlier run), since the sink's role in its place would fail the next upgrade's migration for want of rights.
if ! $dry_run && ! $owner_given && kubectl -n "$NAMESPACE" get secret urlcheck-postgres-owner >/dev/null 2>&1; then
  echo "keeping Secret urlcheck-postgres-owner (set DB_OWNER_USERNAME and DB_OWNER_PASSWORD to replace it)"
else
  secret urlcheck-postgres-owner --from-literal=username="$DB_OWNER_USERNAME" --from-literal=password="$DB_OWNER_PASSWORD"
fi
secret urlcheck-postgres-ca --from-file=ca.crt="$DB_CA_FILE"
#    The API token and the KEDA password: created once, replaced only with --rotate-secrets.
generated_secret urlcheck-api-token --from-literal=token="$API_TOKEN" --from-literal=read-token="$API_READ_TOKEN"
#    An install made before the read-only token has a Secret without `read-token`: add the key, leaving the API
#    token as it is, and restart the producer and the sink (below), which read both once at start.
added_read_token=false
if ! $dry_run && ! $rotate && [ -z "$(kubectl -n "$NAMESPACE" get secret urlcheck-api-token -o jsonpath='{.data.read-token}')" ]; then
  kubectl -n "$NAMESPACE" patch secret urlcheck-api-token --type merge \
    -p "{\"stringData\":{\"read-token\":\"$API_READ_TOKEN\"}}" >/dev/null
  echo "added a read-only token (read-token) to Secret urlcheck-api-token"
  added_read_token=true
fi
generated_secret urlcheck-keda-kafka --from-literal=username=urlcheck-keda --from-literal=password="$KEDA_KAFKA_PASSWORD"

# 6. The overlay. Service pods wait in CreateContainerConfigError until Strimzi has written the KafkaUser and
#    cluster-CA Secrets; they start by themselves once those exist.
run kubectl apply -k "$OVERLAY"
# A rotated token reaches the producer and the sink only through a restart (it is an env var). Strimzi's User
# Operator applies the new KEDA password on its next reconciliation; KEDA re-reads its Secret when a read fails.
if $rotate || $added_read_token; then
  run kubectl -n "$NAMESPACE" rollout restart deployment/urlcheck-producer deployment/urlcheck-sink
fi
run kubectl -n "$NAMESPACE" wait kafka/urlcheck-kafka --for=condition=Ready --timeout=15m
run kubectl -n "$NAMESPACE" rollout status deployment/urlcheck-producer --timeout=10m
run kubectl -n "$NAMESPACE" rollout status deployment/urlcheck-sink --timeout=30m
run kubectl -n "$NAMESPACE" rollout status deployment/urlcheck-worker --timeout=10m
