# Shared by pumpa-session.sh and dianara-session.sh (sourced, not run): step reporting, waiting on conditions with
# deadlines, API checks through client-account.py and widget presses through qt-ui.py (AT-SPI).
# shellcheck shell=bash

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
failed=0
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; failed=1; }
skip() { echo "SKIP  $*"; }

# Runs the calling script again on a private X display (xvfb-run picks a free one) inside a private D-Bus session,
# where the accessibility bus is started before the client: Qt only exposes its widgets over AT-SPI when that bus
# is up at its start.
run_on_private_display() {
  if [ -z "${QT_SESSION_PRIVATE:-}" ]; then
    QT_SESSION_PRIVATE=1 exec xvfb-run -a -s "-screen 0 1280x1000x24 -nolisten tcp" dbus-run-session -- "$@"
  fi
}

# within SECONDS COMMAND...: runs COMMAND until it succeeds or SECONDS have passed.
within() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@" > /dev/null 2>&1; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.3
  done
}

# The accessibility bus and its registry, both up before the client starts. The first GetAddress starts the bus
# launcher through D-Bus activation; a launcher started by hand as well would race it for the name org.a11y.Bus,
# and the loser's bus goes away with clients already connected to it.
start_accessibility_bus() {
  within 30 dbus-send --session --dest=org.a11y.Bus --print-reply /org/a11y/bus org.a11y.Bus.GetAddress \
    && within 30 /usr/bin/python3 -c 'import pyatspi; pyatspi.Registry.getDesktop(0).childCount'
}

# Stops this session's accessibility bus launcher (found by its name on the session bus: other sessions' launchers
# are left alone) and starts a fresh one through D-Bus activation.
restart_accessibility_bus() {
  local pid
  pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.a11y.Bus 2> /dev/null | awk '/uint32/ {print $2}')
  [ -n "$pid" ] && kill "$pid" 2> /dev/null
  within 10 bash -c '! dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.a11y.Bus | grep -q true'
  start_accessibility_bus
}

# start_client APP LOG COMMAND...: starts the client in the background (its pid in client_pid), waits for its
# window and then for it to be listed on the accessibility bus; a11y is "yes" when it is. Qt 5.15 registers with the
# AT-SPI registry once, at start, and on this headless setup (Xvfb, a private D-Bus session) that registration is
# usually lost, in one of two ways (its log then says "Error in contacting registry: ... Not connected"):
# - the client is connected to the accessibility bus but not listed: qt-a11y-embed.py makes the same registration
#   call for it;
# - the client never got onto the accessibility bus: it is stopped, the session's accessibility bus is restarted,
#   and the client is started again (all its state is on the server), up to three starts in all.
# Only if every start fails that way are the steps that press widgets reported as SKIP. Both are used only when
# the session script sets QT_SESSION_RELIST=yes (Pumpa's does): Dianara, listed that way, did not show its timeline
# posts over AT-SPI in the one run tried, so its script keeps to the client's own registration for now.
client_pid=""
a11y=no
start_client() {
  local app=$1 log=$2 attempt attempts=1
  shift 2
  [ "${QT_SESSION_RELIST:-no}" = yes ] && attempts=3
  for attempt in $(seq 1 "$attempts"); do
    "$@" >> "$log" 2>&1 &
    client_pid=$!
    within 60 client_window_shown "$app" || return 1
    if within 20 ui present "$app" || { [ "${QT_SESSION_RELIST:-no}" = yes ] \
      && within 10 /usr/bin/python3 "$here/qt-a11y-embed.py" "$app" && within 10 ui present "$app"; }; then
      a11y=yes
      return 0
    fi
    [ "$attempt" = "$attempts" ] && break
    stop_client
    restart_accessibility_bus
  done
  return 0
}
# with_widgets DESCRIPTION: true when widgets can be pressed; otherwise reports DESCRIPTION as skipped.
with_widgets() {
  [ "$a11y" = yes ] && return 0
  skip "$1 (${a11y_missing:-the client is not listed on the accessibility bus, so its widgets cannot be pressed})"
  return 1
}
client_window_shown() { [ -n "$(xdotool search --onlyvisible --name "$1" 2> /dev/null | head -1)" ]; }
stop_client() {
  [ -n "$client_pid" ] || return 0
  kill "$client_pid" 2> /dev/null
  wait "$client_pid" 2> /dev/null
}

# api ACCOUNT_ENV CHECK ARGS...: one check through the API as that user (client-account.py --check).
api() {
  local env=$1
  shift
  /usr/bin/python3 "$here/client-account.py" --check "$base" "$@" < "$env"
}

# ui COMMAND APP ARGS...: qt-ui.py, with its own deadline.
ui() { QT_UI_DEADLINE=${QT_UI_DEADLINE:-60} /usr/bin/python3 "$here/qt-ui.py" "$@"; }

# served METHOD PATH_PATTERN: the server log (given by with-server.sh) shows that request answered 2xx.
served() {
  [ -n "${CLIENT_SESSION_SERVER_LOG:-}" ] || return 2
  node -e '
    const [file, method, pattern] = process.argv.slice(1);
    const re = new RegExp(pattern);
    const ok = require("fs").readFileSync(file, "utf8").split("\n").some((line) => {
      try { const e = JSON.parse(line); return e.msg === "request" && e.method === method && re.test(e.path) && e.status < 300; }
      catch { return false; }
    });
    process.exit(ok ? 0 : 1);' "$CLIENT_SESSION_SERVER_LOG" "$1" "$2"
}

# check_served DESCRIPTION METHOD PATH_PATTERN: a PASS/FAIL step on `served`, waited for; SKIP without a log.
check_served() {
  if [ -z "${CLIENT_SESSION_SERVER_LOG:-}" ]; then
    skip "$1 (no server log: run through with-server.sh)"
  elif within 30 served "$2" "$3"; then pass "$1"; else fail "$1"; fi
}

finish() {
  echo
  if [ "$failed" -eq 0 ]; then echo "$1: every step passed"; else echo "$1: a step failed"; fi
  exit "$failed"
}
