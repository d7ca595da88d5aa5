#!/usr/bin/env bash
# HTTP/2 over TLS: lachan against nginx, on the same page, in the same run.
#
#   bash benches/tls_h2load.sh [REQUESTS] [CLIENTS] [STREAMS] [ROUNDS]   (default 20000 50 10 5)
#
# One nginx serves the page from disk on a plain-HTTP port: that is the origin for both
# proxies. Then h2load (TLS, ALPN h2) runs against
#   1. lachan (release build), TLS-terminating and proxying to the origin;
#   2. nginx as a TLS-terminating reverse proxy to the same origin (keep-alive pool);
#   3. nginx serving the file itself over TLS (a ceiling, for reference).
# CPU time per request (from /proc, robust to load from other processes) is reported too.
# Both proxies use the same dev certificate (ECDSA P-256), TLS 1.2+1.3, and log nothing.
# The runs alternate (lachan, nginx-proxy, nginx-static, lachan, ...) for ROUNDS rounds so
# that load from other processes hits all of them alike; the median of each is reported.
# Prints req/s and the p99 request time of each, and the ratio lachan / nginx-proxy
# (target >= 1.0). Bounded: a fixed request count, each h2load run capped at 120 s.
# Needs: apt-get install nghttp2-client nginx. Loopback only.
set -euo pipefail

requests="${1:-20000}"
clients="${2:-50}"
streams="${3:-10}"
rounds="${4:-5}"
cd "$(dirname "$0")/.."
if [[ -z "${LACHAN_BIN:-}" ]]; then
  cargo build --quiet --release --bin lachan
  LACHAN_BIN=target/release/lachan
fi
for tool in h2load nginx python3; do
  command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 2; }
done

work="$(mktemp -d)"
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# The page: a portal-like HTML document of about 12 KB.
mkdir -p "$work/www"
{
  echo '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin</title></head><body>'
  for i in $(seq 1 120); do
    echo "<p><a href=\"/tin-tuc/$i\">Tin tức số $i</a> về hoạt động của cơ quan.</p>"
  done
  echo '</body></html>'
} >"$work/www/index.html"
# The same bytes as a non-HTML asset: `PAGE=page.bin` measures TLS and HTTP/2 proxying alone,
# the default (index.html) includes lachan's sanitizer, which nginx does not do.
cp "$work/www/index.html" "$work/www/page.bin"
page="${PAGE:-index.html}"

"$LACHAN_BIN" certs dev --out "$work/certs" 127.0.0.1 >/dev/null
cert="$work/certs/127.0.0.1.pem"
key="$work/certs/127.0.0.1.key"

