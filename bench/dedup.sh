#!/usr/bin/env bash
# Measures what request deduplication costs an import: the same HTTP load (distinct new profiles,
# form bodies, a resource subscription) against the API as deployed (dotnet publish, Release) with
# deduplication on, then off.
# Uses the local PostgreSQL of scripts/postgres.sh (a separate database, quickimport_bench) and wrk.
# Usage: bench/dedup.sh [seconds per run, default 15] [connections, default 16]
#        (QUICKIMPORT_BENCH_WARMUP: seconds of load before each measurement, default 30, as in bench/import.sh:
#        tiered compilation takes that long to settle, and each run starts a new process)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

duration=${1:-15}
connections=${2:-16}
warmup=${QUICKIMPORT_BENCH_WARMUP:-30}
port=5090
admin_key=bench-admin-key

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
scripts/postgres.sh start >/dev/null
base_url=$(scripts/postgres.sh url)
psql_url="host=127.0.0.1 port=${QUICKIMPORT_PG_PORT:-55432} user=postgres dbname=postgres"
psql "$psql_url" -qc "DROP DATABASE IF EXISTS quickimport_bench" -c "CREATE DATABASE quickimport_bench" >/dev/null
connection_string=${base_url/Database=quickimport/Database=quickimport_bench}

# shellcheck source=bench/lib.sh
source bench/lib.sh
api_dir=$PWD/.data/dedup-api
publish_api . "$api_dir"
api_pid=
stop_api() { [[ -n $api_pid ]] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true; api_pid=; }
trap stop_api EXIT

start_api() { # $1: deduplication enabled (true/false)
  ConnectionStrings__QuickImport=$connection_string QuickImport__MigrateOnStartup=true \
  QuickImport__AdminKey=$admin_key QuickImport__Deduplication__Enabled=$1 \
  ASPNETCORE_URLS=http://127.0.0.1:$port Logging__LogLevel__Default=Warning \
    dotnet "$api_dir/QuickImport.Api.dll" >/dev/null 2>&1 &
  api_pid=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/api/admin/accounts/0" -H "Authorization: Bearer $admin_key" && return
    sleep 0.2
  done
  echo "the API did not start" >&2; exit 1
}

admin() { curl -sf -X POST "http://127.0.0.1:$port/api/admin/$1" -H "Authorization: Bearer $admin_key" -H 'Content-Type: application/json' -d "$2"; }
json() { sed -E "s/.*\"$1\":\"?([^\",}]*).*/\1/"; }

run() { # $1: deduplication enabled
  start_api "$1"
  local account token db resource
  account=$(admin accounts '{"name":"bench","profile_limit":null}' | json id)
  token=$(admin "accounts/$account/tokens" '{"name":"bench"}' | json token)
  db=$(admin "accounts/$account/databases" '{"name":"bench"}' | json id)
  resource=$(admin "databases/$db/resources" '{"name":"news","channels":["email"],"double_opt_in":false}' | json id)
  # Warm-up, then the measured run.
  TOKEN=$token DB_ID=$db RESOURCE_ID=$resource EXISTING=0 RUN="w$1" wrk -t2 -c"$connections" -d"${warmup}s" -s bench/import-mix.lua "http://127.0.0.1:$port" >/dev/null
  TOKEN=$token DB_ID=$db RESOURCE_ID=$resource EXISTING=0 RUN="m$1" wrk -t2 -c"$connections" -d"${duration}s" -s bench/import-mix.lua "http://127.0.0.1:$port" | grep '^RESULT'
  stop_api
}

echo "deduplication cost: ${duration}s runs, $connections connections, $(nproc) cores"
on=$(run true)
off=$(run false)
field() { sed -E "s/.* $1=([^ ]*).*/\1/" <<<"$2"; }
printf '%-14s %10s %10s %10s %8s\n' "deduplication" "req/s" "p50 ms" "p99 ms" "non-2xx"
printf '%-14s %10s %10s %10s %8s\n' on "$(field rps "$on")" "$(field p50_ms "$on")" "$(field p99_ms "$on")" "$(field non2xx "$on")"
printf '%-14s %10s %10s %10s %8s\n' off "$(field rps "$off")" "$(field p50_ms "$off")" "$(field p99_ms "$off")" "$(field non2xx "$off")"
