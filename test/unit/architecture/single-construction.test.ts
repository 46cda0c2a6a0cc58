import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * docs/architecture.md §4b: the composition root (src/infrastructure/container) builds each use case, application
 * service and adapter once and hands it to whoever needs it. This test reads the sources (no program runs) and
 * fails when one of those classes is constructed outside the composition root, or in more than one place.
 */
const root = path.resolve(__dirname, '../../..');
const COMPOSITION_ROOT = 'src/infrastructure/container/';

/**
 * Application services that are not in a `*.use-case(s).ts` file but hold state or ports the same way, and the
 * adapters of the ports that every feature shares.
 */
const SERVICES = [
  'DistributionRunner',
  'DeliveryRunner',
  'ListDeliveries',
  'RequeueDeliveries',
  'OAuthRequestVerifier',
  'OAuthRequestAuthenticator',
  'PugTemplateRenderer',
  'SanitizeHtmlSanitizer',
  'GuardedHttpClient',
  'HttpRemoteDiscovery',
  'RemoteClientRegistrar',
  'SignedRequests',
  'PumpioSignedRemoteFetch',
  'PumpioRemoteObjects',
  'PumpioDelivery',
  'DeliveryNudge',
  'MathRandomSource',
  'BcryptPasswordHasher',
  'CryptoIdGenerator',
];

/**
 * `pumphouse ctl deliveries` runs in its own short-lived process that opens the store itself and builds no
 * container (the master holds no database). It is left to the engineers who own src/infrastructure/cli; it is
 * the only file allowed to construct these classes outside the composition root.
 */
const OWN_PROCESS: Readonly<Record<string, readonly string[]>> = {
  'src/infrastructure/cli/ctl-deliveries.command.ts': ['ListDeliveries', 'RequeueDeliveries'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** The source without comments (lines kept), so a `new X(` in a JSDoc example counts for nothing. */
function code(file: string): string {
  return readFileSync(path.join(root, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''))
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const files = sourceFiles('src');

const useCaseClasses = files
  .filter((file) => /\.use-cases?\.ts$/.test(file))
  .flatMap((file) => [...code(file).matchAll(/export class (\w+)/g)].map((match) => match[1]));

/** Every `new <Class>(` of the classes above: where it stands (file:line). */
function constructions(): Map<string, string[]> {
  const watched = new Set([...useCaseClasses, ...SERVICES]);
  const found = new Map<string, string[]>();
  for (const file of files) {
    const lines = code(file).split('\n');
    lines.forEach((line, index) => {
      for (const match of line.matchAll(/\bnew\s+(\w+)\s*[(<]/g)) {
        if (!watched.has(match[1])) continue;
        if (OWN_PROCESS[file]?.includes(match[1]) === true) continue;
        found.set(match[1], [...(found.get(match[1]) ?? []), `${file}:${index + 1}`]);
      }
    });
  }
  return found;
}

describe('each use case and shared adapter is built once, in the composition root', () => {
  it('finds the use cases it watches', () => {
    expect(useCaseClasses).toEqual(expect.arrayContaining(['PostActivity', 'ReadObject', 'UpdateUser']));
    expect(useCaseClasses.length).toBeGreaterThan(20);
  });

  it('constructs none of them outside src/infrastructure/container', () => {
    const outside = [...constructions()].flatMap(([name, places]) =>
      places.filter((place) => !place.startsWith(COMPOSITION_ROOT)).map((place) => `${name} at ${place}`),
    );
    expect(outside).toEqual([]);
  });

  it('constructs each of them in one place only', () => {
    const twice = [...constructions()]
      .filter(([, places]) => places.length > 1)
      .map(([name, places]) => `${name} at ${places.join(', ')}`);
    expect(twice).toEqual([]);
  });
});
