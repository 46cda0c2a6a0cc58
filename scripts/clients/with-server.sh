#!/usr/bin/env bash
# Runs a client session script against a fresh Pumphouse of this checkout: a temp data folder, a random loopback
# port, one worker, rate limits off (the scripts register two users per run). The server is stopped and its folder
# removed afterwards; its log is printed when the session failed. Needs `npm run build` first.
#
#   scripts/clients/with-server.sh /usr/bin/python3 scripts/clients/pypump-session.py
#   scripts/clients/with-server.sh scripts/clients/pumpa-session.sh
#
# The server URL is passed as the last argument. Exit code: the session's, or 2 when the server did not start.
#
# WITH_SERVER_PORT=80 serves on port 80 of a random loopback address 127.x.y.z (root only), so URLs carry no port:
# Dianara needs that (see dianara-session.sh). WITH_SERVER_ADDRESS picks the loopback address yourself.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
[ -f "$root/dist/infrastructure/cli/main.js" ] || { echo "with-server: no build: run 'npm run build' in $root" >&2; exit 2; }
[ $# -ge 1 ] || { echo "usage: with-server.sh COMMAND [ARGS...]" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/pumphouse-clients-XXXXXX")
port=${WITH_SERVER_PORT:-$((20000 + RANDOM % 30000))}
address=${WITH_SERVER_ADDRESS:-127.0.0.1}
if [ "$port" = 80 ] && [ -z "${WITH_SERVER_ADDRESS:-}" ]; then
  address="127.$((RANDOM % 250 + 1)).$((RANDOM % 250 + 1)).$((RANDOM % 250 + 2))"
fi
case "$address" in 127.*) ;; *) echo "with-server: $address is not a loopback address" >&2; exit 2 ;; esac
off='{"points":0,"durationSeconds":60}'
cat > "$work/config.json" <<EOF
{"driver":"sqlite","dataDir":"$work/data","hostname":"$address","address":"$address","port":$port,"workers":1,"enableUploads":true,
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

url="http://$address:$port"
[ "$port" = 80 ] && url="http://$address"
for _ in $(seq 1 120); do
  curl -sf "$url/api/health" > /dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; echo "with-server: the server exited" >&2; exit 2; }
  sleep 0.5
done
curl -sf "$url/api/health" > /dev/null || { cat "$work/server.log" >&2; echo "with-server: no answer on $url" >&2; exit 2; }

status=0
# The Qt client scripts read the request log to see which streams the client fetched (qt-session-lib.sh).
CLIENT_SESSION_SERVER_LOG="$work/server.log" "$@" "$url" || status=$?
if [ "$status" -ne 0 ] && [ -n "${SHOW_SERVER_LOG:-}" ]; then cat "$work/server.log" >&2; fi
# Every error answer the client got, from the server's request log: a real client should meet none that pump.io
# would not give (the unsigned GETs of public files and avatars are the usual exceptions worth a look).
errors=$(node -e '
  for (const line of require("fs").readFileSync(process.argv[1], "utf8").split("\n")) {
    let entry; try { entry = JSON.parse(line); } catch { continue; }
    if (entry.msg === "request" && entry.status >= 400) console.log(`  ${entry.status} ${entry.method} ${entry.path}`);
  }' "$work/server.log")
if [ -n "$errors" ]; then echo "with-server: error answers the client got:"; echo "$errors" | sort | uniq -c; fi
exit "$status"
