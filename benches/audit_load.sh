#!/usr/bin/env bash
# Audit trail under load. Loopback only; every load is bounded in count and time.
#
#   benches/audit_load.sh            # both parts
#   benches/audit_load.sh writer     # events/s the writer sustains with fsync = "batch"
#   benches/audit_load.sh e2e        # 10,000 blocked requests through the gateway, then kill -9
#   benches/audit_load.sh diskfull   # root only: the log on a full 64 KiB tmpfs, on_error = fail_closed
#
# e2e needs `wrk` (apt-get install -y wrk). It requests REQ_PATH (default "/", the demo
# portal's compromised page, whose sanitization emits events; try REQ_PATH=/.env for a
# guard refusal, with GUARD_ALLOW= so that loopback is not allow-listed). The events come from the sanitizer and the guard, so before those
# branches are merged the e2e part counts 0 events in page mode; MODE=csp makes every
# request a distinct CSP violation report, so events flow through the writer today.
#
# Checks, each fails the script:
#   - events in the log = lachan_events_total in /metrics (0 lost), and the chain verifies;
#   - after kill -9 mid-load and a restart, verify passes and the new file's header
#     continues from the last hash written before the crash.
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS=${REQUESTS:-10000}
REQ_PATH=${REQ_PATH:-/}
MODE=${MODE:-page} # page: GET REQ_PATH; csp: POST distinct CSP reports (events without the sanitizer)
EVENTS=${EVENTS:-500000}
part=${1:-all}

cargo build --release --quiet --bin lachan --example audit_load
BIN=target/release/lachan
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

load() { # SECONDS: wrk against the gateway, in the chosen mode
  if [ "$MODE" = csp ]; then
    exec wrk -t2 -c32 -d"$1"s -s "$WORK/csp.lua" "http://127.0.0.1:$GW/"
  else
    exec wrk -t2 -c32 -d"$1"s "http://127.0.0.1:$GW$REQ_PATH"
  fi
}

requests_metric() {
  curl -s "http://127.0.0.1:$ADMIN/metrics" |
    awk '/^lachan_requests_total\{/ {s += $NF} END {printf "%d\n", s}'
}

wait_http() { # URL: poll until it answers, at most 20 s
  for _ in $(seq 200); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "no answer from $1" >&2; return 1
}

events_metric() {
  curl -s "http://127.0.0.1:$ADMIN/metrics" |
    awk '/^lachan_events_total\{/ {s += $NF} END {printf "%d\n", s}'
}

lines_in_log() { # event lines (not file headers) in the audit dir
  cat "$WORK"/audit/audit-*.jsonl 2>/dev/null | grep -c -v '"type":"header"' || true
}

writer() {
  echo "== writer: $EVENTS events, fsync = batch"
  target/release/examples/audit_load "$EVENTS"
}

start_gateway() {
  "$BIN" run -c "$WORK/gw.toml" 2>>"$WORK/gw.log" &
  GW_PID=$!
  PIDS+=("$GW_PID")
  wait_http "http://127.0.0.1:$ADMIN/healthz"
}

stop_gateway() { kill -TERM "$GW_PID"; wait "$GW_PID" || true; }

