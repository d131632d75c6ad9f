#!/bin/bash
# Initializes PGDATA on first start (POSTGRES_USER owns the cluster, with POSTGRES_PASSWORD, and
# POSTGRES_DB is created), then runs the server in the foreground on PGPORT (default 5432), listening
# on POSTGRES_LISTEN (default every interface; the local overlay sets 127.0.0.1). `pg_isready` from
# the image finds the socket with PGHOST, which this script does not set: probe over TCP instead.
set -euo pipefail
: "${POSTGRES_USER:?set POSTGRES_USER}" "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
db=${POSTGRES_DB:-$POSTGRES_USER}
port=${PGPORT:-5432}
listen=${POSTGRES_LISTEN:-*}
# The socket directory must be writable by this user; where /var/run/postgresql is not (a fresh tmpfs
# is root's), it goes beside PGDATA, on the data volume.
sockets=/var/run/postgresql
if [ ! -w "$sockets" ]; then
  sockets=$(dirname "$PGDATA")/run
  mkdir -p "$sockets"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb --pgdata="$PGDATA" --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --no-instructions >&2
  rm -f "$pwfile"
  printf 'host all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  postgres -D "$PGDATA" -c listen_addresses='' -c unix_socket_directories="$sockets" &
  pid=$!
  until pg_isready -q -h "$sockets" -U "$POSTGRES_USER"; do sleep 0.2; done
  if [ "$db" != postgres ]; then
    createdb -h "$sockets" -U "$POSTGRES_USER" "$db"
  fi
  kill -INT "$pid"; wait "$pid" || true
fi

exec postgres -D "$PGDATA" -p "$port" -c listen_addresses="$listen" -c unix_socket_directories="$sockets"
