import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The names of the private network the federation suite runs in, each with port 80 of its own loopback address
 * (all of 127.0.0.0/8 answers on lo, so no `ip addr` is needed). pump.io federates only with nodes on ports
 * 80/443 under their own names (docs/protocol.md §7), hence a namespace rather than ports on localhost.
 */
export const NAMESPACE_HOSTS = {
  'a.test': '127.0.70.1',
  'b.test': '127.0.70.2',
  'peer.test': '127.0.70.3',
  // The ActivityPub suite's Fedify peer (test/e2e/activitypub), on port 443.
  'fedify.test': '127.0.70.4',
} as const;

export type NamespaceHost = keyof typeof NAMESPACE_HOSTS;

/** What the nodes may reach over outbound HTTP (the `outboundAllowedNetworks` setting). */
export const NAMESPACE_NETWORK = '127.0.70.0/24';

/** A new network, mount and PID namespace; every process in it dies with its first one (`--kill-child`). */
export const UNSHARE_FLAGS = ['--net', '--mount', '--pid', '--fork', '--mount-proc', '--kill-child'];

/** The hosts file bind-mounted on /etc/hosts inside the namespace. */
export function hostsFileText(): string {
  const lines = Object.entries(NAMESPACE_HOSTS).map(([name, address]) => `${address}\t${name}`);
  return ['127.0.0.1\tlocalhost', ...lines, ''].join('\n');
}

/** The shell that prepares the namespace, then runs the command given after it: loopback up, the hosts file. */
const PREPARE = 'ip link set lo up && mount --bind "$0" /etc/hosts && exec "$@"';

/** The command line that runs `command` inside a fresh namespace with `hostsFile` as its /etc/hosts. */
export function namespaceCommand(hostsFile: string, command: readonly string[]): [string, string[]] {
  return ['unshare', [...UNSHARE_FLAGS, '--', 'sh', '-c', PREPARE, hostsFile, ...command]];
}

/**
 * Why the suite cannot run here, or null when it can: it needs Linux, root (unshare and port 80), and an unshare
 * that may create the namespaces (a container without CAP_SYS_ADMIN refuses). Tried for real, with the same
 * preparation the suite does, so a skip names the step that failed.
 */
export function namespaceUnavailableReason(): string | null {
  if (process.platform !== 'linux') return `network namespaces need Linux, this is ${process.platform}`;
  if (process.getuid?.() !== 0) return 'unshare --net --mount and port 80 need root; this run is not root';
  const folder = mkdtempSync(join(tmpdir(), 'pumphouse-namespace-probe-'));
  try {
    const hosts = join(folder, 'hosts');
    writeFileSync(hosts, hostsFileText());
    const [file, args] = namespaceCommand(hosts, ['sh', '-c', 'getent hosts a.test']);
    const probe = spawnSync(file, args, { encoding: 'utf8', timeout: 20_000 });
    if (probe.error !== undefined) return `${file} could not be run: ${probe.error.message}`;
    if (probe.status !== 0) {
      return `"${file} ${UNSHARE_FLAGS.join(' ')}" with loopback up and a bind-mounted hosts file failed (exit ${probe.status}): ${probe.stderr.trim()}`;
    }
    if (!probe.stdout.includes(NAMESPACE_HOSTS['a.test'])) {
      return `inside the namespace a.test did not resolve through the bind-mounted hosts file: ${probe.stdout.trim()}`;
    }
    return null;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
