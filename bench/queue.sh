#!/usr/bin/env bash
# The queue consumer against the HTTP quick import, side by side in one run (docs/benchmarks.md,
# "The queue consumer").
#
# Starts a PostgreSQL (.data/queue-postgres, port 55462) and a RabbitMQ (.data/queue-rabbitmq, port
# 55474) of its own and two published API instances on the same database: A (5111) consuming from the
# broker directly, B (5112) through a haproxy TCP proxy (127.0.0.1:55476) whose admin socket turns B's
# consumer off (its connections cut; the client's recovery retries every 2 s) and on again. Seeds
# 10,000 subscribed profiles, warms both up, then runs <rounds> rounds, each of three measurements in
# turn (the order reversed every other round):
#   - HTTP: wrk with bench/import-mix.lua against A, 64 connections, <seconds> s: imports/s;
#   - 1 consumer (B off): bench/QueueLoad publishes a backlog as fast as the broker confirms and
#     collects the results; messages/s from the first publish to the last result;
#   - 2 consumers (A and B): the same.
# Messages are the same mix as the HTTP imports: email matching, a resource subscription, half
# updates of seeded profiles, half new ones. Each backlog is sized from the last rate to last about
# <seconds> s. Then, with one consumer, messages paced at half the 1-consumer median for 2 × <seconds>
# s: the latency from publish to result, p50 and p99, and the CPU per message in that phase (its windows
# are small, so a message costs more than in a backlog). Prints each round's ratios and their medians.
#
# Usage: bench/queue.sh [seconds per measurement, default 10] [rounds, default 5]
#   QUICKIMPORT_BENCH_REUSE_API=1  use .data/queue-api as published by an earlier run
# Also the CPU time per import of A, B, PostgreSQL, the broker and the load generator (wrk or
# QueueLoad) in each kind of measurement: everything runs on this one machine.
# About 8 minutes with the defaults on two cores. Needs haproxy, socat, wrk, curl, psql, /usr/bin/time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=${1:-10}
rounds=${2:-5}
existing=10000
admin_key=bench-admin-key
export QUICKIMPORT_PG_PORT=55462
export QUICKIMPORT_PG_DIR=$PWD/.data/queue-postgres
export QUICKIMPORT_RABBITMQ_PORT=55474
export QUICKIMPORT_RABBITMQ_DIR=$PWD/.data/queue-rabbitmq
work=$PWD/.data/queue
proxy_port=55476
declare -A port=([a]=5111 [b]=5112) pid=()

for tool in haproxy socat wrk curl psql /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench/queue.sh: $tool is missing (apt-get install haproxy socat wrk postgresql curl time)" >&2; exit 1; }
done

# shellcheck source=bench/lib.sh
source bench/lib.sh
haproxy_pid=
trap stop_instances EXIT

echo "== PostgreSQL, RabbitMQ, haproxy (B's way to the broker), the published API"
rm -rf "$work" "$QUICKIMPORT_RABBITMQ_DIR"
mkdir -p "$work"
start_database_and_broker quickimport_queue
cat >"$work/haproxy.cfg" <<EOF
global
    stats socket $work/haproxy.sock mode 600 level admin
defaults
    mode tcp
    timeout connect 2s
    timeout client 1h
    timeout server 1h
listen amqp
    bind 127.0.0.1:$proxy_port
    server broker 127.0.0.1:$QUICKIMPORT_RABBITMQ_PORT
EOF
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
haproxy_pid=$!
api_dir=$PWD/.data/queue-api
if [[ ${QUICKIMPORT_BENCH_REUSE_API:-} == 1 && -f $api_dir/QuickImport.Api.dll ]]; then
    echo "   (reusing $api_dir)"
else
    publish_api . "$api_dir"
fi
dotnet build bench/QueueLoad -c Release -nologo -v quiet >/dev/null
queueload=$PWD/bench/QueueLoad/bin/Release/net10.0/QuickImport.Bench.QueueLoad.dll

start_instance a quickimport_queue true "$amqp"
start_instance b quickimport_queue false "amqp://guest:guest@127.0.0.1:$proxy_port/"

