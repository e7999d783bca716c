#!/usr/bin/env bash
# A classroom network in one command: several nodes from one build, registered with each other,
# named node-1, node-2, ... and steered with one operator's token.
#
#   src/main/scripts/classroom.sh start 5          five nodes on ports 5000-5004, ready or one sentence why not
#   src/main/scripts/classroom.sh status           name, URL, height, tip, pending, peers up/down
#   src/main/scripts/classroom.sh stop node-3      one node (start node-3 starts it again)
#   src/main/scripts/classroom.sh stop             all of them
#   src/main/scripts/classroom.sh reset [--yes]    stop all and delete the class's data (asks first)
#   src/main/scripts/classroom.sh token            the class's operator's token
#   src/main/scripts/classroom.sh mining interval 5000-15000   every node mines by itself, a delay
#                                                  drawn from 5-15 s after each of its blocks
#   src/main/scripts/classroom.sh mining on-transaction        a node mines when a transaction is posted to it
#   src/main/scripts/classroom.sh mining manual    only when asked (the tutorial's); stops it all
#   src/main/scripts/classroom.sh mining throttle 1 0.5        each node's miner: 1 thread, half the time
#   src/main/scripts/classroom.sh mine 10 [node-K] node-K (default node-1) mines 10 blocks, one after another
#   src/main/scripts/classroom.sh pause            every node stops sending and taking peer messages
#   src/main/scripts/classroom.sh resume           and starts again: they catch up
#   src/main/scripts/classroom.sh partition node-1,node-2 node-3,node-4,node-5
#                                                  each group ignores the others: two networks
#   src/main/scripts/classroom.sh heal             no node ignores another: one network again
#   src/main/scripts/classroom.sh withhold node-K  node-K mines in secret from now on (an attacker's private branch)
#   src/main/scripts/classroom.sh release node-K   and shows it: longer than the others' chain, it wins
#   src/main/scripts/classroom.sh snapshot NAME    every node keeps its chain, pool and peers as NAME
#   src/main/scripts/classroom.sh restore NAME     every node back to NAME (paused while it happens)
#
# Options, before or after the command, on every command:
#   --port P      the first node's port (default 5000); node-K listens on P+K-1
#   --data DIR    the class's folder (default ~/.blockchain-node/classroom): its nodes' data, logs,
#                 token and server; two classes side by side need two folders and two port ranges
#   --lan         listen on this machine's network address, for students' laptops (default: only
#                 this machine, 127.0.0.1)
#   --python      one more node, python-1 on the next port: the tutorial's algorithm in Python
#                 (src/main/python/tutorial_peer.py, standard library only), registered with the others
#   --no-build    use the WAR and Jetty the last build left in target/ (default: build first)
#   -Dname=value  a node setting for every node, e.g. -Dblockchain.difficulty=3 (kept for the class)
#
# Needs Java 17, Maven (for the build) and python3. Each node is the built WAR on the Jetty
# distribution the build unpacks (target/servers), in a JVM of its own, with its output in
# DIR/node-K/node.log.
set -euo pipefail

PROJECT="$(cd "$(dirname "$0")/../../.." && pwd)"
DATA="$HOME/.blockchain-node/classroom"
PORT=""
LAN=0
PYTHON=0
BUILD=1
YES=0
SETTINGS=()
WORDS=()
JVM_OPTIONS=(-Xmx256m -XX:+UseSerialGC -Xss512k)
READY_SECONDS=90

say() { echo "classroom: $*"; }
fail() { echo "classroom: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --port) [ $# -ge 2 ] || fail "--port needs a number"; PORT="$2"; shift 2 ;;
    --port=*) PORT="${1#--port=}"; shift ;;
    --data) [ $# -ge 2 ] || fail "--data needs a folder"; DATA="$2"; shift 2 ;;
    --data=*) DATA="${1#--data=}"; shift ;;
    --lan) LAN=1; shift ;;
    --python) PYTHON=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --yes|-y) YES=1; shift ;;
    -D*=*) SETTINGS+=("$1"); shift ;;
    -h|--help) sed -n '2,40p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) fail "unknown option $1; see $0 --help" ;;
    *) WORDS+=("$1"); shift ;;
  esac