origin_port="$(free_port)"
proxy_port="$(free_port)"
static_port="$(free_port)"
# The origin runs in its own nginx (one worker), so that the CPU time of the front
# nginx (the proxy and the static server) can be measured apart from it.
mkdir -p "$work/origin" "$work/front"
cat >"$work/origin/nginx.conf" <<NGINX
worker_processes 1;
user root;
pid $work/origin/nginx.pid;
error_log $work/origin/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type text/html;
  types { text/html html; application/octet-stream bin; }
  server { listen 127.0.0.1:$origin_port; root $work/www; keepalive_requests 100000; }
}
NGINX
cat >"$work/front/nginx.conf" <<NGINX
worker_processes 2;
user root;
pid $work/front/nginx.pid;
error_log $work/front/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  server_tokens off;
  default_type text/html;
  upstream origin { server 127.0.0.1:$origin_port; keepalive 256; }
  server {
    listen 127.0.0.1:$proxy_port ssl http2;
    ssl_certificate $cert; ssl_certificate_key $key;
    ssl_protocols TLSv1.2 TLSv1.3;
    location / {
      proxy_pass http://origin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
  server {
    listen 127.0.0.1:$static_port ssl http2;
    ssl_certificate $cert; ssl_certificate_key $key;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $work/www;
  }
}
NGINX
nginx -p "$work/origin" -c "$work/origin/nginx.conf" -g 'daemon off;' &
pids+=($!)
nginx -p "$work/front" -c "$work/front/nginx.conf" -g 'daemon off;' &
front_pid=$!
pids+=($front_pid)

cat >"$work/lachan.toml" <<TOML
[server]
listen_tls = ["127.0.0.1:0"]
[log]
level = "warn,lachan=info"
[audit]
dir = "$work/audit"
[guard]
allow = ["127.0.0.0/8"]   # the load generator must not be rate-limited
[tls]
default_cert = "$cert"
default_key = "$key"
[[site]]
name = "bench"
hosts = ["127.0.0.1"]
upstream = "http://127.0.0.1:$origin_port"
TOML
"$LACHAN_BIN" run -c "$work/lachan.toml" 2>"$work/lachan.log" &
lachan_pid=$!
pids+=($lachan_pid)

lachan_port=""
for _ in $(seq 1 100); do
  lachan_port="$(sed 's/\x1b\[[0-9;]*m//g' "$work/lachan.log" | grep -o 'listening (https) addr=127.0.0.1:[0-9]*' | head -n1 | sed 's/.*://')" || true
  if [[ -n "$lachan_port" ]] && curl -skf -o /dev/null "http://127.0.0.1:$origin_port/index.html"; then break; fi
  sleep 0.1
done
[[ -n "$lachan_port" ]] || { echo "lachan did not start" >&2; cat "$work/lachan.log" >&2; exit 1; }

# CPU ticks (user + system) used so far by a process and its children's threads.
cpu_ticks() {
  local total=0 p
  for p in "$@" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$total"
}

# run NAME PORT: prints "NAME req/s p99_ms cpu_ms_per_1k_requests"
run() {
  local name="$1" port="$2" url="https://127.0.0.1:$2/$page"
  timeout 60 h2load -n 2000 -c "$clients" -m "$streams" "$url" >/dev/null  # warm-up
  local out log="$work/$name.log" pid before after
  pid="$lachan_pid"; [[ "$name" == lachan ]] || pid="$front_pid"
  before="$(cpu_ticks "$pid")"
  out="$(timeout 120 h2load -n "$requests" -c "$clients" -m "$streams" --log-file="$log" "$url")"
  after="$(cpu_ticks "$pid")"
  if ! grep -q "succeeded, 0 failed, 0 errored" <<<"$out" || ! grep -q "status codes: $requests 2xx" <<<"$out"; then
    echo "$name: h2load reported failures:" >&2
    echo "$out" >&2
    exit 1
  fi
  local rps p99
  rps="$(grep -o 'finished in [^,]*, [0-9.]* req/s' <<<"$out" | awk '{print $4}')"
  # --log-file columns: start (us), status, duration (us)
  p99="$(awk '{print $3}' "$log" | sort -n | awk '{v[NR]=$1} END {i=int(NR*0.99); if (i<1) i=1; printf "%.2f", v[i]/1000}')"
  local cpu
  cpu="$(awk -v t="$((after - before))" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.1f", t * 1000 / hz / n * 1000}')"
  echo "$name $rps $p99 $cpu"
}

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

echo "h2load -n $requests -c $clients -m $streams over TLS (h2), $(nproc) CPU(s), $rounds rounds"
: >"$work/results"
for round in $(seq 1 "$rounds"); do
  for target in "lachan $lachan_port" "nginx-proxy $proxy_port" "nginx-static $static_port"; do
    read -r name port <<<"$target"
    line="$(run "$name" "$port")"
    echo "  round $round: $line"
    echo "$line" >>"$work/results"
  done
done
printf '%-14s %12s %10s %18s   (medians)\n' server "req/s" "p99 ms" "CPU ms / 1k req"
for name in lachan nginx-proxy nginx-static; do
  r="$(awk -v n="$name" '$1 == n {print $2}' "$work/results" | median)"
  p="$(awk -v n="$name" '$1 == n {print $3}' "$work/results" | median)"
  c="$(awk -v n="$name" '$1 == n {print $4}' "$work/results" | median)"
  printf '%-14s %12s %10s %18s\n' "$name" "$r" "$p" "$c"
  echo "$name $r $p $c" >>"$work/medians"
done
read -r _ lr lp lc < <(grep '^lachan ' "$work/medians")
read -r _ nr np nc < <(grep '^nginx-proxy ' "$work/medians")
awk -v lr="$lr" -v nr="$nr" -v lp="$lp" -v np="$np" -v lc="$lc" -v nc="$nc" 'BEGIN {
  printf "ratio lachan/nginx-proxy: req/s %.2f (target >= 1.0), p99 %.2f, CPU per request %.2f (lower is better)\n", lr/nr, lp/np, lc/nc
}'
