#!/usr/bin/env bash
# Drives Pumpa (Debian's pumpa 0.9.3, Qt) through a session against a running Pumphouse, headless on a private
# display (xvfb-run) and D-Bus session: registers alice (the Pumpa user) and bob through the API, writes Pumpa's
# config (its `-c FILE` INI: [Account] site_url, username, oauth_* keys) so it needs no OAuth wizard, and then, in
# Pumpa: loads the timeline, posts a note (Ctrl+N), follows bob by his webfinger id (Ctrl+L), sees bob's new note,
# likes, shares and replies to it, opens the other streams (Tabs menu) and deletes its own note. Keys are typed with
# xdotool; buttons inside the timeline (like, share, comment, delete, a dialog's Yes) are pressed through the
# accessibility bus (qt-ui.py), found by the text of the post they belong to. Each step is checked through the API
# (or the server's request log, with with-server.sh). Prints PASS/FAIL/SKIP per step; exit 1 on a failure, 2 when
# it cannot run.
#
#   WITH_SERVER_PORT=80 scripts/clients/with-server.sh scripts/clients/pumpa-session.sh   (all steps)
#   scripts/clients/with-server.sh scripts/clients/pumpa-session.sh   (a random port: follow through the API)
#   scripts/clients/pumpa-session.sh http://127.0.0.1:PORT
#
# Needs: apt-get install -y pumpa xvfb xdotool dbus at-spi2-core python3-pyatspi, and python3-pypump's
# dependencies (requests, requests_oauthlib).
set -uo pipefail

base=${1:?usage: pumpa-session.sh http://127.0.0.1:PORT}
base=${base%/}
for tool in pumpa xvfb-run xdotool dbus-run-session /usr/libexec/at-spi-bus-launcher; do
  command -v "$tool" > /dev/null || {
    echo "pumpa-session: $tool is missing (apt-get install -y pumpa xvfb xdotool dbus at-spi2-core python3-pyatspi)" >&2
    exit 2
  }
done
/usr/bin/python3 -c 'import pyatspi' 2> /dev/null || { echo "pumpa-session: apt-get install -y python3-pyatspi" >&2; exit 2; }
# shellcheck source=scripts/clients/qt-session-lib.sh
. "$(dirname "$0")/qt-session-lib.sh"
run_on_private_display "$0" "$@"

work=$(mktemp -d "${TMPDIR:-/tmp}/pumpa-session-XXXXXX")
chmod 700 "$work"
host=${base#*://}
stamp=$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')
alice="pumpa$stamp" bob="bob$stamp"
before="Note from before Pumpa started, $stamp"
own="Hello from Pumpa, $stamp"
bobs="Note by bob for Pumpa to like, share and answer, $stamp"
reply="Reply from Pumpa to bob, $stamp"

for who in "$alice" "$bob"; do
  if /usr/bin/python3 "$here/client-account.py" "$base" "$who" Pumpa > "$work/$who.env"; then
    pass "register $who through the API"
  else
    fail "register $who through the API"
    exit 1
  fi
done
# shellcheck disable=SC1090
. "$work/$alice.env"
cat > "$work/pumpa.conf" << EOF
[Account]
site_url=$base
username=$alice
oauth_client_id=$CLIENT_ID
oauth_client_secret=$CLIENT_SECRET
oauth_token=$TOKEN
oauth_token_secret=$TOKEN_SECRET
EOF
/usr/bin/python3 "$here/client-account.py" --post "$base" "$before" < "$work/$alice.env" > /dev/null

cleanup() {
  stop_client
  rm -rf "$work"
}
trap cleanup EXIT
export XDG_RUNTIME_DIR=$work HOME=$work QT_ACCESSIBILITY=1 QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1
start_accessibility_bus || { echo "pumpa-session: the accessibility bus did not start" >&2; exit 2; }
QT_SESSION_RELIST=yes
if ! start_client Pumpa "$work/pumpa.log" pumpa -c "$work/pumpa.conf"; then
  fail "Pumpa shows no window"
  cat "$work/pumpa.log"
  exit 1
fi
pass "Pumpa starts with the preset account (no OAuth wizard)"
find_window() { xdotool search --onlyvisible --name "$1" 2> /dev/null | head -1; }
window_named() { [ -n "$(find_window "$1")" ]; }
main=$(find_window '^Pumpa')
focus_main() { xdotool windowactivate --sync "$main" 2> /dev/null || xdotool windowfocus --sync "$main"; }

# The timeline: its inbox is read, and the note alice posted through the API before Pumpa started is shown.
check_served "Pumpa reads its timeline (inbox/major answered)" GET "^/api/user/$alice/inbox/major"
if with_widgets "Pumpa shows the note posted before it started"; then
  if ui wait-label Pumpa "$before"; then pass "Pumpa shows the note posted before it started"; else
    fail "Pumpa's timeline does not show '$before'"
  fi
fi

# Post a note: Ctrl+N opens "Post a note" with the text field focused; Ctrl+Return sends.
focus_main
xdotool key --clearmodifiers ctrl+n
if within 30 window_named 'Post a note'; then
  xdotool windowactivate --sync "$(find_window 'Post a note')" 2> /dev/null
  xdotool type --delay 20 "$own"
  xdotool key --clearmodifiers ctrl+Return
fi
if within 30 api "$work/$alice.env" posted "$own"; then
  pass "Pumpa posts a note (Ctrl+N, type, Ctrl+Return); the API shows it in the outbox"
else
  fail "the note typed into Pumpa is not in $alice's outbox"
fi

# Follow bob by his webfinger id: Ctrl+L asks for it; Pumpa checks /.well-known/webfinger, then posts the follow.
# A webfinger id with a port (bob@127.0.0.1:8000) is no id to pump.io nor to Pumphouse (a bare resource with a
# colon is not given `acct:`), so this step needs the server on port 80 (WITH_SERVER_PORT=80 with-server.sh).
case "$host" in
  *:*)
    skip "Pumpa follows bob by webfinger id: $host has a port (run with WITH_SERVER_PORT=80); followed through the API"
    /usr/bin/python3 "$here/client-account.py" --follow "$base" "$bob" < "$work/$alice.env"
    ;;
  *)
    focus_main
    xdotool key --clearmodifiers ctrl+l
    if within 30 window_named 'Follow pump.io user'; then
      xdotool windowactivate --sync "$(find_window 'Follow pump.io user')" 2> /dev/null
      xdotool key --clearmodifiers ctrl+a
      xdotool type --delay 20 "$bob@$host"
      xdotool key Return
    fi
    if within 60 api "$work/$alice.env" follows "$bob"; then
      pass "Pumpa follows $bob@$host by webfinger id (Ctrl+L); the API shows him in the following stream"
    else
      fail "Pumpa did not follow $bob@$host"
    fi
    ;;
