#!/usr/bin/env bash
# Start the voice service alone (the original's start_app.sh).
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules ] || npm ci --no-audit --no-fund
node scripts/ensure-built.mjs
exec node dist/voice/main.js
