#!/usr/bin/env bash
# The browser's view of the mutation corpus: serves the browser sample of tests/mutation/
# (examples/mutation_serve.rs: upstream and gateway on loopback) and judges it in headless
# Chromium (mutation.mjs). Known gaps (tests/mutation/gaps.rs) are reported, not failed.
#
# Environment: MUTATION_SEED, MUTATION_COUNT (default 60 variants), MUTATION_ONLY (one
# index), MUTATION_BROWSER_JOBS (parallel pages, default 3), MUTATION_FINDINGS (a file the
# findings are appended to).
# `--direct` judges the upstream's own pages instead of the gateway's, to show that the
# judges fail where nothing is sanitized.
# Needs Debian `chromium` and `npm ci` in tests/browser. Exits non-zero on any failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
direct=0
if [[ "${1:-}" == "--direct" ]]; then direct=1; fi
root="$(cd "$here/../.." && pwd)"
[[ -x /usr/bin/chromium ]] || { echo "chromium is not installed (apt-get install -y chromium)" >&2; exit 2; }
[[ -d "$here/node_modules/playwright-core" ]] || { echo "run 'npm ci' in tests/browser first" >&2; exit 2; }

cargo build --quiet --example mutation_serve --manifest-path "$root/Cargo.toml"
out="$(mktemp)"
manifest="$(mktemp)"
"$root/target/debug/examples/mutation_serve" "$manifest" >"$out" 2>/dev/null &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$out" "$manifest"' EXIT
for _ in $(seq 300); do
  grep -q '^gateway ' "$out" && break
  kill -0 "$pid" 2>/dev/null || { echo "mutation_serve failed to start" >&2; exit 2; }
  sleep 0.1
done
port() { awk -v m="$1" '$1 == m { n = split($2, a, ":"); print a[n] }' "$out"; }
gw="http://portal.example.gov.vn:$(port gateway)"
[[ $direct == 1 ]] && gw="http://portal.example.gov.vn:$(port reference)"
up="http://portal.example.gov.vn:$(port reference)"
echo "mutation corpus in the browser: gateway $gw, reference upstream $up"
node "$here/mutation.mjs" "$gw" "$up" "$manifest"
