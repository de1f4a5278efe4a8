#!/usr/bin/env bash
# Several instances on one database (docs/operations.md, "Several instances"): one PostgreSQL, one
# RabbitMQ, two published API instances (A on 5101, B on 5102), each also consuming database_import,
# and haproxy on 127.0.0.1:5100 in front of them (round robin, health-checked on /health/ready).
#
#   1. Throughput: after a warm-up, <rounds> rounds of <seconds> of bench/import-mix.lua's quick
#      imports (64 connections) through the balancer and to A alone, in turn; medians of imports/s and
#      of the CPU each process used per import, and of the rounds' ratios.
#   2. The mixed load of bench/instances.py: quick imports and import_batch calls through the
#      balancer, queue messages, one Request-ID sent to A and B at once, one new email sent to A and B
#      at once, tariffs at their edge; instance B killed (SIGKILL) mid-load; then its checks, PASS/FAIL
#      each. Exits 1 when one failed.
#
# Usage: bench/instances.sh [seconds per throughput measurement, default 10] [rounds, default 3]
#   QUICKIMPORT_BENCH_REUSE_API=1  use .data/instances-api as published by an earlier run
# Its own PostgreSQL (.data/instances-postgres, port 55460) and RabbitMQ (.data/instances-rabbitmq,
# port 55470), stopped at the end; logs in .data/instances/. Needs haproxy, wrk, curl, psql, python3
# (apt-get install haproxy wrk postgresql rabbitmq-server curl python3). About 5 minutes on two cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=${1:-10}
rounds=${2:-3}
admin_key=bench-admin-key
existing=10000
export QUICKIMPORT_PG_PORT=55460
export QUICKIMPORT_PG_DIR=$PWD/.data/instances-postgres
export QUICKIMPORT_RABBITMQ_PORT=55470
export QUICKIMPORT_RABBITMQ_DIR=$PWD/.data/instances-rabbitmq
work=$PWD/.data/instances
declare -A port=([a]=5101 [b]=5102) pid=()
balancer=http://127.0.0.1:5100

for tool in haproxy wrk curl psql python3; do
    command -v "$tool" >/dev/null || { echo "bench/instances.sh: $tool is missing (apt-get install haproxy wrk postgresql curl python3)" >&2; exit 1; }
done

# shellcheck source=bench/lib.sh
source bench/lib.sh
haproxy_pid=
trap stop_instances EXIT

echo "== PostgreSQL, RabbitMQ, the published API"
rm -rf "$work" "$QUICKIMPORT_RABBITMQ_DIR"
mkdir -p "$work"
start_database_and_broker quickimport_instances
api_dir=$PWD/.data/instances-api
if [[ ${QUICKIMPORT_BENCH_REUSE_API:-} == 1 && -f $api_dir/QuickImport.Api.dll ]]; then
    echo "   (reusing $api_dir)"
else
    publish_api . "$api_dir"
fi
dotnet build bench/QueueLoad -c Release -nologo -v quiet >/dev/null
queueload=$PWD/bench/QueueLoad/bin/Release/net10.0/QuickImport.Bench.QueueLoad.dll
echo "== Instance A (applies the migrations), instance B, haproxy on $balancer"
start_instance a quickimport_instances true "$amqp"
start_instance b quickimport_instances false "$amqp"
cat >"$work/haproxy.cfg" <<EOF
global
    maxconn 2048
defaults
    mode http
    timeout connect 2s
    timeout client 120s
    timeout server 120s
    # A request is sent again to the other instance only when it could not be sent at all.
    retries 2
    option redispatch
frontend imports
    bind 127.0.0.1:5100
    default_backend instances
backend instances
    balance roundrobin
    option httpchk GET /health/ready
    default-server inter 500ms fall 2 rise 2
    server a 127.0.0.1:${port[a]} check
    server b 127.0.0.1:${port[b]} check
EOF
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
haproxy_pid=$!
wait_live "$balancer" "$work/haproxy.log"

echo "== Throughput: the bench account, $existing seeded profiles, a warm-up, then $rounds rounds of ${seconds}s through the balancer and to A alone"
read -r token db resource < <(bench_account "$balancer")
psql_at quickimport_instances -v db="$db" -v resource="$resource" -v from=1 -v to=$existing -f bench/seed-profiles.sql >/dev/null

