#!/usr/bin/env bash
# Instructions per proxied request, a figure that does not depend on the machine's load:
# lachan with one worker runs under callgrind with collection off; after 500 warm-up
# requests of a 1 KB image (h2load --h1 -c4) collection is switched on for 2000 more, and
# the script prints their instructions / 2000. Start-up (certificate loading, the clock's
# calibration, whose length varies) and shutdown are left out. Use it to compare two builds
# of the request path; with KEEP=1 the profile stays for callgrind_annotate.
#
# Usage: benches/proxy_instructions.sh [BINARY=target/release/lachan]
#        (CMD="ARGS" runs BINARY with ARGS instead of `run -c CONFIG`; @GW@ and @UP@ are
#        replaced by the gateway and upstream addresses, for examples/hyper_floor.rs)
# Needs: valgrind, nginx, nghttp2-client (h2load), curl. Loopback only, free ports.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/target/release/lachan}; PAGE=/1k.png
[ -x "$BIN" ] || (cd "$ROOT" && cargo build --release --quiet)
W=$(mktemp -d /tmp/lachan-cg.XXXXXX)
trap 'kill $NP 2>/dev/null || true; wait 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$W"; echo "$W" >&2' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
UP=$(free_port); GW=$(free_port)
mkdir -p $W/www $W/up $W/audit
head -c 1024 /dev/urandom > $W/www/1k.png
cat > $W/up/nginx.conf <<CONF
worker_processes 1; daemon off; user root; pid $W/up/nginx.pid; error_log $W/up/error.log warn;
events { worker_connections 1024; }
http { access_log off; keepalive_requests 100000; types { image/png png; }
 client_body_temp_path $W/up; proxy_temp_path $W/up; fastcgi_temp_path $W/up; uwsgi_temp_path $W/up; scgi_temp_path $W/up;
 server { listen 127.0.0.1:$UP; root $W/www; } }
CONF
cat > $W/lachan.toml <<CONF
[server]
listen = ["127.0.0.1:$GW"]
[log]
level = "warn"
[audit]
dir = "$W/audit"
[guard]
allow = ["127.0.0.0/8"]
[[site]]
name = "bench"
hosts = ["127.0.0.1"]
upstream = "http://127.0.0.1:$UP"
CONF
nginx -p $W/up -c $W/up/nginx.conf & NP=$!
ARGS=${CMD:-run -c $W/lachan.toml}; ARGS=${ARGS//@GW@/127.0.0.1:$GW}; ARGS=${ARGS//@UP@/127.0.0.1:$UP}
LACHAN_WORKERS=1 valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=$W/cg.out $BIN $ARGS 2>$W/vg.log & VP=$!
for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$GW$PAGE" && break; sleep 0.2; done
h2load --h1 -n 500 -c 4 http://127.0.0.1:$GW$PAGE | grep -E "^requests:" >&2
callgrind_control -i on $VP >/dev/null
h2load --h1 -n 2000 -c 4 http://127.0.0.1:$GW$PAGE | grep -E "^requests:" >&2
callgrind_control -i off $VP >/dev/null
kill -TERM $VP; wait $VP 2>/dev/null || true
I=$(callgrind_annotate $W/cg.out 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",","",$1); print $1}')
echo "instructions per request: $(( I / 2000 ))"
