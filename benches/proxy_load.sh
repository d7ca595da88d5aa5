#!/usr/bin/env bash
# Load benchmark: lachan against nginx as a plain reverse proxy, same upstream, same run.
#
# Starts on free loopback ports (never 8080/8443):
#   - nginx serving static 1 KB and 100 KB images (the upstream),
#   - lachan in front of it,
#   - nginx as a reverse proxy with upstream keep-alive in front of it,
# then drives both proxies with wrk at the same concurrency and prints req/s, p99 latency,
# proxy CPU time per request, the ratio lachan ÷ nginx, and lachan's peak RSS.
#
# With FLOOR=1 it also drives examples/hyper_floor.rs, a bare proxy built from lachan's own
# HTTP stack (hyper server + hyper-util client) with none of lachan's stages, and prints its
# ratio to nginx: the ceiling lachan could reach on this stack.
#
# Usage: [FLOOR=1] benches/proxy_load.sh [DURATION_SECONDS=10] [CONNECTIONS=64]
# Needs: nginx, wrk (apt-get install -y nginx wrk), a release build (it runs cargo build --release).
set -euo pipefail
DURATION=${1:-10}
CONNS=${2:-64}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/lachan-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
UP=$(free_port); NGX=$(free_port); GW=$(free_port); FL=$(free_port)

(cd "$ROOT" && cargo build --release --quiet)
[ -z "${FLOOR:-}" ] || (cd "$ROOT" && cargo build --release --quiet --example hyper_floor)
BIN="$ROOT/target/release/lachan"

mkdir -p "$WORK/www" "$WORK/up" "$WORK/px" "$WORK/audit"
head -c 1024 /dev/urandom > "$WORK/www/1k.png"
head -c 102400 /dev/urandom > "$WORK/www/100k.png"
chmod -R a+rX "$WORK"

nginx_conf() { # $1 dir, $2 server block
  cat > "$1/nginx.conf" <<CONF
worker_processes 2;
daemon off;
user root;
pid $1/nginx.pid;
error_log $1/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { image/png png; }
  client_body_temp_path $1; proxy_temp_path $1; fastcgi_temp_path $1; uwsgi_temp_path $1; scgi_temp_path $1;
  $2
}
CONF
}
nginx_conf "$WORK/up" "server { listen 127.0.0.1:$UP; root $WORK/www; }"
nginx_conf "$WORK/px" "upstream app { server 127.0.0.1:$UP; keepalive 256; }
  server { listen 127.0.0.1:$NGX;
    location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection \"\";
      proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; proxy_buffering on; } }"
nginx -p "$WORK/up" -c "$WORK/up/nginx.conf" & PIDS+=($!)
nginx -p "$WORK/px" -c "$WORK/px/nginx.conf" & PIDS+=($!)

cat > "$WORK/lachan.toml" <<CONF
[server]
listen = ["127.0.0.1:$GW"]
[log]
level = "warn"
[limits]
max_connections_per_ip = 100000
[audit]
dir = "$WORK/audit"
[guard]
allow = ["127.0.0.0/8"]   # the load generator must not be rate-limited or banned
[[site]]
name = "bench"
hosts = ["127.0.0.1", "bench.example.gov.vn"]
upstream = "http://127.0.0.1:$UP"
CONF
"$BIN" run -c "$WORK/lachan.toml" 2>"$WORK/lachan.log" & GW_PID=$!; PIDS+=($GW_PID)

wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }
if [ -n "${FLOOR:-}" ]; then
  "$ROOT/target/release/examples/hyper_floor" "127.0.0.1:$FL" "127.0.0.1:$UP" & FL_PID=$!; PIDS+=($FL_PID)
  wait_port "$FL"
fi
wait_port "$UP"; wait_port "$NGX"; wait_port "$GW"
NGX_PID=$(cat "$WORK/px/nginx.pid")

. "$ROOT/benches/cpu.sh"

run_wrk() { # $1 port, $2 path, $3 pid → "rps p99 cpu_us_per_req"
  local before after out rps p99 reqs
  curl -sf -o /dev/null "http://127.0.0.1:$1$2" || { echo "no answer from $1$2" >&2; exit 1; }
  before=$(cpu_ticks "$3")
  out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "http://127.0.0.1:$1$2")
  after=$(cpu_ticks "$3")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  if grep -q 'Non-2xx' <<<"$out"; then echo "error responses under load on port $1: $(grep Non-2xx <<<"$out")" >&2; exit 1; fi
  echo "$rps $p99 $(( (after - before) * 1000000 / HZ / (reqs > 0 ? reqs : 1) ))"
}

printf '%-8s %-8s %12s %10s %14s\n' page proxy req/s p99 cpu_us/req
for page in /1k.png /100k.png; do
  read -r l_rps l_p99 l_cpu < <(run_wrk "$GW" "$page" "$GW_PID")
  read -r n_rps n_p99 n_cpu < <(run_wrk "$NGX" "$page" "$NGX_PID")
  printf '%-8s %-8s %12s %10s %14s\n' "$page" lachan "$l_rps" "$l_p99" "$l_cpu" "$page" nginx "$n_rps" "$n_p99" "$n_cpu"
  echo "ratio $page lachan/nginx req/s: $(python3 -c "print(round($l_rps/$n_rps, 3))")  cpu/req nginx/lachan: $(python3 -c "print(round($n_cpu/max($l_cpu,1), 3))")"
  if [ -n "${FLOOR:-}" ]; then
    read -r f_rps f_p99 f_cpu < <(run_wrk "$FL" "$page" "$FL_PID")
    printf '%-8s %-8s %12s %10s %14s\n' "$page" floor "$f_rps" "$f_p99" "$f_cpu"
    echo "ratio $page hyper-floor/nginx req/s: $(python3 -c "print(round($f_rps/$n_rps, 3))")  cpu/req nginx/floor: $(python3 -c "print(round($n_cpu/max($f_cpu,1), 3))")"
  fi
done
echo "lachan peak RSS: $(awk '/VmHWM/ {print $2, $3}' "/proc/$GW_PID/status")"
