#!/usr/bin/env bash
# Grades the gateway's TLS configuration with sslyze against Mozilla's recommendations.
#
#   bash tests/tls_grade.sh [intermediate|modern]     (default: intermediate)
#
# "modern" also sets `[tls] min_version = "1.3"`: Mozilla's modern profile is TLS 1.3 only,
# while the gateway's default accepts 1.2 as well (intermediate).
#
# Starts `lachan run` with fresh dev certificates on a free loopback port (the gateway
# binds 127.0.0.1:0 and the port is read from its log), runs sslyze with
# --mozilla_config, and exits with sslyze's status. Needs: pip install sslyze.
# LACHAN_BIN overrides the binary (default: build and use target/debug/lachan).
set -euo pipefail

level="${1:-intermediate}"
cd "$(dirname "$0")/.."
if [[ -z "${LACHAN_BIN:-}" ]]; then
  cargo build --quiet --bin lachan
  LACHAN_BIN=target/debug/lachan
fi
command -v sslyze >/dev/null || { echo "sslyze not found: pip install sslyze" >&2; exit 2; }

work="$(mktemp -d)"
gw_pid=""
cleanup() {
  [[ -n "$gw_pid" ]] && kill "$gw_pid" 2>/dev/null && wait "$gw_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$LACHAN_BIN" certs dev --out "$work/certs" localhost >/dev/null
cat >"$work/lachan.toml" <<TOML
[server]
listen_tls = ["127.0.0.1:0"]

[audit]
dir = "$work/audit"

[tls]
# sslyze's certificate scan also connects without SNI: serve the default certificate.
default_cert = "certs/localhost.pem"
default_key = "certs/localhost.key"
$([[ "$level" == modern ]] && echo 'min_version = "1.3"')

[[site]]
name = "grade"
hosts = ["localhost"]
upstream = "http://127.0.0.1:9"
[site.tls]
cert = "certs/localhost.pem"
key = "certs/localhost.key"
TOML

"$LACHAN_BIN" run -c "$work/lachan.toml" 2>"$work/gw.log" &
gw_pid=$!
port=""
for _ in $(seq 1 100); do
  port="$(sed 's/\x1b\[[0-9;]*m//g' "$work/gw.log" | grep -o 'listening (https) addr=127.0.0.1:[0-9]*' | head -n1 | sed 's/.*://')" || true
  [[ -n "$port" ]] && break
  kill -0 "$gw_pid" 2>/dev/null || { cat "$work/gw.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$port" ]] || { echo "gateway did not start" >&2; cat "$work/gw.log" >&2; exit 1; }

echo "grading https://localhost:$port/ with sslyze --mozilla_config=$level"
# The dev CA is passed so that the certificate path validates as a real one would.
# The full report goes to a file (its "not trusted by the public stores" lines are expected
# for a dev CA); the compliance verdict is printed, and the whole report on failure.
status=0
sslyze --mozilla_config="$level" --certinfo_ca_file="$work/certs/ca.pem" "localhost:$port{127.0.0.1}" \
  >"$work/sslyze.txt" 2>&1 || status=$?
if [[ $status -ne 0 ]]; then cat "$work/sslyze.txt"; fi
grep -i "compliant" "$work/sslyze.txt" || true
exit "$status"
