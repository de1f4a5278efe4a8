#!/usr/bin/env bash
# The concurrency and fault checker (docs/reliability.md). Starts its own PostgreSQL cluster (scripts/postgres.sh,
# under .data/loadcheck-postgres) with a fresh database, builds and starts the API in Release on 127.0.0.1, runs
# tools/LoadCheck against it and prints the result table; stops what it started, whatever happens.
#
#   tools/loadcheck.sh            the contention phase: thousands of overlapping imports, then the database's checks
#   tools/loadcheck.sh --faults   also: PostgreSQL stopped and started mid-run; pg_terminate_backend mid-run
#
# Environment: LOADCHECK_REQUESTS (default 3000), LOADCHECK_CONCURRENCY (32), LOADCHECK_PG_PORT (55473),
# LOADCHECK_API_PORT (5093). Exits non-zero when a check fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$PWD

faults=0
case "${1:-}" in
--faults) faults=1 ;;
"") ;;
*)
  echo "usage: $0 [--faults]" >&2
  exit 2
  ;;
esac

requests=${LOADCHECK_REQUESTS:-3000}
concurrency=${LOADCHECK_CONCURRENCY:-32}
api_port=${LOADCHECK_API_PORT:-5093}
work_dir=$repo_root/.data/loadcheck
export QUICKIMPORT_PG_PORT=${LOADCHECK_PG_PORT:-55473}
export QUICKIMPORT_PG_DIR=$repo_root/.data/loadcheck-postgres
application_name=quickimport-loadcheck
admin_key=loadcheck-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
mkdir -p "$work_dir"

api_pid=
cleanup() {
  if [[ -n $api_pid ]] && kill -0 "$api_pid" 2>/dev/null; then
    kill "$api_pid"
    wait "$api_pid" 2>/dev/null || true
  fi
  scripts/postgres.sh stop >/dev/null || true
}
trap cleanup EXIT

echo "Building in Release..."
dotnet build QuickImport.sln -c Release -v quiet -nologo >"$work_dir/build.log" 2>&1 || {
  cat "$work_dir/build.log" >&2
  exit 1
}

scripts/postgres.sh start
psql=(psql -X -q -h 127.0.0.1 -p "$QUICKIMPORT_PG_PORT" -U postgres -d postgres)
"${psql[@]}" -c "DROP DATABASE IF EXISTS quickimport WITH (FORCE)" -c "CREATE DATABASE quickimport"
connection="Host=127.0.0.1;Port=$QUICKIMPORT_PG_PORT;Database=quickimport;Username=postgres"

echo "Starting the API on http://127.0.0.1:$api_port (log: $work_dir/api.log)"
# One log line per import would cost the 2 cores more than the imports; the errors and warnings stay.
env ASPNETCORE_URLS=http://127.0.0.1:$api_port \
  ConnectionStrings__QuickImport="$connection;Application Name=$application_name" \
  QuickImport__AdminKey="$admin_key" \
  QuickImport__MigrateOnStartup=true \
  QuickImport__DefaultPhoneRegion=RU \
  Logging__LogLevel__QuickImport.Api.Observability.ImportTelemetryMiddleware=Warning \
  bash -c 'cd src/Api/bin/Release/net10.0 && exec dotnet QuickImport.Api.dll' >"$work_dir/api.log" 2>&1 &
api_pid=$! # the content root is the build output, where appsettings.json (log levels) is

for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$api_port/health/ready" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$api_pid" 2>/dev/null; then
    cat "$work_dir/api.log" >&2
    echo "loadcheck.sh: the API exited while starting (log above)" >&2
    exit 1
  fi
  sleep 0.5
done

arguments=(--api "http://127.0.0.1:$api_port" --database "$connection" --admin-key "$admin_key"
  --api-application-name "$application_name" --requests "$requests" --concurrency "$concurrency")
if ((faults)); then
  arguments+=(--stop-command "$repo_root/scripts/postgres.sh stop" --start-command "$repo_root/scripts/postgres.sh start")
fi

echo "Running tools/LoadCheck ($requests imports, $concurrency at a time$( ((faults)) && echo ', then the fault phases'))"
dotnet tools/LoadCheck/bin/Release/net10.0/QuickImport.Tools.LoadCheck.dll "${arguments[@]}"
