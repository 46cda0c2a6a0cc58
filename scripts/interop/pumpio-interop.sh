#!/usr/bin/env bash
# Tries this checkout's Pumphouse against a real pump.io node, as an admin would: both on port 80 under their own
# names (pump-a.test and house-a.test), inside a private network namespace, so nothing else on the machine is
# touched and every process dies with the namespace. Prints a PASS/FAIL table; exit 0 when every check passed,
# 1 when one failed, 2 when the run could not start (no namespaces, no pump.io, no build).
#
#   scripts/interop/pumpio-interop.sh --pumpio /path/to/pump.io [--pumpio-node /path/to/node14/bin/node]
#                                     [--driver sqlite|memory] [--direct] [--check-deadline S] [--total-deadline S]
#
# --pumpio is a pump.io checkout with its dependencies installed (see README.md, "Trying Pumphouse against a real
# pump.io"). --direct runs both servers on port 80 themselves, without the recording proxies.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
pump_source=""
pump_node=""
total_deadline=900
driver_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --pumpio) pump_source=$2; shift 2 ;;
    --pumpio-node) pump_node=$2; shift 2 ;;
    --total-deadline) total_deadline=$2; driver_args+=("$1" "$2"); shift 2 ;;
    --driver|--check-deadline) driver_args+=("$1" "$2"); shift 2 ;;
    --direct) driver_args+=("$1"); shift ;;
    *) echo "pumpio-interop: unknown argument $1" >&2; exit 2 ;;
  esac
done

fail() { echo "pumpio-interop: $*" >&2; exit 2; }
[ -n "$pump_source" ] || fail "--pumpio DIR is required (a pump.io checkout with node_modules)"
pump_source=$(cd "$pump_source" && pwd)
[ -f "$pump_source/bin/pump" ] && [ -d "$pump_source/node_modules" ] ||
  fail "$pump_source is not a pump.io checkout with its dependencies installed"
[ -f "$root/dist/infrastructure/cli/main.js" ] || fail "no build: run 'npm run build' in $root first"
pump_node=${pump_node:-$(command -v node)}
pump_major=$("$pump_node" -p 'process.versions.node.split(".")[0]')
if [ "$pump_major" -gt 14 ] && grep -q '_.has(req, "headers")' "$pump_source/lib/authc.js"; then
  echo "pumpio-interop: warning: pump.io runs on Node $pump_major without the lib/authc.js fix;" \
    "its signed GETs will answer 401 (use Node 14: --pumpio-node)" >&2
fi

# A namespace needs root (or CAP_SYS_ADMIN): say so and stop rather than fail somewhere in the middle.
if ! unshare --net --mount --pid --fork --mount-proc --kill-child -- true 2>/dev/null; then
  echo "pumpio-interop: SKIPPED: cannot create a network namespace here (needs root or CAP_SYS_ADMIN)" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pumpio-interop.XXXXXX")
cat > "$work/hosts" <<'EOF'
127.0.0.1 localhost
127.0.70.1 pump-a.test
127.0.70.2 house-a.test
EOF

# Neither server may see a PUMPIO_* or PUMPHOUSE_* variable: both read their configuration from them.
for name in $(env | sed -n 's/^\(PUMPIO_[^=]*\|PUMPHOUSE_[^=]*\)=.*/\1/p'); do unset "$name"; done

echo "pumpio-interop: work folder $work"
cd "$root"
status=0
timeout --kill-after=15 "$((total_deadline + 60))" \
  unshare --net --mount --pid --fork --mount-proc --kill-child -- bash -c '
    set -e
    ip link set lo up
    mount --bind "$1/hosts" /etc/hosts
    shift
    exec node -r ts-node/register/transpile-only scripts/interop/pumpio-interop.ts "$@"
  ' pumpio-interop "$work" --work "$work" --pumpio "$pump_source" --pumpio-node "$pump_node" \
  ${driver_args[@]+"${driver_args[@]}"} || status=$?
exit "$status"