wrk_mix() { # $1 url, $2 run prefix, $3 seconds
    TOKEN=$token DB_ID=$db RESOURCE_ID=$resource EXISTING=$existing MATCHING=email RUN=$2 \
        wrk -t2 -c64 -d"$3s" -s bench/import-mix.lua "$1" | sed -nE 's/^RESULT .* rps=([0-9.]+) .*/\1/p'
}
for round in 1 2 3 4; do wrk_mix "$balancer" "w$round" 10 >/dev/null; done
# Prints "imports/s cpu_a cpu_b cpu_pg cpu_haproxy", each process's CPU time in ms per import.
measure() { # $1 url, $2 run prefix
    local before after rate
    before=("$(cpu_ms "${pid[a]}")" "$(cpu_ms "${pid[b]}")" "$(pg_cpu_ms)" "$(cpu_ms "$haproxy_pid")")
    rate=$(wrk_mix "$1" "$2" "$seconds")
    after=("$(cpu_ms "${pid[a]}")" "$(cpu_ms "${pid[b]}")" "$(pg_cpu_ms)" "$(cpu_ms "$haproxy_pid")")
    awk -v r="$rate" -v s="$seconds" -v a="$(( after[0] - before[0] ))" -v b="$(( after[1] - before[1] ))" \
        -v p="$(( after[2] - before[2] ))" -v h="$(( after[3] - before[3] ))" \
        'BEGIN { n = r * s; printf "%s %.2f %.2f %.2f %.2f\n", r, a / n, b / n, p / n, h / n }'
}
# Alternating rounds (both, then A alone; A alone, then both; ...): each side meets the same machine.
both=() one=() ratios=()
for round in $(seq 1 "$rounds"); do
    if (( round % 2 )); then
        both+=("$(measure "$balancer" "b$round")")
        one+=("$(measure "http://127.0.0.1:${port[a]}" "o$round")")
    else
        one+=("$(measure "http://127.0.0.1:${port[a]}" "o$round")")
        both+=("$(measure "$balancer" "b$round")")
    fi
    ratios+=("$(awk -v b="${both[-1]%% *}" -v o="${one[-1]%% *}" 'BEGIN { printf "%.3f", o ? b / o : 0 }')")
done
for c in 1 2 3 4 5; do
    both_median[c]=$(column_median "$c" "${both[@]}")
    one_median[c]=$(column_median "$c" "${one[@]}")
done

echo "== The mixed load; instance B is killed in its middle"
set +e
# bash reports a background job killed by a signal on its own standard error: here that is meant.
exec 3>&2 2>/dev/null
python3 bench/instances.py --balancer "$balancer" --a "http://127.0.0.1:${port[a]}" --b "http://127.0.0.1:${port[b]}" \
    --b-pid "${pid[b]}" --admin-key "$admin_key" \
    --dsn "host=127.0.0.1 port=$QUICKIMPORT_PG_PORT user=postgres dbname=quickimport_instances" \
    --amqp "$amqp" --queueload "$queueload" --work "$work" 2>&3 | tee "$work/checks.txt"
checks=${PIPESTATUS[0]}
wait "${pid[b]}"
exec 2>&3 3>&-
set -e
pid[b]=

echo
echo "Throughput, bench/import-mix.lua at 64 connections, medians of $rounds rounds of ${seconds}s, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-28s %10s %14s %14s %16s %14s\n' "" "imports/s" "A ms/import" "B ms/import" "PostgreSQL ms" "haproxy ms"
printf '%-28s %10s %14s %14s %16s %14s\n' "A and B behind haproxy" "${both_median[1]}" "${both_median[2]}" "${both_median[3]}" "${both_median[4]}" "${both_median[5]}"
printf '%-28s %10s %14s %14s %16s %14s\n' "A alone" "${one_median[1]}" "${one_median[2]}" "-" "${one_median[4]}" "-"
echo "A and B behind haproxy / A alone, each round: ${ratios[*]}; median $(median "${ratios[@]}")"
echo "PostgreSQL's share of the CPU used, A and B behind haproxy:" \
    "$(awk -v a="${both_median[2]}" -v b="${both_median[3]}" -v p="${both_median[4]}" -v h="${both_median[5]}" 'BEGIN { printf "%.0f%%", 100 * p / (a + b + p + h) }');" \
    "A alone: $(awk -v a="${one_median[2]}" -v p="${one_median[4]}" 'BEGIN { printf "%.0f%%", 100 * p / (a + p) }')"
exit "$checks"
