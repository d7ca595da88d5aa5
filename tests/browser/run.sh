#!/usr/bin/env bash
# Browser test: headless Chromium loads the sample compromised portal through the lachan
# gateway (or, with --direct, straight from the portal, to prove the test can fail).
#
# Needs (installed by .ci/run, never by this script): Debian `chromium`, and
# `npm ci` in tests/browser (playwright-core). Exits non-zero on any failure.
#
# Usage: tests/browser/run.sh [--direct] [PATH...]   (default paths: / /demo /khong-co /redirect
# and the XML documents under /xml/)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mode=gateway
if [[ "${1:-}" == "--direct" ]]; then mode=upstream; shift; fi
paths=("$@")
[[ ${#paths[@]} -gt 0 ]] || paths=(/ /demo /khong-co /redirect /xml/prefixed.xml /xml/title.xhtml /xml/encoded.xhtml /lop-script/sw.html /lop-script/fetch-code.html /lop-script/message.html)

[[ -x /usr/bin/chromium ]] || { echo "chromium is not installed (apt-get install -y chromium)" >&2; exit 2; }
[[ -d "$here/node_modules/playwright-core" ]] || { echo "run 'npm ci' in tests/browser first" >&2; exit 2; }

cargo build --quiet --example sanitize_e2e --manifest-path "$root/Cargo.toml"
out="$(mktemp)"
"$root/target/debug/examples/sanitize_e2e" >"$out" 2>/dev/null &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do
  grep -q '^gateway ' "$out" && break
  kill -0 "$pid" 2>/dev/null || { echo "sample portal failed to start" >&2; exit 2; }
  sleep 0.1
done
addr="$(awk -v m="$mode" '$1 == m { sub("http://", "", $2); print $2 }' "$out")"
port="${addr##*:}"
echo "browser test against the $mode on port $port"
node "$here/run.mjs" "http://portal.example.gov.vn:$port" "${paths[@]}"
