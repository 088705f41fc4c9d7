#!/usr/bin/env bash
# make demo: the service on the embedded default config over the shipped sample mail.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_THREAD_LIMIT=1
SEMANTHA=.venv/bin/semantha

echo "demo: starting from empty folders under var/ (the default config's inbox, DMS, review, ...)"
rm -rf var/inbox var/work var/dms var/review var/quarantine var/archive var/returns var/log
mkdir -p var/inbox
find samples -maxdepth 1 -type f \( -iname '*.pdf' -o -iname '*.tif' -o -iname '*.tiff' \
  -o -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' \) -exec cp {} var/inbox/ \;
echo "demo: $(ls var/inbox | wc -l) scanned documents placed in var/inbox"

$SEMANTHA check
$SEMANTHA run --once
echo
$SEMANTHA status --documents --limit 0
echo
echo "demo: delivered files are under var/dms, the review queue is var/review,"
echo "      unreadable input is in var/quarantine, originals in var/archive, the log in var/log."
echo "demo: \`$SEMANTHA review list\` shows what waits for a person; \`review resolve ID\` decides it."
echo "demo: or in the browser: \`$SEMANTHA users add NAME\`, then \`$SEMANTHA serve\` and open"
echo "      http://127.0.0.1:8080/ (the review station: Prüfliste, Dokument, Status)."
