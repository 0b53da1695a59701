#!/usr/bin/env bash
# Start the voice service and the dashboard together (the original's start_integrated.sh).
# Installs dependencies when missing, builds, waits until both answer /health, prints the URLs,
# and stops both on Ctrl-C or SIGTERM. If one service dies, it says which, stops the other
# and exits non-zero. Configuration: the environment variables in README.md.
set -uo pipefail
cd "$(dirname "$0")"

export VOICE_PORT="${VOICE_PORT:-5003}"
export DASHBOARD_PORT="${DASHBOARD_PORT:-5004}"
export HOST="${HOST:-127.0.0.1}"
export DATA_DIR="${DATA_DIR:-$PWD/data}"
# Display/probe address: a wildcard listen address is reached on loopback.
probe_host="$HOST"
case "$HOST" in 0.0.0.0 | :: | '[::]') probe_host=127.0.0.1 ;; esac

say() { printf '[start-integrated] %s\n' "$*"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing dependencies (npm ci)..."
  npm ci --no-audit --no-fund || { say "npm ci failed"; exit 1; }
fi
node scripts/ensure-built.mjs || { say "build failed"; exit 1; }

voice_pid=""
dashboard_pid=""
stop_all() {
  trap - INT TERM
  for pid in $voice_pid $dashboard_pid; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $voice_pid $dashboard_pid; do wait "$pid" 2>/dev/null || true; done
}
trap 'say "stopping both services..."; stop_all; say "stopped"; exit 0' INT TERM

bash start-voice.sh &
voice_pid=$!
node dist/dashboard/main.js &
dashboard_pid=$!

healthy() {
  node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(1000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"
}
up=""
for _ in $(seq 1 150); do
  if ! kill -0 "$voice_pid" 2>/dev/null || ! kill -0 "$dashboard_pid" 2>/dev/null; then break; fi
  if healthy "http://$probe_host:$VOICE_PORT/health" && healthy "http://$probe_host:$DASHBOARD_PORT/health"; then
    up=yes
    say "voice service: http://$probe_host:$VOICE_PORT  (Twilio webhook: POST /voice, status callback: POST /voice/status)"
    say "dashboard:     http://$probe_host:$DASHBOARD_PORT  (login: admin / admin123 until you change it)"
    say "data directory: $DATA_DIR — press Ctrl-C to stop both"
    break
  fi
  sleep 0.2
done
if [ -z "$up" ] && kill -0 "$voice_pid" 2>/dev/null && kill -0 "$dashboard_pid" 2>/dev/null; then
  say "warning: the services did not both answer /health within 30 s; see the log lines above"
fi

# Whichever exits first, unless we are stopping on purpose, is a failure.
wait -n "$voice_pid" "$dashboard_pid"
status=$?
if ! kill -0 "$voice_pid" 2>/dev/null; then died="voice service"; else died="dashboard"; fi
say "the $died exited (status $status); stopping the other service"
stop_all
exit $(( status == 0 ? 1 : status ))
