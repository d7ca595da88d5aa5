#!/usr/bin/env bash
# The test suite, as the README gives it. Installs the real clients the tests drive when
# they are missing (Debian's chromium, node, npm and redis-server; playwright-core from
# npm; sslyze from pip), then runs:
#   1. cargo test: unit tests, integration tests on 127.0.0.1:0, attack suites;
#   2. the browser tests: headless Chromium through the gateway (tests/browser/run.sh), and the
#      browser's view of the mutation corpus (tests/browser/mutation.sh);
#   3. the TLS grade: sslyze against Mozilla's intermediate profile (tests/tls_grade.sh).
# Exit status is non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=$([ "$(id -u)" -eq 0 ] && echo "" || echo sudo)
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
command -v kill >/dev/null || need_apt+=(procps)   # tests/cli.rs signals the gateway with kill
command -v redis-server >/dev/null || need_apt+=(redis-server)   # tests/cluster.rs: a real Redis
# sslyze goes into a venv of its own: Debian's python refuses system-wide pip installs.
SSLYZE_VENV=target/tools/sslyze
command -v sslyze >/dev/null || [ -x "$SSLYZE_VENV/bin/sslyze" ] || python3 -c "import ensurepip" 2>/dev/null \
  || need_apt+=(python3 python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi
if ! command -v sslyze >/dev/null; then
  [ -x "$SSLYZE_VENV/bin/sslyze" ] || { python3 -m venv "$SSLYZE_VENV" \
    && "$SSLYZE_VENV/bin/pip" install --quiet sslyze==6.3.1; }
  export PATH="$PWD/$SSLYZE_VENV/bin:$PATH"
fi
[ -d tests/browser/node_modules/playwright-core ] || (cd tests/browser && npm ci --silent --no-audit --no-fund)

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== cargo test"
cargo test --locked 2>&1 | tee "$log"

echo "== browser test (headless Chromium through the gateway)"
tests/browser/run.sh 2>&1 | tee -a "$log"

echo "== mutation corpus in the browser (seeded sample, tests/mutation)"
tests/browser/mutation.sh 2>&1 | tee -a "$log"

echo "== TLS grade (sslyze, Mozilla intermediate)"
bash tests/tls_grade.sh intermediate
echo "tls_grade: 1 passed, 0 failed" >>"$log"

# One closing line for the whole run: cargo's test results, the browser's and the grade.
awk '/^test result:/ { p += $4; f += $6 }
     /^(browser|tls_grade): [0-9]+ passed, [0-9]+ failed$/ { p += $2; f += $4 }
     END { printf "all: %d passed, %d failed\n", p, f }' "$log"