done
[ -z "$PORT" ] || [[ "$PORT" =~ ^[0-9]+$ && "$PORT" -ge 1024 && "$PORT" -le 65000 ]] \
  || fail "--port must be a number from 1024 to 65000, not '$PORT'"
mkdir -p "$DATA"
DATA="$(cd "$DATA" && pwd)"
CLASS="$DATA/class.conf"

# ---- the class's record: how many nodes, from which port, where they listen, their settings ----

COUNT=0
FIRST_PORT=5000
HOST=127.0.0.1
PUBLIC_HOST=127.0.0.1
WITH_PYTHON=0
CLASS_SETTINGS=()

load_class() {
  [ -f "$CLASS" ] || return 0
  while IFS='=' read -r key value; do
    case "$key" in
      count) COUNT="$value" ;;
      first_port) FIRST_PORT="$value" ;;
      host) HOST="$value" ;;
      public_host) PUBLIC_HOST="$value" ;;
      python) WITH_PYTHON="$value" ;;
      setting) CLASS_SETTINGS+=("$value") ;;
    esac
  done < "$CLASS"
}

save_class() {
  {
    echo "count=$COUNT"
    echo "first_port=$FIRST_PORT"
    echo "host=$HOST"
    echo "public_host=$PUBLIC_HOST"
    echo "python=$WITH_PYTHON"
    for s in ${CLASS_SETTINGS[@]+"${CLASS_SETTINGS[@]}"}; do echo "setting=$s"; done
  } > "$CLASS"
}

load_class
if [ -n "$PORT" ] && [ -f "$CLASS" ] && [ "$PORT" != "$FIRST_PORT" ]; then
  fail "the class in $DATA runs on ports from $FIRST_PORT, not $PORT; use --data for another class"
fi

node_port() { echo $((FIRST_PORT + $1 - 1)); }
node_dir() { echo "$DATA/node-$1"; }
node_url() { echo "http://$PUBLIC_HOST:$(node_port "$1")"; }
local_url() { echo "http://127.0.0.1:$(node_port "$1")"; }

