#!/usr/bin/env bash
# End-to-end load figures for the response sanitizer (issue 3), all on loopback:
#   1. peak RSS of lachan while it streams a 1 GB HTML response (generated on the fly);
#   2. MB/s through the gzip -> sanitize -> gzip path (16 MiB page, gzip both ways);
#   3. req/s for the 100 KB portal page through lachan vs nginx with 5 sub_filter
#      replacements (upstream Accept-Encoding cleared), same wrk settings, same run.
#
# Needs: nginx, wrk, curl (apt-get install -y nginx wrk curl). Bounded: each wrk run
# lasts DURATION seconds (default 10). Ports are picked free at start (never 8080/8443).
# Usage: benches/sanitize_load.sh [DURATION] [CONNECTIONS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duration="${1:-10}"
conns="${2:-32}"
for tool in nginx wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }
done

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.1; done; echo "port $1 never answered" >&2; exit 2; }

cargo build --quiet --release --bin lachan --example sanitize_e2e --manifest-path "$root/Cargo.toml"
up_port="$(free_port)"; gw_port="$(free_port)"; ng_port="$(free_port)"

"$root/target/release/examples/sanitize_e2e" --no-gateway --upstream "127.0.0.1:$up_port" >/dev/null 2>&1 &
pids+=($!)
cat >"$work/lachan.toml" <<TOML
[server]
listen = ["127.0.0.1:$gw_port"]
[audit]
dir = "$work/audit"
[guard]
allow = ["127.0.0.0/8"]   # the load generator must not be rate-limited or banned
[[site]]
name = "portal"
hosts = ["portal.example.gov.vn", "127.0.0.1"]
upstream = "http://127.0.0.1:$up_port"
mode = "enforce"
allow = ["*.gov.vn", "chinhphu.vn"]
TOML
RUST_LOG=error "$root/target/release/lachan" run -c "$work/lachan.toml" >"$work/lachan.log" 2>&1 &
lachan_pid=$!
pids+=($lachan_pid)
wait_port "$up_port"; wait_port "$gw_port"

echo "== 1. peak RSS while streaming a 1 GB HTML response"
rss_before="$(awk '/VmHWM/{print $2}' /proc/$lachan_pid/status)"
got="$(curl -s -H 'Host: portal.example.gov.vn' -o /dev/null -w '%{size_download} %{time_total}' "http://127.0.0.1:$gw_port/big?mb=1024")"
rss_peak="$(awk '/VmHWM/{print $2}' /proc/$lachan_pid/status)"
read -r bytes secs <<<"$got"
echo "streamed $((bytes / 1048576)) MiB in ${secs}s; lachan peak RSS: $((rss_before / 1024)) MiB before, $((rss_peak / 1024)) MiB after (target < 64 MiB)"

echo "== 2. gzip -> sanitize -> gzip"
runs=5
total=0
for _ in $(seq $runs); do
  t="$(curl -s -H 'Host: portal.example.gov.vn' -H 'Accept-Encoding: gzip' -o "$work/out.gz" -w '%{time_total}' "http://127.0.0.1:$gw_port/big.gz")"
  total="$(python3 -c "print($total + $t)")"
done
plain="$(gzip -dc "$work/out.gz" | wc -c)"
python3 -c "print(f'{$runs} x {$plain/1048576:.0f} MiB decoded: {$runs*$plain/1048576/$total:.1f} MB/s (MiB of HTML per second, one connection)')"

echo "== 3. 100 KB portal page: lachan vs nginx sub_filter (wrk -t2 -c$conns -d${duration}s)"
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log error;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  upstream portal { server 127.0.0.1:$up_port; keepalive 64; }
  server {
    listen 127.0.0.1:$ng_port;
    location / {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Accept-Encoding "";
      sub_filter_once off;
      sub_filter 'https://bet.test/' '#';
      sub_filter 'https://casino.test/no-hu' '#';
      sub_filter 'nhà cái uy tín' '';
      sub_filter 'nổ hũ' '';
      sub_filter 'location.replace(' 'void(';
    }
  }
}
NGINX
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
pids+=($nginx_pid)
wait_port "$ng_port"
curl -s -H 'Host: portal.example.gov.vn' "http://127.0.0.1:$ng_port/" | grep -q 'bet.test' && { echo "nginx sub_filter did not apply" >&2; exit 1; }

. "$root/benches/cpu.sh"

bench() { # $1 port, $2 pid -> "req/s cpu_us_per_req"
  local out before after reqs
  before=$(cpu_ticks "$2")
  out="$(wrk -t2 -c"$conns" -d"${duration}s" -H 'Host: portal.example.gov.vn' "http://127.0.0.1:$1/")"
  after=$(cpu_ticks "$2")
  if grep -q 'Non-2xx' <<<"$out"; then echo "error responses under load on port $1" >&2; exit 1; fi
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  echo "$(awk '/Requests\/sec/{print $2}' <<<"$out") $(( (after - before) * 1000000 / HZ / (reqs > 0 ? reqs : 1) ))"
}
read -r lachan_rps lachan_cpu < <(bench "$gw_port" "$lachan_pid")
read -r nginx_rps nginx_cpu < <(bench "$ng_port" "$nginx_pid")
python3 -c "print(f'lachan: {$lachan_rps:.0f} req/s, {$lachan_cpu} us CPU/req   nginx sub_filter: {$nginx_rps:.0f} req/s, {$nginx_cpu} us CPU/req   lachan / nginx = {$lachan_rps/$nginx_rps:.2f} req/s (target >= 1.0)')"
echo "(for scale: cargo bench --bench sanitize gives lol_html's own floor per page, one no-op handler on every element)"
