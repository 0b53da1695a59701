#!/usr/bin/env bash
# Start the voice service alone (the original's start_app.sh). start-integrated.sh and
# `npm run start:voice` start it through this script too, so it always runs the same way.
# Arguments go to Node (e.g. --inspect, --trace-gc).
set -euo pipefail
cd "$(dirname "$0")"

# The heap V8 may grow to (README: VOICE_HEAP_MB). With a limit under 2 GB, V8 runs a full
# collection before the heap passes about 1.8 times what survived the last one; with none, on
# a machine with lots of memory, it waits until 4 times. A 50,000-product store under load:
# about 210 MB resident instead of 200-340 MB.
heap_mb="${VOICE_HEAP_MB:-1536}"
if ! [[ "$heap_mb" =~ ^[1-9][0-9]{2,4}$ ]] || (( heap_mb < 256 || heap_mb > 65536 )); then
  echo "[start-voice] VOICE_HEAP_MB must be a whole number of megabytes from 256 to 65536, not \"$heap_mb\"" >&2
  exit 2
fi

[ -d node_modules ] || npm ci --no-audit --no-fund
node scripts/ensure-built.mjs
exec node --max-old-space-size="$heap_mb" "$@" dist/voice/main.js
