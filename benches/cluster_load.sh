#!/usr/bin/env bash
# p99 latency through the gateway without and with [cluster] (Redis on loopback TCP), same
# upstream, same wrk run; bounded in time and connections, loopback only.
#
# With [cluster], every request that passes the local limiter costs one GCRA script call
# to Redis (the limit below is high enough that no request is refused: this measures the
# cost of the shared check, not of refusals).
#
# Usage: benches/cluster_load.sh [DURATION_SECONDS=10] [CONNECTIONS=16]
# Needs: nginx, wrk, redis-server, a release build (it runs cargo build --release).
set -euo pipefail
DURATION=${1:-10}
CONNS=${2:-16}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/lachan-cluster-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
UP=$(free_port); RD=$(free_port)

(cd "$ROOT" && cargo build --release --quiet)
BIN="$ROOT/target/release/lachan"

mkdir -p "$WORK/www" "$WORK/up"
head -c 1024 /dev/urandom > "$WORK/www/1k.png"
chmod -R a+rX "$WORK"
cat > "$WORK/up/nginx.conf" <<CONF
worker_processes 1; daemon off; user root; pid $WORK/up/nginx.pid; error_log $WORK/up/error.log warn;
events { worker_connections 1024; }
http { access_log off; types { image/png png; }
  client_body_temp_path $WORK/up; proxy_temp_path $WORK/up; fastcgi_temp_path $WORK/up;
  uwsgi_temp_path $WORK/up; scgi_temp_path $WORK/up;
  server { listen 127.0.0.1:$UP; root $WORK/www; } }
CONF
nginx -c "$WORK/up/nginx.conf" & PIDS+=($!)
redis-server --port "$RD" --bind 127.0.0.1 --save "" --dir "$WORK" >/dev/null & PIDS+=($!)

run() { # $1 name, $2 extra config
  local gw; gw=$(free_port)
  mkdir -p "$WORK/audit-$1"
  cat > "$WORK/$1.toml" <<CONF
[server]
listen = ["127.0.0.1:$gw"]
[audit]
dir = "$WORK/audit-$1"
[guard]
limit = { rate = "1000000/s", burst = 1000000 }
$2
[[site]]
name = "portal"
hosts = ["portal.test"]
upstream = "http://127.0.0.1:$UP"
CONF
  "$BIN" run -c "$WORK/$1.toml" >"$WORK/$1.log" 2>&1 & local pid=$!
  for _ in $(seq 100); do curl -sf -o /dev/null -H 'Host: portal.test' "http://127.0.0.1:$gw/1k.png" && break; sleep 0.1; done
  printf '%-22s ' "$1"
  wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency -H 'Host: portal.test' "http://127.0.0.1:$gw/1k.png" \
    | awk '/Requests\/sec/ { rps = $2 } / 50%/ { p50 = $2 } / 99%/ { p99 = $2 } END { printf "req/s %s  p50 %s  p99 %s\n", rps, p50, p99 }'
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

run "without [cluster]" ""
run "with [cluster]" "[cluster]
redis = \"redis://127.0.0.1:$RD/0\"
instance = \"bench\"
timeout = \"20ms\""
