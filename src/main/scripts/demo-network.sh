#!/usr/bin/env bash
# A local network of three nodes for a demo or a class: http://localhost:5000, :5001, :5002.
# Each pair is registered once, in one direction; the registered node learns the other by itself,
# and from then on blocks and transactions spread without anyone calling resolve.
#
#   src/main/scripts/demo-network.sh start    # starts them (mvn jetty:run), registers, prints URLs
#   src/main/scripts/demo-network.sh status   # their height and peers
#   src/main/scripts/demo-network.sh stop     # stops them
#
# Each node keeps its data in ~/.blockchain-node/port-<port> (delete those to start afresh) and
# logs to target/demo-network/node-<port>.log.
set -euo pipefail
cd "$(dirname "$0")/../../.."

PORTS=(5000 5001 5002)
RUN=target/demo-network

start() {
  mkdir -p "$RUN"
  mvn -B -q -DskipTests package >/dev/null   # compile once, not three times at once
  for port in "${PORTS[@]}"; do
    if [ -f "$RUN/node-$port.pid" ] && kill -0 "$(cat "$RUN/node-$port.pid")" 2>/dev/null; then
      echo "node on $port is running already"
      continue
    fi
    # named node-1, node-2, ... after the port: the pages' headers and colours tell them apart
    setsid mvn -B -q -o jetty:run -Djetty.http.port="$port" -Dblockchain.name="node-$((port - PORTS[0] + 1))" \
      > "$RUN/node-$port.log" 2>&1 &
    echo $! > "$RUN/node-$port.pid"
  done
  for port in "${PORTS[@]}"; do
    for _ in $(seq 1 120); do
      curl -fs "http://localhost:$port/status" >/dev/null 2>&1 && break
      sleep 1
    done
    curl -fs "http://localhost:$port/status" >/dev/null || { echo "node on $port did not start; see $RUN/node-$port.log"; exit 1; }
  done
  for i in "${!PORTS[@]}"; do
    later=()
    for other in "${PORTS[@]:$((i + 1))}"; do
      later+=("\"http://localhost:$other\"")
    done
    [ ${#later[@]} -gt 0 ] || continue
    curl -fs -X POST -H "Content-Type: application/json" \
      -d "{\"nodes\": [$(IFS=,; echo "${later[*]}")]}" "http://localhost:${PORTS[$i]}/nodes/register" >/dev/null
  done
  echo "Three nodes, each pair registered once (they introduce themselves to each other):"
  for port in "${PORTS[@]}"; do
    echo "  http://localhost:$port/"
  done
  echo "Stop them with: $0 stop"
}

stop() {
  for port in "${PORTS[@]}"; do
    pidfile="$RUN/node-$port.pid"
    if [ -f "$pidfile" ]; then
      kill -TERM -- "-$(cat "$pidfile")" 2>/dev/null || true
      rm -f "$pidfile"
      echo "stopped the node on $port"
    fi
  done
}

status() {
  for port in "${PORTS[@]}"; do
    printf 'http://localhost:%s/  ' "$port"
    curl -fs "http://localhost:$port/status" || printf 'not running'
    echo
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|status|stop"; exit 2 ;;
esac
