#!/usr/bin/env bash
# Start the dashboard alone (the original's start_dashboard_simple.sh).
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules ] || npm ci --no-audit --no-fund
node scripts/ensure-built.mjs
exec node dist/dashboard/main.js
