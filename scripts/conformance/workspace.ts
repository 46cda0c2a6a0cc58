import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * The throwaway copy of pump.io the suite runs in. pump.io's own folder is only read: its node_modules is linked,
 * and the test-only packages pump.io's tests need beyond what an `--omit=dev` install brings are installed once
 * into a cache folder and found through NODE_PATH.
 */
export interface Workspace {
  /** The copy of the pump.io checkout; the test processes run here. */
  readonly pumpio: string;
  /** The hosts file bind-mounted over /etc/hosts in each namespace. */
  readonly hostsFile: string;
  /** NODE_PATH for the test processes. */
  readonly nodePath: string;
}

/**
 * pump.io's test-only packages that its e2e files and test/lib load, at the versions its npm-shrinkwrap.json
 * pins. vows and the rest are runtime dependencies of pump.io and come with its install.
 */
const TEST_ONLY_PACKAGES = ['zombie', 'xml2js', 'smtp-server', 'proxyquire', 'rimraf'];

const APP_JS = join('test', 'lib', 'app.js');
const SEAM_START = 'var setupAppConfig = function(config, callback) {';
const SEAM_END = 'var withAppSetup = function(batchConfig) {';

export function prepareWorkspace(options: {
  pumpioDir: string;
  work: string;
  cacheDir: string;
  launcher: string;
}): Workspace {
  const pumpio = join(options.work, 'pump.io');
  cpSync(options.pumpioDir, pumpio, {
    recursive: true,
    filter: (source) => source !== join(options.pumpioDir, 'node_modules') && !source.endsWith('/.git'),
  });
  symlinkSync(join(options.pumpioDir, 'node_modules'), join(pumpio, 'node_modules'));
  applyLauncherSeam(pumpio, options.launcher);
  applySuiteFixes(pumpio);
  const nodePath = installTestOnlyPackages(options.pumpioDir, options.cacheDir);
  const hostsFile = join(options.work, 'hosts');
  writeFileSync(hostsFile, hostsWithTestNames(pumpio));
  return { pumpio, hostsFile, nodePath };
}

/** Replaces pump.io's setupAppConfig (which forks test/lib/app-standalone.js) by the Pumphouse launcher's. */
export function applyLauncherSeam(pumpio: string, launcher: string): void {
  const file = join(pumpio, APP_JS);
  const source = readFileSync(file, 'utf8');
  const start = source.indexOf(SEAM_START);
  const end = source.indexOf(SEAM_END);
  if (start < 0 || end < start) {
    throw new Error(`${APP_JS} no longer has "${SEAM_START}" before "${SEAM_END}": update the launcher seam`);
  }
  const seam =
    '// Pumphouse conformance run: every test server is Pumphouse (scripts/conformance/pumphouse-launcher.js).\n' +
    'var setupAppConfig = require("./pumphouse-launcher").setupAppConfig;\n\n';
  writeFileSync(file, source.slice(0, start) + seam + source.slice(end));
  copyFileSync(launcher, join(pumpio, 'test', 'lib', 'pumphouse-launcher.js'));
}

/**
 * Defects of pump.io's own test files that stop them before any request is made, fixed in the throwaway copy only,
 * each one named here so a reader of the table knows. upload-file calls `mkdirp(path, callback)`, the API of mkdirp
 * 0.5, while pump.io's npm-shrinkwrap.json installs mkdirp 1.0.4, whose second argument must be an options object
 * ("invalid options argument"): no data folder, no server, and every vow fails against pump.io itself too. The fix
 * wraps mkdirp 1.0's promise in a callback (`util.callbackify`); nothing else in the file changes.
 */
export const SUITE_FIXES: readonly { file: string; from: string; to: string }[] = [
  {
    file: join('test', 'upload-file-e2e-test.js'),
    from: 'mkdirp = require("mkdirp"),',
    to: 'mkdirp = require("util").callbackify(require("mkdirp")),',
  },
];

export function applySuiteFixes(pumpio: string): void {
  for (const fix of SUITE_FIXES) {
    const file = join(pumpio, fix.file);
    if (!existsSync(file)) continue;
    const source = readFileSync(file, 'utf8');
    // A newer pump.io that fixed its file needs nothing; one that changed the line otherwise is left as it is.
    if (source.includes(fix.from)) writeFileSync(file, source.replace(fix.from, fix.to));
  }
}

function installTestOnlyPackages(pumpioDir: string, cacheDir: string): string {
  const pinned = pinnedVersions(pumpioDir);
  const key = TEST_ONLY_PACKAGES.map((name) => `${name}@${pinned[name]}`).join(',');
  const dir = join(cacheDir, 'pumpio-test-packages');
  const marker = join(dir, 'installed.txt');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === key) return join(dir, 'node_modules');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'pumpio-test-packages', private: true, dependencies: pinned }, null, 2)}\n`,
  );
  console.log(`conformance: installing pump.io's test-only packages (${key}) into ${dir}`);
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    stdio: 'inherit',
  });
  writeFileSync(marker, key);
  return join(dir, 'node_modules');
}

function pinnedVersions(pumpioDir: string): Record<string, string> {
  const shrinkwrap = JSON.parse(readFileSync(join(pumpioDir, 'npm-shrinkwrap.json'), 'utf8')) as {
    packages?: Record<string, { version?: string }>;
  };
  const pinned: Record<string, string> = {};
  for (const name of TEST_ONLY_PACKAGES) {
    const version = shrinkwrap.packages?.[`node_modules/${name}`]?.version;
    if (!version) throw new Error(`npm-shrinkwrap.json of pump.io pins no version of ${name}`);
    pinned[name] = version;
  }
  return pinned;
}

/**
 * This machine's /etc/hosts plus the `*.localhost` names pump.io's test/hosts.sh adds before its suite runs
 * (its .travis.yml runs that script first).
 */
function hostsWithTestNames(pumpio: string): string {
  const script = readFileSync(join(pumpio, 'test', 'hosts.sh'), 'utf8');
  const names = [...script.matchAll(/echo "([0-9.]+ [a-z0-9.-]+)"/g)].map((match) => match[1]);
  return `${readFileSync('/etc/hosts', 'utf8').trimEnd()}\n${names.join('\n')}\n`;
}

/** The e2e files, and which of them start no server through test/lib/app.js (they load pump.io's lib in-process). */
export function e2eFiles(pumpio: string): { run: string[]; inProcess: string[] } {
  const files = readdirSync(join(pumpio, 'test'))
    .filter((name) => name.endsWith('-e2e-test.js'))
    .sort();
  const run: string[] = [];
  const inProcess: string[] = [];
  for (const name of files) {
    const source = readFileSync(join(pumpio, 'test', name), 'utf8');
    (/\b(setupApp|setupAppConfig|withAppSetup)\b/.test(source) ? run : inProcess).push(name);
  }
  return { run, inProcess };
}
