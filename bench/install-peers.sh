#!/usr/bin/env bash
# Installs the brokers the mailbox benchmark runs next to the node (Redis, RabbitMQ, NATS), from
# Debian's packages. The benchmark starts its own private instances (free loopback ports, data in a
# temporary folder), so the system services the packages start are stopped again: they must not
# hold the default ports or use CPU while it measures. Safe to run again.
set -euo pipefail

# The binaries the benchmark starts, one per package.
binaries=(
    /usr/bin/redis-server
    /usr/lib/rabbitmq/bin/rabbitmq-server
    /usr/sbin/nats-server
)

missing=0
for binary in "${binaries[@]}"; do
    if [[ ! -x "$binary" ]]; then
        missing=1
    fi
done

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
fi

if [[ $missing -eq 1 ]]; then
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends redis-server rabbitmq-server nats-server
fi

# Without systemd, the packages' init scripts start the services on install. Stop a service only
# if its process is running: rabbitmq-server's stop (and status) runs rabbitmqctl, which would
# start an Erlang port mapper even when no broker runs.
stop_service() {
    local service=$1 user=$2 process=$3
    if pgrep -u "$user" -x "$process" >/dev/null 2>&1; then
        "${sudo[@]}" service "$service" stop >/dev/null 2>&1 || true
    fi
}

stop_service redis-server redis redis-server
stop_service nats-server nats nats-server
if pgrep -u rabbitmq -x beam.smp >/dev/null 2>&1; then
    "${sudo[@]}" service rabbitmq-server stop >/dev/null 2>&1 || true
    # The broker's epmd (on 4369) outlives the service; the benchmark's nodes use their own.
    for pid in $(pgrep -u rabbitmq -x epmd || true); do
        "${sudo[@]}" kill "$pid" || true
    done
fi

echo "redis-server: $(/usr/bin/redis-server --version)"
echo "rabbitmq-server: $(dpkg-query -W -f='${Version}' rabbitmq-server)"
echo "nats-server: $(/usr/sbin/nats-server --version)"
