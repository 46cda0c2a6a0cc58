#!/usr/bin/env bash
# Runs a client session script against a fresh Pumphouse of this checkout: a temp data folder, a random loopback
# port, one worker, rate limits off (the scripts register two users per run). The server is stopped and its folder
# removed afterwards; its log is printed when the session failed. Needs `npm run build` first.
#
#   scripts/clients/with-server.sh /usr/bin/python3 scripts/clients/pypump-session.py
#   scripts/clients/with-server.sh scripts/clients/pumpa-session.sh
#
# The server URL is passed as the last argument. Exit code: the session's, or 2 when the server did not start.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
[ -f "$root/dist/infrastructure/cli/main.js" ] || { echo "with-server: no build: run 'npm run build' in $root" >&2; exit 2; }
[ $# -ge 1 ] || { echo "usage: with-server.sh COMMAND [ARGS...]" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/pumphouse-clients-XXXXXX")
port=$((20000 + RANDOM % 30000))
off='{"points":0,"durationSeconds":60}'
cat > "$work/config.json" <<EOF
{"driver":"sqlite","dataDir":"$work/data","hostname":"127.0.0.1","address":"127.0.0.1","port":$port,"workers":1,
 "rateLimits":{"login":$off,"registration":$off,"apiWrites":$off,"clientRegistration":$off}}
EOF

# pump.io's PUMPIO_* variables would change the config under test (see the README); start without them.
env $(env | grep -o '^PUMPIO_[A-Za-z0-9_]*' | sed 's/^/-u /') node "$root/bin/pumphouse.js" start -c "$work/config.json" \
  > "$work/server.log" 2>&1 &
server=$!
stop() {
  kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT

url="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  curl -sf "$url/api/health" > /dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; echo "with-server: the server exited" >&2; exit 2; }
  sleep 0.5
done
curl -sf "$url/api/health" > /dev/null || { cat "$work/server.log" >&2; echo "with-server: no answer on $url" >&2; exit 2; }

status=0
"$@" "$url" || status=$?
if [ "$status" -ne 0 ] && [ -n "${SHOW_SERVER_LOG:-}" ]; then cat "$work/server.log" >&2; fi
exit "$status"