echo "== The bench account, $existing seeded profiles"
read -r token db resource < <(bench_account "http://127.0.0.1:${port[a]}")
account=$(psql_at quickimport_queue -Atc "SELECT account_id FROM profile_databases WHERE id = $db")
psql_at quickimport_queue -v db="$db" -v resource="$resource" -v from=1 -v to=$existing -f bench/seed-profiles.sql >/dev/null

consuming() { # $1 a|b: whether its /health/ready says it consumes
    curl -s "http://127.0.0.1:${port[$1]}/health/ready" | grep -q '"rabbitmq":{"status":"Healthy"'
}
haproxy_admin() { echo "$1" | socat stdio "unix-connect:$work/haproxy.sock" >/dev/null; }
consumer_b() { # on|off
    if [[ $1 == on ]]; then
        haproxy_admin "enable server amqp/broker"
        until consuming b; do sleep 0.2; done
    else
        haproxy_admin "disable server amqp/broker"
        haproxy_admin "shutdown sessions server amqp/broker"
        while consuming b; do sleep 0.2; done
    fi
}

# Each slice prints "rate count load_ms": imports (or messages) per second, how many, and the CPU time
# its load generator used (wrk; bench/QueueLoad, which publishes and collects).
http_slice() { # $1 run prefix
    TOKEN=$token DB_ID=$db RESOURCE_ID=$resource EXISTING=$existing MATCHING=email RUN=$1 \
        /usr/bin/time -f '%U %S' -o "$work/wrk.time" \
        wrk -t2 -c64 -d"${seconds}s" -s bench/import-mix.lua "http://127.0.0.1:${port[a]}" |
        sed -nE 's/^RESULT requests=([0-9]+) .* rps=([0-9.]+) .*/\2 \1/p' | tr '\n' ' '
    awk '{ printf "%d\n", ($1 + $2) * 1000 }' "$work/wrk.time"
}
# bench/QueueLoad; also sets the global queue_errors to the messages with an error result or none.
queue_slice() { # $1 prefix, $2 count, $3 rate (0: as fast as confirmed)
    local out
    out=$(dotnet "$queueload" --uri "$amqp" --account "$account" --db "$db" --resource "$resource" --existing "$existing" \
        --prefix "$1" --count "$2" --rate "$3" --idle 30 | grep '^RESULT')
    sed -nE 's/.*answered=([0-9]+) .*msgs_per_s=([0-9.]+) .*cpu_ms=([0-9]+)$/\2 \1 \3/p' <<<"$out"
    sed -nE 's/.*p50_ms=([0-9.]+) p99_ms=([0-9.]+) .*/\1 \2/p' <<<"$out" >"$work/latency"
    queue_errors=$(sed -nE 's/.*missing=([0-9]+) .*failed=([0-9]+) .*/\1 \2/p' <<<"$out" | awk '{ print $1 + $2 }')
}
# Runs a slice (the command given) and measures the CPU that A, B, PostgreSQL and the broker used in
# it; sets slice_rate and slice_cpu: "A B PostgreSQL broker load-generator", each in ms per import.
measure() {
    local before after out
    before=("$(cpu_ms_of "${pid[a]}")" "$(cpu_ms_of "${pid[b]}")" "$(pg_cpu_ms)" "$(cpu_ms_of "$broker_pid")")
    "$@" >"$work/slice"
    after=("$(cpu_ms_of "${pid[a]}")" "$(cpu_ms_of "${pid[b]}")" "$(pg_cpu_ms)" "$(cpu_ms_of "$broker_pid")")
    read -r slice_rate count load_ms <"$work/slice"
    slice_cpu=$(awk -v n="$count" -v a="$(( after[0] - before[0] ))" -v b="$(( after[1] - before[1] ))" \
        -v p="$(( after[2] - before[2] ))" -v m="$(( after[3] - before[3] ))" -v l="$load_ms" \
        'BEGIN { printf "%.3f %.3f %.3f %.3f %.3f\n", a / n, b / n, p / n, m / n, l / n }')
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b ? a / b : 0 }'; }
backlog() { awk -v r="$1" -v s="$seconds" 'BEGIN { n = int(r * s); print n < 1000 ? 1000 : n }'; }
broker_pid=$(cat "$QUICKIMPORT_RABBITMQ_DIR/node.pid") # the Erlang VM (scripts/rabbitmq.sh: RABBITMQ_PID_FILE)

