#!/usr/bin/env bash
# Real attacker clients against a release gateway, loopback only, bounded in time and count.
#
#   benches/attack.sh            (needs: target/release/lachan or $BIN, python3, wrk, slowhttptest)
#
# The upstream (benches/attack_upstream.py) reads POST bodies before answering, so slow
# bodies are held for as long as the client trickles them (or the gateway's body timeout).
# A legitimate visitor (benches/legit_client.py, from 127.0.0.2, 10 req/s) measures its own
# success rate and p99 while:
#   1. nothing else runs (baseline),
#   2. wrk floods from 127.0.0.1 (one address),
#   3. slowhttptest holds slow-header connections (slowloris),
#   4. slowhttptest sends slow bodies. Each slow body is a request from 127.0.0.1, so the
#      guard's rate limit (burst 120) refuses all but ~120 of them and then bans the
#      address: this phase shows the limiter at work, not thousands of held bodies.
# While the slow connections are open, the gateway's open connections (its
# `lachan_open_connections` gauge and its fd count) and RSS are sampled every 0.25 s; the
# peak count is printed with the RSS at that moment, the RSS growth per connection, and the
# gateway's VmHWM, so that the memory figure comes with the number of connections it held.
# Targets (issue 4): 100% legitimate success, p99 <= 3x the baseline p99.
#
# The slow-header connections are refused by the header-read timeout (10 s here), so to
# hold SLOW_CONNS at once slowhttptest must open them all within it: SLOW_RATE per second.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/lachan}
SLOW_CONNS=${SLOW_CONNS:-5000}
SLOW_RATE=${SLOW_RATE:-2000}
SLOW_SECS=${SLOW_SECS:-20}
# slowhttptest and the gateway each need one fd per slow connection, plus headroom.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if (($(ulimit -n) < SLOW_CONNS + 512)); then
  echo "ulimit -n is $(ulimit -n): too low for SLOW_CONNS=$SLOW_CONNS" >&2
  exit 1
fi
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
UP=$(free_port); GW=$(free_port); ADMIN=$(free_port)

mkdir -p "$WORK/www" && printf '<!doctype html><title>portal</title><p>xin chao</p>\n' >"$WORK/www/index.html"
python3 benches/attack_upstream.py "$UP" "$WORK/www" >/dev/null 2>&1 &
PIDS+=($!)

cat >"$WORK/lachan.toml" <<EOF
[server]
listen = ["127.0.0.1:$GW"]
admin = "127.0.0.1:$ADMIN"

[limits]
max_connections = $((SLOW_CONNS + 1000))
max_connections_per_ip = $((SLOW_CONNS + 500))
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

START_RSS=$(awk '/VmRSS/ {print $2}' "/proc/$GW_PID/status")
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

metric() { curl -s "http://127.0.0.1:$ADMIN/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
status_kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$GW_PID/status"; }

# Prints "conns fds rss_kb" every 0.25 s until killed.
sample() {
  while :; do
    echo "$(metric lachan_open_connections) $(ls "/proc/$GW_PID/fd" | wc -l) $(status_kb VmRSS)"
    sleep 0.25
  done
}

slow() { # $1 = -H (slow headers) or -B (slow body)
  local base_conns base_rss
  base_conns=$(metric lachan_open_connections)
  base_rss=$(status_kb VmRSS)
  legit "$SLOW_SECS" >"$WORK/slow.json" &
  local lp=$!
  sample >"$WORK/samples.txt" &
  local sp=$!
  timeout $((SLOW_SECS + 30)) slowhttptest "$1" -c "$SLOW_CONNS" -r "$SLOW_RATE" -i 5 -s 8192 \
    -l "$SLOW_SECS" -t POST -x 24 -p 3 -u "http://127.0.0.1:$GW/" >"$WORK/slow.txt" 2>&1 || true
  wait $lp
  kill $sp
  # The sample with the most open connections, and the RSS taken with it.
  read -r conns fds rss < <(sort -n -k1,1 -k3,3 "$WORK/samples.txt" | tail -1)
  echo "slowhttptest $1:  $(cat "$WORK/slow.json")"
  echo "  peak: $conns open connections ($fds fds), RSS $((rss / 1024)) MB" \
    "(before: $base_conns conns, $((base_rss / 1024)) MB);" \
    "$(((rss - base_rss) * 1024 / (conns - base_conns > 0 ? conns - base_conns : 1))) bytes/conn" \
    "($(((rss - START_RSS) * 1024 / (conns > 0 ? conns : 1))) counted from the RSS at startup," \
    "$((START_RSS / 1024)) MB, which memory freed by earlier phases cannot understate);" \
    "VmHWM $(($(status_kb VmHWM) / 1024)) MB"
  echo "  slowhttptest: $(grep -E 'connected:|closed:|pending:' "$WORK/slow.txt" | tail -3 | tr -s ' \n' ' ')"
}
slow -H
slow -B
