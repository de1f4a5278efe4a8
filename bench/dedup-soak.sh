#!/usr/bin/env bash
# A soak of request deduplication's storage (ADR 40): the quick import at 64 connections, every request
# distinct (so each is a new key) and each an update of one of 10,000 seeded profiles (so that only the
# deduplication table grows, and a slice's throughput compares with another's), for SLICES × SECONDS (default 20 × 30 s = 10 minutes), printing per slice the imports/s, the API's
# resident memory and the deduplication table's bytes on disk per live key (partitions and their indexes);
# then an expiry pass: the load stops and the table is watched until the slices past the window are
# dropped, storage returning to near zero without a DELETE.
# The window is short (QUICKIMPORT_SOAK_WINDOW, default 00:04:00: one-minute slices) so that slices are
# dropped *during* the load too: each slice of the load during which a time slice was dropped is marked,
# and their median imports/s is compared with the other slices' (they alternate, so the machine's drift
# falls on both alike). After the load, each time slice's keys and bytes per key.
# Uses the local PostgreSQL of scripts/postgres.sh (a separate database, quickimport_soak) and wrk; the API's
# warnings and errors go to .data/soak-api.log.
# Usage: bench/dedup-soak.sh [slices, default 20] [seconds per slice, default 30] [connections, default 64]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

slices=${1:-20}
seconds=${2:-30}
connections=${3:-64}
window=${QUICKIMPORT_SOAK_WINDOW:-00:04:00}
port=5091
admin_key=bench-admin-key
export QUICKIMPORT_PG_PORT=${QUICKIMPORT_PG_PORT:-55432}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
scripts/postgres.sh start >/dev/null
# shellcheck source=bench/lib.sh
source bench/lib.sh
psql_at postgres -c "DROP DATABASE IF EXISTS quickimport_soak" -c "CREATE DATABASE quickimport_soak" >/dev/null
base_url=$(scripts/postgres.sh url)
connection_string=${base_url/Database=quickimport/Database=quickimport_soak}

api_dir=$PWD/.data/soak-api
publish_api . "$api_dir"
api_pid=
stop_api() { [[ -n $api_pid ]] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true; api_pid=; }
trap stop_api EXIT

(cd "$api_dir" && ConnectionStrings__QuickImport=$connection_string QuickImport__MigrateOnStartup=true \
  QuickImport__AdminKey=$admin_key QuickImport__Deduplication__Window=$window \
  QuickImport__Deduplication__PurgeInterval=00:00:10 \
  ASPNETCORE_URLS=http://127.0.0.1:$port Logging__LogLevel__Default=Warning \
  exec dotnet QuickImport.Api.dll >"$api_dir.log" 2>&1) &
api_pid=$!
wait_live "http://127.0.0.1:$port" "$api_dir.log"
read -r token db resource < <(bench_account "http://127.0.0.1:$port")
existing=10000
psql_at quickimport_soak -v db="$db" -v resource="$resource" -v from=1 -v to=$existing -f bench/seed-profiles.sql >/dev/null
load() { # $1 run prefix, $2 seconds
  TOKEN=$token DB_ID=$db RESOURCE_ID=$resource EXISTING=$existing ONLY_UPDATES=1 RUN="$1" \
    wrk -t2 -c"$connections" -d"$2s" -s bench/import-mix.lua "http://127.0.0.1:$port"
}

# Bytes of every partition with its indexes, the live keys, the number of slices.
storage() {
  psql_at quickimport_soak -tA -F' ' -c "
    SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0), (SELECT count(*) FROM request_deduplication), count(*)
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'request_deduplication'::regclass"
}
# The slices' names, one a line.
slice_names() {
  psql_at quickimport_soak -tA -c "
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'request_deduplication'::regclass ORDER BY 1"
}
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$api_pid/status"; }

echo "deduplication soak: $slices slices of ${seconds}s, $connections connections, window $window (slices of $(python3 -c "
w='$window'.split(':'); s=int(w[0])*3600+int(w[1])*60+int(float(w[2])); print(max(s//4, 60))") s)"
printf '%-6s %10s %8s %8s %12s %10s %12s %8s\n' slice imports/s p99_ms rss_MB keys MB_stored bytes/key slices
# Warm-up: tiered compilation settles (not measured).
load warm 30 >/dev/null
rates=() with_drop=() without_drop=()
for i in $(seq 1 "$slices"); do
  before=$(slice_names)
  result=$(load "s$i" "$seconds" | grep '^RESULT')
  # A slice of the load during which a time slice was dropped (a DROP TABLE, its lock on the table).
  dropped=$(comm -23 <(echo "$before") <(slice_names) | wc -l)
  rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$result")
  p99=$(sed -E 's/.* p99_ms=([0-9.]+).*/\1/' <<<"$result")
  non2xx=$(sed -E 's/.* non2xx=([0-9]+).*/\1/' <<<"$result")
  read -r bytes keys parts < <(storage)
  rates+=("$rps")
  if ((dropped > 0)); then with_drop+=("$rps"); else without_drop+=("$rps"); fi
  printf '%-6s %10s %8s %8s %12s %10.1f %12.1f %8s%s\n' "$i" "$rps" "$p99" "$(rss_mb)" "$keys" "$(bc -l <<<"$bytes/1048576")" \
    "$(bc -l <<<"$bytes/($keys+0.0001)")" "$parts" "$( ((dropped > 0)) && echo "  $dropped dropped")$( ((non2xx > 0)) && echo "  non-2xx: $non2xx")"
done

# Each slice holding keys, as the load left them: its heap (rows, line pointers, pages) and its key's
# hash index, per key. A slice still open when the load stopped is marked: its index may stand just
# after a bucket split, half empty.
echo "per slice: keys, bytes per key of the heap, of the index, in all"
psql_at quickimport_soak -tA -F' ' <<'SQL' | awk '{ printf "  %-36s %8s keys  heap %6s  index %6s  all %6s  %s\n", $1, $2, $3, $4, $5, $6 }'
WITH s AS (
    SELECT c.oid, c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound,
           pg_relation_size(c.oid) AS heap, pg_indexes_size(c.oid) AS idx
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'request_deduplication'::regclass)
SELECT s.relname, n.keys, round(s.heap::numeric / n.keys, 1), round(s.idx::numeric / n.keys, 1),
       round((s.heap + s.idx)::numeric / n.keys, 1),
       CASE WHEN substring(s.bound from $r$TO \('([^']+)'\)$r$)::timestamptz > now() THEN 'open' ELSE '' END
FROM s CROSS JOIN LATERAL (SELECT count(*) AS keys FROM request_deduplication d WHERE d.tableoid = s.oid) n
WHERE n.keys > 0
ORDER BY s.relname
SQL

echo "expiry pass: no load; the slices past the window are dropped every 10 s"
for _ in $(seq 1 40); do
  read -r bytes keys parts < <(storage)
  printf '  %s  %10.1f MB  %10s keys  %3s slices\n' "$(date +%T)" "$(bc -l <<<"$bytes/1048576")" "$keys" "$parts"
  ((keys == 0)) && break
  sleep 15
done
echo "median imports/s of the slices: $(median "${rates[@]}")"
if ((${#with_drop[@]} > 0 && ${#without_drop[@]} > 0)); then
  a=$(median "${with_drop[@]}") b=$(median "${without_drop[@]}")
  echo "slices with a drop: ${#with_drop[@]}, median $a imports/s; without: ${#without_drop[@]}, median $b; ratio $(bc -l <<<"scale=3; $a/$b")"
fi
