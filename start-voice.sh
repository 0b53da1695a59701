#!/usr/bin/env bash
# Start the voice service alone (the original's start_app.sh). start-integrated.sh and
# `npm run start:voice` start it through this script too, so it always runs the same way.
# Arguments go to Node (e.g. --inspect, --trace-gc).
set -euo pipefail
cd "$(dirname "$0")"

# The heap V8 may grow to. Sized for the service: with a limit under 2 GB V8 collects old
# garbage once the heap is about 1.6 times what is live, not 4 times as it does on a machine
# with lots of memory (a 50,000-product store: ~220 MB resident under load, not 200-340).
heap_mb="${VOICE_HEAP_MB:-1024}"
if ! [[ "$heap_mb" =~ ^[1-9][0-9]{2,4}$ ]] || (( heap_mb < 256 || heap_mb > 65536 )); then
  echo "[start-voice] VOICE_HEAP_MB must be a whole number of megabytes from 256 to 65536, not \"$heap_mb\"" >&2
  exit 2
fi

[ -d node_modules ] || npm ci --no-audit --no-fund
node scripts/ensure-built.mjs
exec node --max-old-space-size="$heap_mb" "$@" dist/voice/main.js
