#!/usr/bin/env bash
# The red-team corpus against this checkout's lachan (not part of CI; see redteam/README.md).
#
#   redteam/run.sh [NAME_FILTER...]      # e.g. redteam/run.sh js- meta-refresh
#
# Builds `lachan` (debug), starts the compromised origin (redteam/origin.mjs) and lachan in
# front of it on free loopback ports with a minimal site config, runs the judge
# (redteam/judge.mjs), prints one line per failing page and the summary line
#   redteam: attacks N/M neutralized, benign K/L intact
# `redteam/run.sh --direct [NAME_FILTER...]` judges the origin's own pages, with no gateway:
# every attack page must then fail (the proof that each planted attack is there and that the
# judge sees it), and every benign page passes trivially.
# Env: REDTEAM_TIMEOUT (seconds for the judge, default 1500), REDTEAM_JOBS, REDTEAM_OUT,
#      REDTEAM_KEEP=1 (keep the work directory: config, logs, audit), LACHAN (a built binary).
# Exit status: 0 when everything passed, 1 when a page failed, 2 on a set-up error.
set -euo pipefail
direct=0
if [[ "${1:-}" == "--direct" ]]; then direct=1; shift; fi
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
export CARGO_INCREMENTAL=0

[[ -x /usr/bin/chromium ]] || { echo "redteam: chromium is not installed (apt-get install -y chromium)" >&2; exit 2; }
[[ -d "$root/tests/browser/node_modules/playwright-core" ]] || { echo "redteam: run 'npm ci' in tests/browser first" >&2; exit 2; }

if [[ $direct == 0 && -z "${LACHAN:-}" ]]; then
  timeout 1800 cargo build --quiet --bin lachan --manifest-path "$root/Cargo.toml"
  LACHAN="$root/target/debug/lachan"
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [[ "${REDTEAM_KEEP:-}" == 1 ]]; then echo "redteam: work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 2' INT TERM

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
wait_for() { # FILE PATTERN PID WHAT
  for _ in $(seq 200); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "redteam: $4 failed to start:" >&2; tail -5 "$1" >&2; exit 2; }
    sleep 0.1
  done
  echo "redteam: $4 did not start in 20 s" >&2; exit 2
}

node "$here/origin.mjs" >"$work/origin.out" 2>&1 &
pids+=($!)
wait_for "$work/origin.out" '^origin http' "${pids[-1]}" origin
origin="$(awk '$1 == "origin" { print $2 }' "$work/origin.out")"

site=portal.example.gov.vn
export REDTEAM_ALLOW="*.gov.vn,chinhphu.vn,www.google-analytics.com,www.googletagmanager.com,www.youtube.com,www.facebook.com"
if [[ $direct == 1 ]]; then
  echo "redteam: --direct, judging the origin's own pages at http://$site:${origin##*:} (no gateway)"
  status=0
  timeout "${REDTEAM_TIMEOUT:-1500}" node "$here/judge.mjs" "http://$site:${origin##*:}" "http://$site:${origin##*:}" "$@" || status=$?
  exit "$status"
fi
allow='"*.gov.vn", "chinhphu.vn", "www.google-analytics.com", "www.googletagmanager.com", "www.youtube.com", "www.facebook.com"'
gw_port="$(free_port)"
admin_port="$(free_port)"
cat >"$work/lachan.toml" <<TOML
# What an outside team would write for one portal: enforce, the government allow list and the
# analytics and social hosts the portal embeds. The guard leaves the judge's loopback alone.
[server]
listen = ["127.0.0.1:$gw_port"]
admin = "127.0.0.1:$admin_port"

[audit]
dir = "$work/audit"

[guard]
allow = ["127.0.0.0/8"]

[[site]]
name = "portal"
hosts = ["$site"]
upstream = "$origin"
mode = "enforce"
allow = [$allow]
TOML
"$LACHAN" check -c "$work/lachan.toml" >/dev/null
"$LACHAN" run -c "$work/lachan.toml" >"$work/lachan.log" 2>&1 &
pids+=($!)
for _ in $(seq 200); do
  curl -s -o /dev/null "http://127.0.0.1:$admin_port/healthz" 2>/dev/null && break
  kill -0 "${pids[-1]}" 2>/dev/null || { echo "redteam: lachan failed to start:" >&2; tail -5 "$work/lachan.log" >&2; exit 2; }
  sleep 0.1
done

echo "redteam: origin $origin, gateway http://$site:$gw_port ($LACHAN)"
status=0
timeout "${REDTEAM_TIMEOUT:-1500}" node "$here/judge.mjs" "http://$site:$gw_port" "http://$site:${origin##*:}" "$@" || status=$?
if [[ $status == 124 ]]; then echo "redteam: the judge ran out of time (REDTEAM_TIMEOUT=${REDTEAM_TIMEOUT:-1500})" >&2; exit 2; fi
exit "$status"