esac

# Bob posts; Pumpa shows it after a reload (Ctrl+R). Then like, share (with its confirmation) and reply, each on
# bob's note, found by its text.
/usr/bin/python3 "$here/client-account.py" --post "$base" "$bobs" < "$work/$bob.env" > /dev/null
reload_shows() {
  focus_main
  xdotool key --clearmodifiers ctrl+r
  QT_UI_DEADLINE=5 ui wait-label Pumpa "$bobs"
}
if with_widgets "Pumpa shows bob's new note after a reload (Ctrl+R), likes, shares and replies to it"; then
  if within 90 reload_shows; then pass "Pumpa shows bob's new note after a reload (Ctrl+R)"; else
    fail "Pumpa does not show bob's note '$bobs'"
  fi
  if ui press Pumpa "$bobs" like && within 30 api "$work/$alice.env" liked "$bobs"; then
    pass "Pumpa likes bob's note (its like button); the API shows it in the favorites"
  else
    fail "liking bob's note in Pumpa"
  fi
  if ui press Pumpa "$bobs" share && ui press-any Pumpa Yes && within 30 api "$work/$alice.env" shared "$bobs"; then
    pass "Pumpa shares bob's note (share, Yes); the API shows the share in the outbox"
  else
    fail "sharing bob's note in Pumpa"
  fi
  if ui press Pumpa "$bobs" comment && within 30 window_named 'Post a reply'; then
    xdotool windowactivate --sync "$(find_window 'Post a reply')" 2> /dev/null
    xdotool type --delay 20 "$reply"
    xdotool key --clearmodifiers ctrl+Return
  fi
  if within 30 api "$work/$alice.env" replied "$bobs" "$reply"; then
    pass "Pumpa replies to bob's note (comment, type, Ctrl+Return); the API shows the comment in reply to it"
  else
    fail "replying to bob's note in Pumpa"
  fi
fi

# Delete its own note: delete, then Yes in the warning. Before the Tabs menu below, which leaves another tab in
# front.
if with_widgets "Pumpa deletes its own note"; then
  if ui press Pumpa "$own" delete && ui press-any Pumpa Yes && within 30 api "$work/$alice.env" deleted "$own"; then
    pass "Pumpa deletes its own note (delete, Yes); the API shows the delete"
  else
    fail "deleting alice's note in Pumpa"
  fi
fi

# The other streams, from the Tabs menu; each must be fetched and answered. (Not its Firehose tab: it reads an
# outside service, ofirehose.com, not this server, and there is no network here.)
if [ "$a11y" = yes ]; then
  for tab in Activities Favorites Followers Following; do ui press-menu Pumpa Tabs "$tab" > /dev/null; done
else
  # Ctrl+R reloads the followers, following and favorites too (Pumpa's fetchAll with all=true).
  focus_main
  xdotool key --clearmodifiers ctrl+r
fi
check_served "Pumpa reads its inbox, major and minor" GET "^/api/user/$alice/inbox/(major|minor)"
check_served "Pumpa reads its direct inbox (Direct, Mentions)" GET "^/api/user/$alice/inbox/direct/(major|minor)"
check_served "Pumpa reads its outbox (Activities)" GET "^/api/user/$alice/feed"
check_served "Pumpa reads its favorites (Favorites)" GET "^/api/user/$alice/favorites"
check_served "Pumpa reads its followers (Followers)" GET "^/api/user/$alice/followers"
check_served "Pumpa reads its following (Following)" GET "^/api/user/$alice/following"

if grep -qi "error" "$work/pumpa.log"; then
  echo "Pumpa's log has error lines:"
  grep -i error "$work/pumpa.log" | sort | uniq -c | head -20
fi
finish pumpa-session
