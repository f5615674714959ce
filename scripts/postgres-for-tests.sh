#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the tests and exports
# PLANGRAPH_TEST_POSTGRES. Source it: `source scripts/postgres-for-tests.sh`. Needs Debian's
# postgresql package. The cluster lives in a temporary directory, stopped and removed when the
# shell exits.
# PLANGRAPH_PG_OPTS adds server settings (e.g. "-c shared_buffers=2GB" for a large bench);
# PLANGRAPH_KEEP_PG=1 leaves the cluster running when the shell exits.
set -euo pipefail
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ]; then
  echo "postgres-for-tests: no PostgreSQL server installed (apt-get install postgresql)" >&2
  return 1 2>/dev/null || exit 1
fi
pgport=${PLANGRAPH_PG_PORT:-55432}
pgdata=$(mktemp -d /tmp/plangraph-pg.XXXXXX)
as_pg() {
  # From /, which the postgres user can enter (a private clone directory it cannot).
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$pgdata"; fi
as_pg "$pgbin/initdb" -D "$pgdata" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pgport -k $pgdata -c fsync=off -c max_connections=200 ${PLANGRAPH_PG_OPTS:-}" start >/dev/null
if [ "${PLANGRAPH_KEEP_PG:-}" = 1 ]; then
  # Left running for a look afterwards; stop it with pg_ctl -D <dir> stop and remove <dir>.
  trap 'echo "postgres-for-tests: left running, data in $pgdata" >&2' EXIT
else
  trap 'as_pg "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pgdata"' EXIT
fi
export PLANGRAPH_TEST_POSTGRES="postgres://postgres@127.0.0.1:$pgport/postgres?sslmode=disable"
export PLANGRAPH_PG_BIN="$pgbin" PLANGRAPH_PG_DATA="$pgdata"
echo "postgres-for-tests: $PLANGRAPH_TEST_POSTGRES (data in $pgdata)"
