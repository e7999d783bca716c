#!/usr/bin/env bash
# Throughput as a user meets it: the WAR as ROOT.war on a stock Jetty 12.1 base (only the http
# and ee10-deploy modules, no access log), a fresh data directory, Debian's wrk in another process
# (2 threads, 16 connections). Prints requests per second for GET /chain (3 blocks), GET /status
# and durable POST /transactions/new, and any non-2xx answers.
#
#   src/test/scripts/wrk-stock-jetty.sh [war] [label]
#
# Needs wrk (apt-get install wrk) and a jetty-home: JETTY_HOME, or the one `mvn verify` unpacks
# into target/servers/ for DeployIT. The pool limits are raised so that no write is refused.
set -uo pipefail
WAR=${1:-target/blockchain.war}
LABEL=${2:-$(basename "$WAR")}
PORT=${PORT:-5890}
SECONDS_EACH=${SECONDS_EACH:-8}
JETTY_HOME=${JETTY_HOME:-$(ls -d "$PWD"/target/servers/jetty-home-* 2>/dev/null | head -1)}
[ -d "$JETTY_HOME" ] || { echo "no jetty-home: set JETTY_HOME or run mvn verify first" >&2; exit 2; }
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 2; }
WAR=$(realpath "$WAR")
BASE=$(mktemp -d); DATA=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$BASE" "$DATA"' EXIT
cd "$BASE"
java -jar "$JETTY_HOME/start.jar" --add-modules=http,ee10-deploy >/dev/null 2>&1
cp "$WAR" webapps/ROOT.war
java -Dblockchain.dataDir="$DATA" -Dblockchain.maxPending=100000000 -Dblockchain.maxPendingBytes=4000000000 \
     -jar "$JETTY_HOME/start.jar" jetty.http.port=$PORT jetty.http.host=127.0.0.1 > server.log 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -sf -o /dev/null http://127.0.0.1:$PORT/status && break; sleep 0.3; done
cat > post.lua <<'LUA'
wrk.method = "POST"
wrk.body = '{"sender": "d4ee26eee15148ee92c6cd394edd974e", "recipient": "someone-other-address", "amount": 5}'
wrk.headers["Content-Type"] = "application/json"
LUA
rate() { awk '/Requests\/sec/ {r=$2} /Non-2xx/ {bad=$5} END {printf "%s%s", r, (bad ? " (" bad " non-2xx!)" : "")}'; }
for _ in 1 2; do curl -sf -o /dev/null http://127.0.0.1:$PORT/mine; done
wrk -t2 -c16 -d3s http://127.0.0.1:$PORT/chain >/dev/null
CHAIN=$(wrk -t2 -c16 -d${SECONDS_EACH}s http://127.0.0.1:$PORT/chain | rate)
STATUS=$(wrk -t2 -c16 -d${SECONDS_EACH}s http://127.0.0.1:$PORT/status | rate)
wrk -t2 -c16 -d2s -s post.lua http://127.0.0.1:$PORT/transactions/new >/dev/null
POST=$(wrk -t2 -c16 -d${SECONDS_EACH}s -s post.lua http://127.0.0.1:$PORT/transactions/new | rate)
echo "$LABEL: GET /chain ${CHAIN}/s, GET /status ${STATUS}/s, POST /transactions/new ${POST}/s"
