#!/usr/bin/env bash
# Real attacker clients against a release gateway, loopback only, bounded in time and count.
#
#   benches/attack.sh            (needs: target/release/lachan, python3, wrk, slowhttptest)
#
# A legitimate visitor (benches/legit_client.py, from 127.0.0.2, 10 req/s) measures its own
# success rate and p99 while:
#   1. nothing else runs (baseline),
#   2. wrk floods from 127.0.0.1 (one address),
#   3. slowhttptest holds slow-header connections (slowloris),
#   4. slowhttptest sends slow bodies.
# The gateway's RSS is sampled while the slow connections are open.
# Targets (issue 4): 100% legitimate success, p99 <= 3x the baseline p99.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=target/release/lachan
SLOW_CONNS=${SLOW_CONNS:-5000}
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
UP=$(free_port); GW=$(free_port); ADMIN=$(free_port)

mkdir -p "$WORK/www" && printf '<!doctype html><title>portal</title><p>xin chao</p>\n' >"$WORK/www/index.html"
python3 -m http.server "$UP" --bind 127.0.0.1 --directory "$WORK/www" >/dev/null 2>&1 &
PIDS+=($!)

cat >"$WORK/lachan.toml" <<EOF
[server]
listen = ["127.0.0.1:$GW"]
admin = "127.0.0.1:$ADMIN"

[limits]
max_connections = 20000
max_connections_per_ip = 10000
header_read_timeout = "10s"

[audit]
dir = "$WORK/audit"

[guard]
limit = { rate = "30/s", burst = 120 }

[[site]]
name = "portal"
hosts = ["portal.test", "127.0.0.1"]
upstream = "http://127.0.0.1:$UP"
EOF
RUST_LOG=warn "$BIN" run -c "$WORK/lachan.toml" >"$WORK/gw.log" 2>&1 &
GW_PID=$!
PIDS+=($GW_PID)
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$ADMIN/healthz" && break; sleep 0.1; done

rss() { awk '/VmRSS/ {printf "%.1f MB", $2/1024}' "/proc/$GW_PID/status"; }
legit() { python3 benches/legit_client.py "$GW" 127.0.0.2 "$1" 10; }

echo "baseline:          $(legit 10)   gateway RSS $(rss)"

legit 12 >"$WORK/flood.json" &
LP=$!
wrk -t1 -c32 -d10s -H 'Host: portal.test' "http://127.0.0.1:$GW/" >"$WORK/wrk.txt" 2>&1 || true
wait $LP
echo "wrk flood:         $(cat "$WORK/flood.json")"
echo "  wrk: $(grep -E 'Requests/sec|Non-2xx' "$WORK/wrk.txt" | tr -s ' ' | tr '\n' ' ')"
curl -s -X DELETE "http://127.0.0.1:$ADMIN/bans/127.0.0.1" >/dev/null || true

slow() { # $1 = -H (slow headers) or -B (slow body)
  legit 14 >"$WORK/slow.json" &
  local lp=$!
  slowhttptest "$1" -c "$SLOW_CONNS" -r 1000 -i 5 -s 8192 -l 12 -t POST -x 24 -p 3 \
    -u "http://127.0.0.1:$GW/" >"$WORK/slow.txt" 2>&1 &
  local sp=$!
  sleep 7  # sample while the slow connections are held (not a synchronisation wait)
  local open rss_now
  open=$(ls /proc/$GW_PID/fd | wc -l)
  rss_now=$(rss)
  wait $lp
  wait $sp || true
  echo "slowhttptest $1:  $(cat "$WORK/slow.json")   gateway fds $open, RSS $rss_now"
}
slow -H
slow -B
