#!/bin/sh
# Nightly link review of one site (deploy/lachan-scan@.service runs it; docs/scan.md).
# Usage: lachan-scan.sh SITE [CONFIG] [STATE_DIR]
#
# Scans SITE, compares with the last scan's JSON (the baseline), posts each new suspicious
# host to the site's [site.alerts] webhook (--alert), and keeps this scan as the next
# baseline. Exits with lachan's status: 3 when a new suspicious host appeared, so that the
# unit shows as failed in `systemctl --failed` as well.
set -u
site=${1:?usage: lachan-scan.sh SITE [CONFIG] [STATE_DIR]}
config=${2:-/etc/lachan/lachan.toml}
dir=${3:-/var/lib/lachan-scan}/$site
lachan=${LACHAN:-/usr/local/bin/lachan}
# Extra scan flags, e.g. LACHAN_SCAN_OPTS="--rate 2 --max-pages 2000" (Environment= in a
# drop-in); split on spaces on purpose.
opts=${LACHAN_SCAN_OPTS:-}
mkdir -p "$dir"
base="$dir/last.json"
new="$dir/new.json"
rm -f "$new"
if [ -f "$base" ]; then
    "$lachan" scan -c "$config" --site "$site" --json "$new" --html "$dir/report.html" \
        --csv "$dir/links.csv" --baseline "$base" --alert $opts
else
    "$lachan" scan -c "$config" --site "$site" --json "$new" --html "$dir/report.html" \
        --csv "$dir/links.csv" $opts
fi
rc=$?
# 0 and 3 mean the scan ran: its JSON is the next night's baseline.
if [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ]; then
    [ -f "$base" ] && cp "$base" "$dir/previous.json"
    mv "$new" "$base"
fi
exit "$rc"