node_pid() {
  local file
  file="$(node_dir "$1")/pid"
  [ -f "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null && cat "$file"
  return 0
}

# The Python tutorial node (--python): python-1, on the port after the Java nodes'.
python_port() { echo $((FIRST_PORT + COUNT)); }
python_url() { echo "http://$PUBLIC_HOST:$(python_port)"; }
python_pid() {
  local file="$DATA/python-1/pid"
  [ -f "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null && cat "$file"
  return 0
}

start_python() {
  [ "$WITH_PYTHON" = 1 ] && [ -z "$(python_pid)" ] || return 0
  local port dir="$DATA/python-1"
  port="$(python_port)"
  port_free "$HOST" "$port" || fail "port $port (python-1) is taken by another program: stop it, or use --port"
  mkdir -p "$dir"
  (exec setsid python3 -u "$PROJECT/src/main/python/tutorial_peer.py" --port "$port" --host "$HOST") > "$dir/node.log" 2>&1 < /dev/null &
  echo $! > "$dir/pid"
  for _ in $(seq 1 50); do
    grep -q '^LISTENING' "$dir/node.log" 2>/dev/null && return 0
    [ -n "$(python_pid)" ] || break
    sleep 0.1
  done
  fail "python-1 did not start: $(tail -3 "$dir/node.log" 2>/dev/null) (log: $dir/node.log)"
}

stop_python() {
  stop_process "$(python_pid)"
  rm -f "$DATA/python-1/pid"
}

# ---- HTTP and JSON, by python3 (a fresh Debian has it; curl it may not) ----

# http METHOD URL [BODY]: prints the status code, a tab, and the body; 000 when nothing answers.
http() {
  python3 - "$@" "$(token_if_any)" <<'EOF'
import sys, urllib.request, urllib.error
method, url = sys.argv[1], sys.argv[2]
body = sys.argv[3].encode() if len(sys.argv) > 4 else None
token = sys.argv[-1]
request = urllib.request.Request(url, data=body, method=method)
if body is not None:
    request.add_header("Content-Type", "application/json")
if token:
    request.add_header("Authorization", "Bearer " + token)
try:
    with urllib.request.urlopen(request, timeout=5) as answer:
        print(f"{answer.status}\t{answer.read().decode('utf-8', 'replace')}")
except urllib.error.HTTPError as e:
    print(f"{e.code}\t{e.read().decode('utf-8', 'replace')}")
except Exception:
    print("000\t")
EOF
}

token_if_any() { [ -f "$DATA/token" ] && cat "$DATA/token" || true; }

# message_of JSON: the "message" of a node's JSON answer.
message_of() {
  python3 -c 'import json,sys
try: print(json.loads(sys.argv[1]).get("message", sys.argv[1]))
except Exception: print(sys.argv[1][:300])' "$1"
}

port_free() {
  python3 - "$1" "$2" <<'EOF'
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds: a port it left in TIME_WAIT is free
try:
    s.bind((sys.argv[1], int(sys.argv[2])))
except OSError:
    sys.exit(1)
EOF
}

lan_address() {
  python3 - <<'EOF'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
try:
    s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the interface a route would use
    print(s.getsockname()[0])
except OSError:
    print(socket.gethostbyname(socket.gethostname()))
EOF
}

# ---- the build and the server ----

WAR=""
JETTY_HOME=""

find_build() {
  WAR="$PROJECT/target/blockchain.war"
  JETTY_HOME="$(ls -d "$PROJECT"/target/servers/jetty-home-* 2>/dev/null | sort | tail -1 || true)"
  [ -f "$WAR" ] && [ -n "$JETTY_HOME" ] && [ -f "$JETTY_HOME/start.jar" ]
}

build() {
  if [ "$BUILD" = 1 ]; then
    say "building once (mvn -DskipTests -DskipITs verify) ..."
    (cd "$PROJECT" && mvn -B -q -DskipTests -DskipITs verify) > "$DATA/build.log" 2>&1 \
      || fail "the build failed; its output is in $DATA/build.log"
  fi
  find_build || fail "no build in $PROJECT/target (WAR and Jetty); run without --no-build"
}

prepare_server() {
  local base="$DATA/server"
  if [ ! -f "$base/start.d/http.ini" ] && [ ! -f "$base/start.ini" ]; then
    mkdir -p "$base"
    (cd "$base" && java -jar "$JETTY_HOME/start.jar" --add-modules=http,ee10-deploy) > "$DATA/server-setup.log" 2>&1 \
      || fail "could not set up Jetty in $base; see $DATA/server-setup.log"
  fi
  # a running node keeps the WAR it started with: the new one is copied only when none runs
  local k running=0
  for k in $(seq 1 "$COUNT"); do [ -z "$(node_pid "$k")" ] || running=1; done
  if [ "$running" = 0 ] || [ ! -f "$base/webapps/ROOT.war" ]; then
    cp "$WAR" "$base/webapps/ROOT.war"
  fi
}

# ---- one node ----

launch() {
  local k="$1" port dir public_url=""
  port="$(node_port "$k")"
  dir="$(node_dir "$k")"
  mkdir -p "$dir/data"
  [ "$LAN_MODE" = 1 ] && public_url="-Dblockchain.publicUrl=$(node_url "$k")"
  (
    cd "$DATA/server"
    # the token by the environment, not the command line: ps shows command lines to every user
    BLOCKCHAIN_ADMIN_TOKEN="$(cat "$DATA/token")" exec setsid java "${JVM_OPTIONS[@]}" \
      "-Dblockchain.dataDir=$dir/data" "-Dblockchain.name=node-$k" ${public_url:+"$public_url"} \
      ${CLASS_SETTINGS[@]+"${CLASS_SETTINGS[@]}"} \
      -jar "$JETTY_HOME/start.jar" "jetty.http.port=$port" "jetty.http.host=$HOST"
  ) > "$dir/node.log" 2>&1 < /dev/null &
  echo $! > "$dir/pid"
}

# The reason a node gave in its log: its one SEVERE sentence, else Jetty's last failure.
reason_in_log() {
  python3 - "$1" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
lines = text.splitlines()
for i, line in enumerate(lines):
    if line.startswith("SEVERE:"):
        print(line[len("SEVERE:"):].strip())
        sys.exit()
for line in reversed(lines):
    if re.search(r"(Exception|Error|FAILED)", line):
        print(line.strip()[:400])
        sys.exit()
print("it stopped without a reason in its log")
EOF
}

# Waits for node K: ready (0), or prints why not (1): its own answer, or its log when it died.
await_ready() {
  local k="$1" answer status deadline=$((SECONDS + READY_SECONDS))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if [ -z "$(node_pid "$k")" ]; then
      echo "classroom: node-$k did not start: $(reason_in_log "$(node_dir "$k")/node.log") (log: $(node_dir "$k")/node.log)" >&2
      return 1
    fi
    answer="$(http GET "$(local_url "$k")/status")"
    status="${answer%%$'\t'*}"
    if [ "$status" = 200 ]; then
      return 0
    fi
    if [ "$status" = 503 ] && [[ "${answer#*$'\t'}" == *'"message"'* ]]; then
      echo "classroom: node-$k could not start: $(message_of "${answer#*$'\t'}")" >&2
      return 1
    fi
    sleep 0.3
  done
  echo "classroom: node-$k did not answer within $READY_SECONDS s (log: $(node_dir "$k")/node.log)" >&2
  return 1
}

# stop_process PID: asks it to stop (a node closes its store), waits up to 10 s, then ends it.
stop_process() {
  local pid="$1"
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

stop_node() {
  stop_process "$(node_pid "$1")"
  rm -f "$(node_dir "$1")/pid"
}

# ---- commands ----

node_number() {
  [[ "$1" =~ ^node-([0-9]+)$ ]] || fail "'$1' is not a node's name: node-1 to node-$COUNT"
  local k="${BASH_REMATCH[1]}"
  [ "$k" -ge 1 ] && [ "$k" -le "$COUNT" ] || fail "this class has node-1 to node-$COUNT, not $1"
  echo "$k"
}

start_nodes() { # the node numbers to start; all of them are checked before any starts
  local k port taken=()
  for k in "$@"; do
    [ -z "$(node_pid "$k")" ] || continue
    port="$(node_port "$k")"
    port_free "$HOST" "$port" || taken+=("$port")
  done
  if [ ${#taken[@]} -gt 0 ]; then
    fail "port ${taken[*]} is taken by another program: stop it, or give the class other ports with --port (nothing was started)"
  fi
  prepare_server
  local started=()
  for k in "$@"; do
    if [ -n "$(node_pid "$k")" ]; then
      say "node-$k is running already"
      continue
    fi
    launch "$k"
    started+=("$k")
  done
  for k in ${started[@]+"${started[@]}"}; do
    if ! await_ready "$k"; then
      for k in "${started[@]}"; do stop_node "$k"; done
      exit 1
    fi
  done
}

register_all() {
  local k j others answer
  for k in $(seq 1 "$COUNT"); do
    [ -n "$(node_pid "$k")" ] || continue
    others=""
    for j in $(seq 1 "$COUNT"); do
      [ "$j" = "$k" ] || others="$others${others:+, }\"$(node_url "$j")\""
    done
    [ "$WITH_PYTHON" = 0 ] || others="$others${others:+, }\"$(python_url)\""
    [ -n "$others" ] || continue
    answer="$(http POST "$(local_url "$k")/nodes/register" "{\"nodes\": [$others]}")"
    [ "${answer%%$'\t'*}" = 201 ] || fail "node-$k refused its peers: $(message_of "${answer#*$'\t'}")"
  done
  if [ "$WITH_PYTHON" = 1 ] && [ -n "$(python_pid)" ]; then
    others=""
    for j in $(seq 1 "$COUNT"); do others="$others${others:+, }\"$(node_url "$j")\""; done
    answer="$(http POST "http://127.0.0.1:$(python_port)/nodes/register" "{\"nodes\": [$others]}")"
    [ "${answer%%$'\t'*}" = 201 ] || fail "python-1 refused its peers: $(message_of "${answer#*$'\t'}")"
  fi
}

cmd_start() {
  local what="${1:-}"
  if [[ "$what" == node-* ]]; then
    [ -f "$CLASS" ] || fail "no class in $DATA yet: start it first (classroom.sh start 3)"
    local k
    k="$(node_number "$what")"
    LAN_MODE=$([ "$HOST" = 0.0.0.0 ] && echo 1 || echo 0)
    build
    start_nodes "$k"
    say "node-$k is up at $(node_url "$k"); it catches up with its peers by itself"
    return
  fi
  if [ -f "$CLASS" ]; then
    if [ -n "$what" ] && [ "$what" != "$COUNT" ]; then
      fail "the class in $DATA has $COUNT nodes; reset it first for $what, or use --data for another class"
    fi
  else
    COUNT="${what:-3}"
    [[ "$COUNT" =~ ^[0-9]+$ && "$COUNT" -ge 1 && "$COUNT" -le 20 ]] || fail "start takes a number of nodes from 1 to 20, not '$COUNT'"
    FIRST_PORT="${PORT:-5000}"
    CLASS_SETTINGS=(${SETTINGS[@]+"${SETTINGS[@]}"})
    # one genesis block for the whole class (unless the teacher chose one): the first block mined
    # then extends every node's chain, rather than replacing the others' first blocks
    case " ${CLASS_SETTINGS[*]-} " in
      *" -Dblockchain.genesisTime="*) ;;
      *) CLASS_SETTINGS+=("-Dblockchain.genesisTime=$(date +%s)") ;;
    esac
    WITH_PYTHON="$PYTHON"
    if [ "$LAN" = 1 ]; then
      HOST=0.0.0.0
      PUBLIC_HOST="$(lan_address)"
    fi
  fi
  LAN_MODE=$([ "$HOST" = 0.0.0.0 ] && echo 1 || echo 0)
  if [ ! -f "$DATA/token" ]; then
    (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(18))' > "$DATA/token")
  fi
  build
  save_class
  if [ "$WITH_PYTHON" = 1 ] && [ -z "$(python_pid)" ] && ! port_free "$HOST" "$(python_port)"; then
    fail "port $(python_port) (python-1) is taken by another program: stop it, or give the class other ports with --port (nothing was started)"
  fi
  start_nodes $(seq 1 "$COUNT")
  start_python
  register_all
  say "$COUNT nodes are up, each registered with the others:"
  cmd_status
  say "the operator's token (mining, registering, resolving; the page asks for it once): $(cat "$DATA/token")"
  [ "$LAN_MODE" = 0 ] || say "students open $(node_url 1)/ (or any node's address above), or give it to their own nodes as a peer"
}

cmd_stop() {
  local what="${1:-}" k
  [ -f "$CLASS" ] || { say "no class in $DATA"; return; }
  if [ -n "$what" ]; then
    k="$(node_number "$what")"
    stop_node "$k"
    say "node-$k stopped"
    return
  fi
  for k in $(seq 1 "$COUNT"); do stop_node "$k"; done
  stop_python
  say "all nodes stopped (their data stays in $DATA)"
}

cmd_status() {
  [ -f "$CLASS" ] || fail "no class in $DATA: start one with classroom.sh start 3"
  local k urls=()
  for k in $(seq 1 "$COUNT"); do urls+=("node-$k" "$(node_url "$k")" "$(local_url "$k")" "$(node_pid "$k")"); done
  [ "$WITH_PYTHON" = 0 ] || urls+=("python-1" "$(python_url)" "http://127.0.0.1:$(python_port)" "$(python_pid)")
  python3 - "${urls[@]}" <<'EOF'
import json, sys, urllib.request
rows = [("NAME", "URL", "HEIGHT", "TIP", "PENDING", "PEERS UP/DOWN")]
args = sys.argv[1:]
for i in range(0, len(args), 4):
    name, url, local, pid = args[i:i + 4]
    try:
        if name.startswith("python-"):  # the tutorial's API only: its height and tip from /chain
            import hashlib
            with urllib.request.urlopen(local + "/chain", timeout=3) as answer:
                chain = json.load(answer)["chain"]
            tip = hashlib.sha256(json.dumps(chain[-1], sort_keys=True).encode()).hexdigest()
            rows.append((name, url, str(len(chain)), tip[:12], "-", "tutorial API"))
            continue
        with urllib.request.urlopen(local + "/status", timeout=3) as answer:
            s = json.load(answer)
        peers = s.get("peers", [])
        down = sum(1 for p in peers if p.get("down"))
        rows.append((name, url, str(s["length"]), s["last_hash"][:12], str(s["pending"]), f"{len(peers) - down}/{down}"))
    except Exception:
        rows.append((name, url, "-", "-", "-", "running, not answering" if pid else "stopped"))
widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
for r in rows:
    print("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip())
EOF
}

cmd_reset() {
  [ -f "$CLASS" ] || [ -d "$DATA" ] || { say "nothing to reset in $DATA"; return; }
  if [ "$YES" != 1 ]; then
    printf 'classroom: delete every node of the class in %s, their chains and logs? [y/N] ' "$DATA"
    local answer
    read -r answer || answer=""
    [[ "$answer" =~ ^[yY] ]] || fail "nothing deleted"
  fi
  local k
  for k in $(seq 1 "$COUNT"); do stop_node "$k"; done
  stop_python
  rm -rf "$DATA"
  say "the class in $DATA is gone; classroom.sh start N starts a new one"
}

# steer METHOD PATH BODY NODE...: sends the operator's request to each node named; fails naming the first that refuses.
steer() {
  local method="$1" path="$2" body="$3" k answer
  shift 3
  for k in "$@"; do
    if [ -z "$(node_pid "$k")" ]; then
      say "node-$k is stopped: skipped"
      continue
    fi
    answer="$(http "$method" "$(local_url "$k")$path" "$body")"
    case "${answer%%$'\t'*}" in
      2??) ;;
      000) fail "node-$k does not answer" ;;
      *) fail "node-$k refused: $(message_of "${answer#*$'\t'}")" ;;
    esac
  done
}

all_nodes() { seq 1 "$COUNT"; }

cmd_mining() {
  [ -f "$CLASS" ] || fail "no class in $DATA: start one with classroom.sh start 3"
  local body
  case "${1:-}" in
    manual|on-transaction) body="{\"mode\": \"$1\"}" ;;
    interval)
      if [[ "${2:-}" =~ ^([0-9]+)-([0-9]+)$ ]]; then
        body="{\"mode\": \"interval\", \"interval_ms\": [${BASH_REMATCH[1]}, ${BASH_REMATCH[2]}]}"
      elif [[ "${2:-}" =~ ^[0-9]+$ ]]; then
        body="{\"mode\": \"interval\", \"interval_ms\": $2}"
      else
        fail "mining interval takes milliseconds, one number or a range: mining interval 5000-15000"
      fi ;;
    throttle)
      [[ "${2:-}" =~ ^[0-9]+$ && "${3:-}" =~ ^[0-9.]+$ ]] || fail "mining throttle takes threads and a duty above 0 up to 1: mining throttle 1 0.5"
      body="{\"threads\": $2, \"duty\": $3}" ;;
    *) fail "mining takes manual, on-transaction, interval MS or MIN-MAX, or throttle THREADS DUTY" ;;
  esac
  steer PUT /admin/mining "$body" $(all_nodes)
  say "every running node: mining ${*}"
}

cmd_mine() {
  [ -f "$CLASS" ] || fail "no class in $DATA: start one with classroom.sh start 3"
  [[ "${1:-}" =~ ^[0-9]+$ ]] || fail "mine takes a number of blocks: mine 10 [node-K]"
  local k=1
  [ -z "${2:-}" ] || k="$(node_number "$2")"
  [ -n "$(node_pid "$k")" ] || fail "node-$k is stopped: classroom.sh start node-$k"
  steer POST /admin/mine "{\"count\": $1}" "$k"
  if [ "$1" = 1 ]; then say "node-$k mines 1 block"; else say "node-$k mines $1 blocks, one after another"; fi
}

cmd_pause() { # true or false
  [ -f "$CLASS" ] || fail "no class in $DATA: start one with classroom.sh start 3"
  steer PUT /admin/network "{\"paused\": $1}" $(all_nodes)
  if [ "$1" = true ]; then say "every running node's network is paused"; else say "every running node's network is open again"; fi
}

cmd_partition() { # groups of node names, comma-separated
  [ -f "$CLASS" ] || fail "no class in $DATA: start one with classroom.sh start 3"
  [ $# -ge 2 ] || fail "partition takes two groups or more: partition node-1,node-2 node-3,node-4,node-5"
  local groups=("$@") g h k node others
  for g in "${!groups[@]}"; do
    for node in ${groups[$g]//,/ }; do node_number "$node" >/dev/null; done
  done
  for g in "${!groups[@]}"; do
    others=""
    for h in "${!groups[@]}"; do
      [ "$h" = "$g" ] && continue
      for node in ${groups[$h]//,/ }; do
        others="$others${others:+, }\"$(node_url "$(node_number "$node")")\""
      done
    done
    for node in ${groups[$g]//,/ }; do
      k="$(node_number "$node")"
      steer PUT /admin/network "{\"ignored\": [$others]}" "$k"
    done
  done
  say "partitioned: ${groups[*]}; each group ignores the others until: classroom.sh heal"
}

cmd_heal() {
  [ -f "$CLASS" ] || fail "no class in $DATA: start one with classroom.sh start 3"
  steer PUT /admin/network '{"ignored": []}' $(all_nodes)
  say "healed: every node talks to every other again; the longest chain wins"
}

cmd_snapshot() {
  [ -f "$CLASS" ] || fail "no class in $DATA: start one with classroom.sh start 3"
  [[ "${1:-}" =~ ^[a-z0-9-]{1,40}$ ]] || fail "snapshot takes a name of a-z, 0-9 and -: snapshot lesson-2"
  steer POST /admin/snapshots "{\"name\": \"$1\"}" $(all_nodes)
  say "every running node keeps snapshot $1; classroom.sh restore $1 brings them back to it"
}

cmd_restore() {
  [ -f "$CLASS" ] || fail "no class in $DATA: start one with classroom.sh start 3"
  [[ "${1:-}" =~ ^[a-z0-9-]{1,40}$ ]] || fail "restore takes a snapshot's name: restore lesson-2"
  # paused first: a node restored while its peers still push their longer chains would be overtaken at once
  steer PUT /admin/network '{"paused": true}' $(all_nodes)
  local k answer
  for k in $(all_nodes); do
    [ -n "$(node_pid "$k")" ] || continue
    answer="$(http POST "$(local_url "$k")/admin/snapshots/$1/restore" "")"
    if [ "${answer%%$'\t'*}" != 200 ]; then
      steer PUT /admin/network '{"paused": false}' $(all_nodes)
      fail "node-$k was not restored: $(message_of "${answer#*$'\t'}")"
    fi
    python3 -c 'import json,sys
a = json.loads(sys.argv[2])
print("classroom: %s back at %d blocks (%s), %d blocks and %d acknowledged transactions discarded" % (sys.argv[1],
      a["length"], a["tip"][:12], len(a["discarded_blocks"]), len(a["discarded_transactions"])))' \
      "node-$k" "${answer#*$'\t'}"
  done
  steer PUT /admin/network '{"paused": false}' $(all_nodes)
  say "every running node is back at snapshot $1"
}

cmd_withhold() { # true or false, node name
  [ -f "$CLASS" ] || fail "no class in $DATA: start one with classroom.sh start 3"
  [ -n "${2:-}" ] || fail "name the attacker: withhold node-1"
  local k
  k="$(node_number "$2")"
  steer PUT /admin/network "{\"withhold\": $1}" "$k"
  if [ "$1" = true ]; then
    say "node-$k mines in secret from now on; give it blocks (classroom.sh mine 5 node-$k), then: classroom.sh release node-$k"
  else
    say "node-$k showed its withheld branch: if it is longer, every node takes it"
  fi
}

case "${WORDS[0]:-}" in
  withhold) cmd_withhold true "${WORDS[1]:-}" ;;
  release) cmd_withhold false "${WORDS[1]:-}" ;;
  snapshot) cmd_snapshot "${WORDS[1]:-}" ;;
  restore) cmd_restore "${WORDS[1]:-}" ;;
  pause) cmd_pause true ;;
  resume) cmd_pause false ;;
  partition) cmd_partition "${WORDS[@]:1}" ;;
  heal) cmd_heal ;;
  mining) cmd_mining "${WORDS[@]:1}" ;;
  mine) cmd_mine "${WORDS[@]:1}" ;;
  start) cmd_start "${WORDS[1]:-}" ;;
  stop) cmd_stop "${WORDS[1]:-}" ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  token) [ -f "$DATA/token" ] && cat "$DATA/token" || fail "no class in $DATA yet" ;;
  "") sed -n '2,40p' "$0" | sed 's/^# \{0,1\}//'; exit 1 ;;
  *) fail "unknown command '${WORDS[0]}'; see $0 --help" ;;
esac