e2e() {
  command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
  PORTAL=$(free_port); GW=$(free_port); ADMIN=$(free_port)
  "$BIN" demo --listen 127.0.0.1:0 --portal "127.0.0.1:$PORTAL" --audit-dir "$WORK/demo" \
    >/dev/null 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$PORTAL/"
  GUARD_ALLOW=${GUARD_ALLOW-'"127.0.0.0/8"'}
  cat >"$WORK/gw.toml" <<TOML
[server]
listen = ["127.0.0.1:$GW"]
admin = "127.0.0.1:$ADMIN"

[audit]
dir = "$WORK/audit"
fsync = "batch"

# In page mode every response must be a sanitizer block, not a guard refusal of the
# loopback load generator (GUARD_ALLOW= measures guard refusals instead).
[guard]
allow = [$GUARD_ALLOW]

[[site]]
name = "thu-vien"
hosts = ["127.0.0.1", "localhost"]
upstream = "http://127.0.0.1:$PORTAL"
allow = ["*.gov.vn", "chinhphu.vn"]

[site.csp]
mode = "report-only"
reports_per_minute = 1000000000
TOML
  cat >"$WORK/csp.lua" <<'LUA'
-- Each request a distinct CSP report, so that none is de-duplicated.
local counter = 0
function setup(thread) counter = counter + 1; thread:set("id", counter) end
local n = 0
function request()
  n = n + 1
  local body = string.format('{"csp-report":{"document-uri":"http://127.0.0.1/",' ..
    '"blocked-uri":"https://t%d-%d.test/x.js","effective-directive":"script-src-elem"}}', id, n)
  return wrk.format("POST", "/.lachan/csp-report", {["Content-Type"] = "application/csp-report"}, body)
end
LUA
  echo "== e2e: $REQUESTS requests ($MODE) through the gateway (wrk, 2 threads, 32 connections)"
  start_gateway
  load 60 &
  local wrk_pid=$!
  for _ in $(seq 600); do
    [ "$(requests_metric)" -ge "$REQUESTS" ] && break
    sleep 0.1
  done
  kill -INT "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid" || true
  sleep 1 # let requests in flight finish; the writer's batch window is 100 ms
  local metric requests; metric=$(events_metric); requests=$(requests_metric)
  stop_gateway
  local lines; lines=$(lines_in_log)
  echo "requests answered: $requests; events in log: $lines; lachan_events_total: $metric"
  [ "$lines" -eq "$metric" ] || { echo "FAIL: lost events" >&2; exit 1; }
  "$BIN" audit report "$WORK/audit" | sed -n '1,12p' | sed 's/^/  /'
  "$BIN" audit verify "$WORK/audit"

  echo "== crash: kill -9 mid-load, restart, verify"
  start_gateway
  load 4 >/dev/null &
  local wrk_pid=$!
  sleep 2
  kill -9 "$GW_PID"; wait "$GW_PID" 2>/dev/null || true
  wait "$wrk_pid" || true
  echo "  before restart:"; "$BIN" audit verify "$WORK/audit" | sed 's/^/    /' || true
  local before; before=$("$BIN" audit head "$WORK/audit" 2>/dev/null)
  start_gateway
  curl -s -o /dev/null -H 'Host: 127.0.0.1' "http://127.0.0.1:$GW$REQ_PATH"
  stop_gateway
  "$BIN" audit verify "$WORK/audit" --anchor "$before"
  local newest; newest=$(ls "$WORK"/audit/audit-*.jsonl | tail -1)
  head -1 "$newest" | grep -q "\"prev\":\"$before\"" ||
    { echo "FAIL: the restart did not continue the chain from $before" >&2; exit 1; }
  echo "restart continued the chain from $before"
}

diskfull() {
  [ "$(id -u)" -eq 0 ] || { echo "diskfull needs root (it mounts a small tmpfs)" >&2; exit 1; }
  PORTAL=$(free_port); GW=$(free_port); ADMIN=$(free_port)
  "$BIN" demo --listen 127.0.0.1:0 --portal "127.0.0.1:$PORTAL" --audit-dir "$WORK/demo" \
    >/dev/null 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$PORTAL/"
  mkdir -p "$WORK/full"
  mount -t tmpfs -o size=64k tmpfs "$WORK/full"
  cat >"$WORK/gw.toml" <<TOML
[server]
listen = ["127.0.0.1:$GW"]
admin = "127.0.0.1:$ADMIN"

[audit]
dir = "$WORK/full/audit"
on_error = "fail_closed"

[[site]]
name = "s"
hosts = ["127.0.0.1"]
upstream = "http://127.0.0.1:$PORTAL"

[site.csp]
mode = "report-only"
reports_per_minute = 1000000
TOML
  echo "== disk full: CSP reports (one event each) until the 64 KiB log disk is full"
  start_gateway
  local pad code i; pad=$(head -c 300 /dev/zero | tr '\0' a)
  for i in $(seq 1000); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Host: 127.0.0.1' \
      --data "{\"csp-report\":{\"blocked-uri\":\"https://x$i.test/$pad\",\"effective-directive\":\"script-src\"}}" \
      "http://127.0.0.1:$GW/.lachan/csp-report")
    [ "$code" = 204 ] || break
  done
  echo "report $i answered $code"
  echo "GET / while the log cannot be written: $(curl -s -o /dev/null -w '%{http_code}' -H 'Host: 127.0.0.1' "http://127.0.0.1:$GW/")"
  curl -s "http://127.0.0.1:$ADMIN/healthz"; echo
  mount -o remount,size=4m "$WORK/full"
  for _ in $(seq 100); do
    curl -s "http://127.0.0.1:$ADMIN/healthz" | grep -q '"state":"ok"' && break; sleep 0.1
  done
  echo "GET / after space was freed: $(curl -s -o /dev/null -w '%{http_code}' -H 'Host: 127.0.0.1' "http://127.0.0.1:$GW/")"
  stop_gateway
  "$BIN" audit verify "$WORK/full/audit"
  echo "events in the log: $(cat "$WORK"/full/audit/audit-*.jsonl | grep -c -v '"type":"header"') (reports accepted: $((i - 1)))"
  umount "$WORK/full"
}

case "$part" in
  writer) writer ;;
  e2e) e2e ;;
  diskfull) diskfull ;;
  all) writer; e2e ;;
  *) echo "usage: $0 [writer|e2e|diskfull|all]" >&2; exit 2 ;;
esac