echo "== Warm-up: HTTP and queue in turns, 3 times"
for i in 1 2 3; do
    http_slice "w$i" >/dev/null
    queue_slice "w$i" 5000 0 >/dev/null
done

echo "== $rounds rounds: HTTP, 1 consumer, 2 consumers (${seconds}s each)"
consumer_b off
q1_rate=1000 q2_rate=1000
http=() q1=() q2=() r1=() r2=() r21=() http_cpu=() q1_cpu=() q2_cpu=() failures=0
run_http() {
    measure http_slice "r$round"
    http+=("$slice_rate") http_cpu+=("$slice_cpu")
}
run_q1() {
    measure queue_slice "r${round}c1" "$(backlog "$q1_rate")" 0
    q1_rate=$slice_rate q1+=("$slice_rate") q1_cpu+=("$slice_cpu") failures=$(( failures + queue_errors ))
}
run_q2() {
    consumer_b on
    measure queue_slice "r${round}c2" "$(backlog "$q2_rate")" 0
    consumer_b off
    q2_rate=$slice_rate q2+=("$slice_rate") q2_cpu+=("$slice_cpu") failures=$(( failures + queue_errors ))
}
for round in $(seq 1 "$rounds"); do
    if (( round % 2 )); then
        run_http; run_q1; run_q2
    else
        run_q2; run_q1; run_http
    fi
    r1+=("$(ratio "${q1[-1]}" "${http[-1]}")") r2+=("$(ratio "${q2[-1]}" "${http[-1]}")") r21+=("$(ratio "${q2[-1]}" "${q1[-1]}")")
    echo "   round $round: HTTP ${http[-1]} imports/s, 1 consumer ${q1[-1]} msgs/s, 2 consumers ${q2[-1]} msgs/s"
done

half=$(awk -v r="$(median "${q1[@]}")" 'BEGIN { printf "%.0f", r / 2 }')
echo "== Latency: one consumer, $half messages/s (half its median rate) for $(( 2 * seconds ))s"
measure queue_slice latency $(( half * 2 * seconds )) "$half"
latency_cpu=$slice_cpu
read -r p50 p99 <"$work/latency"

echo
echo "QuickImport queue benchmark: $(nproc) cores, ${seconds}s per measurement, $rounds rounds, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "HTTP quick import (A, 64 connections), imports/s: ${http[*]}; median $(median "${http[@]}")"
echo "1 consumer (A, prefetch ${QuickImport__RabbitMq__Prefetch:-256}), messages/s:         ${q1[*]}; median $(median "${q1[@]}")"
echo "2 consumers (A and B), messages/s:                ${q2[*]}; median $(median "${q2[@]}")"
echo "messages with an error result or none:            $failures"
echo
echo "1 consumer / HTTP, each round:   ${r1[*]}; median $(median "${r1[@]}")   (target >= 2)"
echo "2 consumers / HTTP, each round:  ${r2[*]}; median $(median "${r2[@]}")"
echo "2 consumers / 1 consumer:        ${r21[*]}; median $(median "${r21[@]}")"
echo "publish -> result at $half msgs/s: p50 $p50 ms, p99 $p99 ms   (target p99 < 50 ms); $queue_errors with an error result or none"
echo
echo "CPU ms per import (medians)        A       B   PostgreSQL   broker   load generator"
cpu_row() { # $1 label, then the rounds' "A B PostgreSQL broker load" lines
    local label=$1
    shift
    printf '%-28s %7s %7s %12s %8s %16s\n' "$label" "$(column_median 1 "$@")" "$(column_median 2 "$@")" \
        "$(column_median 3 "$@")" "$(column_median 4 "$@")" "$(column_median 5 "$@")"
}
cpu_row "HTTP quick import" "${http_cpu[@]}"
cpu_row "1 consumer" "${q1_cpu[@]}"
cpu_row "2 consumers" "${q2_cpu[@]}"
cpu_row "latency phase (paced)" "$latency_cpu"
