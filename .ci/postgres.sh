# Sourced by .ci/run: a throwaway PostgreSQL on a local socket, loaded with the sample data, for
# tests/data/test_sql_sources.py. Exports REVIEWDECK_PG_URL; stop_postgres shuts it down.
# Installs Debian's postgresql when no server binaries are found.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing: postgresql"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    postgresql >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
pg_dir=$(mktemp -d)
pg_port=54329
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-k $pg_dir -p $pg_port -c listen_addresses='' -c fsync=off" start >/dev/null
stop_postgres() {
  if [ -n "${pg_dir:-}" ] && [ -d "$pg_dir/data" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap stop_postgres EXIT
psql -q -v ON_ERROR_STOP=1 -h "$pg_dir" -p "$pg_port" -U postgres -d postgres \
  -c "create database reviewdeck" >/dev/null
psql -q -v ON_ERROR_STOP=1 -h "$pg_dir" -p "$pg_port" -U postgres -d reviewdeck \
  -f .ci/postgres_sample.sql >/dev/null
export REVIEWDECK_PG_URL="postgresql+psycopg://postgres@/reviewdeck?host=$pg_dir&port=$pg_port"
export REVIEWDECK_REQUIRE_POSTGRES=1
echo "postgresql: sample orders, leads and targets loaded on a local socket"
