#!/usr/bin/env bash
# Manages the developer's local RabbitMQ node used by scripts/run.sh --rabbitmq.
#
#   scripts/rabbitmq.sh start    start (or reuse) the node
#   scripts/rabbitmq.sh stop     stop the node
#   scripts/rabbitmq.sh status   exit 0 when running, 3 when not
#   scripts/rabbitmq.sh url      print the AMQP URI (QuickImport__RabbitMq__Uri)
#
# The node runs Debian's rabbitmq-server binaries as the invoking user, with its database, logs and Erlang
# cookie in <repo>/.data/rabbitmq (QUICKIMPORT_RABBITMQ_DIR overrides), AMQP on 127.0.0.1 port
# QUICKIMPORT_RABBITMQ_PORT (default 55672), Erlang distribution on 127.0.0.1 port + 1, user guest (which
# RabbitMQ admits from loopback only), no plugins. The Erlang port mapper (epmd) is the machine's.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$PWD

port=${QUICKIMPORT_RABBITMQ_PORT:-55672}
node_root=${QUICKIMPORT_RABBITMQ_DIR:-$repo_root/.data/rabbitmq}
node=quickimport-$port@localhost
log_file=$node_root/node.log
bin_dir=/usr/lib/rabbitmq/bin

if [[ ! $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65534)); then
    echo "rabbitmq.sh: QUICKIMPORT_RABBITMQ_PORT must be a TCP port number, got '$port'" >&2
    exit 1
fi

# Debian's /usr/sbin commands run these as the rabbitmq user with its cookie; the node here is the caller's.
require_bin_dir() {
    [[ -x $bin_dir/rabbitmq-server ]] && return 0
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "rabbitmq.sh: no RabbitMQ found; installing Debian's rabbitmq-server package" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends rabbitmq-server >&2
        [[ -x $bin_dir/rabbitmq-server ]] && return 0
    fi
    echo "rabbitmq.sh: no RabbitMQ server binaries in $bin_dir." >&2
    echo "Install them, e.g. on Debian/Ubuntu: sudo apt-get install rabbitmq-server" >&2
    exit 1
}

# The node and rabbitmqctl share the cookie in $HOME, so both run with the node's directory as HOME
# (which must exist: Erlang creates the cookie there), and Erlang's crash dumps go there too.
node_env() {
    mkdir -p "$node_root"
    env HOME="$node_root" RABBITMQ_NODENAME="$node" ERL_EPMD_ADDRESS=127.0.0.1 ERL_CRASH_DUMP="$node_root/erl_crash.dump" "$@"
}

ctl() {
    node_env "$bin_dir/rabbitmqctl" -n "$node" "$@"
}

is_running() {
    require_bin_dir
    ctl status >/dev/null 2>&1
}

url() {
    echo "amqp://guest:guest@127.0.0.1:$port/"
}

start() {
    require_bin_dir
    if is_running; then
        echo "RabbitMQ already running on 127.0.0.1:$port ($node_root); not started by this command"
        return 0
    fi
    echo '[].' >"$node_root/enabled_plugins"
    node_env \
        RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
        RABBITMQ_NODE_PORT="$port" \
        RABBITMQ_DIST_PORT=$((port + 1)) \
        RABBITMQ_MNESIA_BASE="$node_root/mnesia" \
        RABBITMQ_LOG_BASE="$node_root/log" \
        RABBITMQ_ENABLED_PLUGINS_FILE="$node_root/enabled_plugins" \
        RABBITMQ_PID_FILE="$node_root/node.pid" \
        RABBITMQ_CONFIG_FILE="$node_root/rabbitmq" \
        RABBITMQ_ADVANCED_CONFIG_FILE="$node_root/advanced.config" \
        RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}' \
        setsid "$bin_dir/rabbitmq-server" >"$log_file" 2>&1 </dev/null &

    # await_startup fails at once until the node has registered with epmd, then waits for it to boot.
    local deadline=$((SECONDS + 90))
    until ctl await_startup --timeout 60 >/dev/null 2>&1; do
        if ((SECONDS > deadline)) || ! kill -0 $! 2>/dev/null; then
            echo "rabbitmq.sh: the node did not start; last lines of $log_file:" >&2
            tail -n 30 "$log_file" >&2 || true
            echo "(if the port is taken, choose another with QUICKIMPORT_RABBITMQ_PORT)" >&2
            exit 1
        fi
        sleep 0.5
    done
    echo "Started RabbitMQ on 127.0.0.1:$port ($node_root)"
}

stop() {
    if ! is_running; then
        echo "RabbitMQ is not running ($node_root)"
        return 0
    fi
    ctl stop >/dev/null
    echo "Stopped RabbitMQ ($node_root)"
}

status() {
    if is_running; then
        echo "RabbitMQ running on 127.0.0.1:$port ($node_root)"
        return 0
    fi
    echo "RabbitMQ not running ($node_root)"
    return 3
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status) status ;;
url) url ;;
*)
    echo "usage: $0 start|stop|status|url" >&2
    exit 2
    ;;
esac
