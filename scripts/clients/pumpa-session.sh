#!/usr/bin/env bash
# Drives Pumpa (Debian's pumpa 0.9.3, Qt) against a running Pumphouse, headless on a private display (xvfb-run):
# registers a user through the API (client registration + POST /api/users, as the PyPump script does), writes
# Pumpa's config (its `-c FILE` INI: [Account] site_url, username, oauth_* keys) so it needs no OAuth wizard,
# starts it, waits for it to load the timelines (seen as its signed GETs answered through the API: the note it
# posts must appear), opens "New note" (Ctrl+N), types a note and sends it (Ctrl+Return), and checks through the
# API that the note is in the user's outbox. Prints PASS/FAIL per step; exit 1 on a failure, 2 when it cannot run.
#
#   scripts/clients/pumpa-session.sh http://127.0.0.1:PORT
#   scripts/clients/with-server.sh scripts/clients/pumpa-session.sh
#
# Needs: apt-get install -y pumpa xvfb xdotool, and python3-pypump's dependencies (requests, requests_oauthlib).
set -uo pipefail

base=${1:?usage: pumpa-session.sh http://127.0.0.1:PORT}
for tool in pumpa xvfb-run xdotool; do
  command -v "$tool" > /dev/null || { echo "pumpa-session: $tool is not installed (apt-get install -y pumpa xvfb xdotool)" >&2; exit 2; }
done
# A private X display of its own (xvfb-run picks a free one), not the desktop's.
if [ -z "${PUMPA_SESSION_IN_XVFB:-}" ]; then
  PUMPA_SESSION_IN_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x900x24 -nolisten tcp" "$0" "$@"
fi
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/pumpa-session-XXXXXX")
failed=0
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; failed=1; }

nick="pumpa$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
text="Hello from Pumpa, $nick"
if /usr/bin/python3 "$here/client-account.py" "$base" "$nick" Pumpa > "$work/account.env"; then
  pass "register $nick through the API"
else
  fail "register $nick through the API"; exit 1
fi
# shellcheck disable=SC1091
. "$work/account.env"
cat > "$work/pumpa.conf" <<EOF
[Account]
site_url=$base
username=$nick
oauth_client_id=$CLIENT_ID
oauth_client_secret=$CLIENT_SECRET
oauth_token=$TOKEN
oauth_token_secret=$TOKEN_SECRET
EOF

pumpa_pid=""
cleanup() {
  [ -n "$pumpa_pid" ] && kill "$pumpa_pid" 2>/dev/null
  { wait "$pumpa_pid"; } 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export XDG_RUNTIME_DIR=$work HOME=$work
pumpa -c "$work/pumpa.conf" > "$work/pumpa.log" 2>&1 &
pumpa_pid=$!

window=""
for _ in $(seq 1 60); do
  window=$(xdotool search --onlyvisible --name 'Pumpa' 2>/dev/null | head -1)
  [ -n "$window" ] && break
  sleep 0.5
done
if [ -n "$window" ]; then pass "Pumpa starts with the preset account (no OAuth wizard)"; else
  fail "Pumpa shows no window"; cat "$work/pumpa.log"; exit 1
fi

# Loading the timeline: Pumpa reads the inbox after start; the API shows the same inbox, and Pumpa's own log has
# no error line. (Pumpa prints its network errors to stderr.)
sleep 5
if grep -qi "error" "$work/pumpa.log"; then fail "Pumpa loads its timelines: $(grep -i error "$work/pumpa.log" | head -3)"; else
  pass "Pumpa loads its timelines (no error in its log)"
fi

xdotool windowactivate --sync "$window" 2>/dev/null || xdotool windowfocus --sync "$window"
xdotool key --clearmodifiers ctrl+n
sleep 2
xdotool type --delay 20 "$text"
sleep 1
xdotool key --clearmodifiers ctrl+Return
posted=""
for _ in $(seq 1 40); do
  if /usr/bin/python3 "$here/client-account.py" --outbox-has "$base" "$text" < "$work/account.env"; then posted=yes; break; fi
  sleep 0.5
done
if [ -n "$posted" ]; then pass "Pumpa posts a note (Ctrl+N, type, Ctrl+Return); the API shows it in the outbox"; else
  fail "the note typed into Pumpa is not in $nick's outbox"; sed -n 1,40p "$work/pumpa.log"
fi

echo
[ "$failed" -eq 0 ] && echo "pumpa-session: every step passed" || echo "pumpa-session: a step failed"
exit "$failed"
