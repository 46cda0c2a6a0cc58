// npm run conformance: runs pump.io's own end-to-end suite (test/*-e2e-test.js, vows) against this checkout's
// built Pumphouse and writes the table to docs/conformance.md. Not part of npm test: it needs a pump.io checkout.
//
//   PUMPIO_DIR=/path/to/pump.io PUMPIO_NODE=/path/to/node14/bin/node npm run conformance
//
// Optional: CONFORMANCE_FILES (comma-separated file names or parts of them; a partial run does not touch the
// docs), CONFORMANCE_DEADLINE (seconds per file, default 300), CONFORMANCE_JOBS (files at once, default 1),
// CONFORMANCE_CACHE (where pump.io's test-only packages are installed once, default ~/.cache/pumphouse-conformance).
// Exit: 0 every file passed, 1 some failed, 2 the run could not start.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { document, passed, table, type Measurement } from './report';
import { runFile, SERVER_CONFIG_VARIABLES, stopRunningFiles, type FileRun } from './run-file';
import { e2eFiles, prepareWorkspace } from './workspace';

const root = resolve(__dirname, '..', '..');
const DOCS_FILE = join(root, 'docs', 'conformance.md');

function fail(message: string): never {
  console.error(`conformance: ${message}`);
  process.exit(2);
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) fail(`${name} is not set (see README, "Conformance with pump.io's test suite")`);
  return value;
}

function commitMeasured(): string {
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  const sha = git('rev-parse', '--short=12', 'HEAD');
  const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
  const subject = git('log', '-1', '--format=%s');
  const short = subject.length > 100 ? `${subject.slice(0, 100).replace(/\s+\S*$/, '')}…` : subject;
  return `\`${sha}\` ("${short}")${dirty ? ' with uncommitted changes' : ''}`;
}

async function main(): Promise<void> {
  const pumpioDir = resolve(required('PUMPIO_DIR'));
  const pumpioNode = resolve(required('PUMPIO_NODE'));
  const deadlineSeconds = Number(process.env.CONFORMANCE_DEADLINE ?? 300);
  const jobs = Math.max(1, Number(process.env.CONFORMANCE_JOBS ?? 1));
  const cacheDir = process.env.CONFORMANCE_CACHE ?? join(homedir(), '.cache', 'pumphouse-conformance');
  const only = (process.env.CONFORMANCE_FILES ?? '').split(',').filter((part) => part.trim() !== '');
  // The runner's own inputs are PUMPIO_* names: drop them (and any other) before anything is started.
  for (const name of Object.keys(process.env))
    if (SERVER_CONFIG_VARIABLES.test(name)) delete process.env[name];

  if (!existsSync(join(pumpioDir, 'bin', 'pump')) || !existsSync(join(pumpioDir, 'node_modules', 'vows'))) {
    fail(`${pumpioDir} is not a pump.io checkout with its dependencies installed (node_modules/vows)`);
  }
  if (!existsSync(join(root, 'dist', 'infrastructure', 'cli', 'main.js')))
    fail('no build: run npm run build');
  if (
    spawnSync('unshare', ['--net', '--mount', '--pid', '--fork', '--mount-proc', '--kill-child', 'true'])
      .status
  ) {
    fail('SKIPPED: cannot create a network namespace here (needs root or CAP_SYS_ADMIN)');
  }
  const pumpioNodeVersion = execFileSync(pumpioNode, ['--version'], { encoding: 'utf8' }).trim();

  const commit = commitMeasured();
  const work = mkdtempSync(join(tmpdir(), 'pumphouse-conformance.'));
  console.log(`conformance: work folder ${work} (logs of every file and server)`);
  const workspace = prepareWorkspace({
    pumpioDir,
    work,
    cacheDir,
    launcher: join(__dirname, 'pumphouse-launcher.js'),
  });
  const { run, inProcess } = e2eFiles(workspace.pumpio);
  const files = only.length > 0 ? run.filter((file) => only.some((part) => file.includes(part.trim()))) : run;
  const options = {
    workspace,
    work,
    pumpioNode,
    pumphouseNode: process.execPath,
    pumphouseBin: join(root, 'bin', 'pumphouse.js'),
    deadlineSeconds,
  };

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopRunningFiles();
      fail(`stopped by ${signal}; partial results in ${work}`);
    });
  }
  const runs: FileRun[] = new Array(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      const result = await runFile(files[index], index, options);
      runs[index] = result;
      console.log(
        `conformance: ${passed(result) ? 'pass' : 'FAIL'} ${result.file} ` +
          `(${result.honored} honored, ${result.broken} broken, ${result.errored} errored, ${result.seconds} s; ` +
          `${result.folder})`,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));

  const pumpioPackage = JSON.parse(readFileSync(join(pumpioDir, 'package.json'), 'utf8')) as {
    version?: string;
  };
  const measurement: Measurement = {
    commit,
    date: new Date().toISOString().slice(0, 10),
    pumpioVersion: pumpioPackage.version ?? 'unknown',
    pumpioNodeVersion,
    pumphouseNodeVersion: process.version,
    deadlineSeconds,
    runs,
    inProcess,
  };
  const text = `${document(measurement)}\n`;
  writeFileSync(join(work, 'conformance.md'), text);
  writeFileSync(join(work, 'results.json'), `${JSON.stringify(measurement, null, 2)}\n`);
  console.log(`\n${table(measurement)}\n`);
  if (only.length === 0) {
    writeFileSync(DOCS_FILE, text);
    // The docs are checked by prettier in npm test: write them in its layout.
    execFileSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--write', DOCS_FILE], {
      stdio: 'ignore',
    });
    console.log(`conformance: wrote ${DOCS_FILE}`);
  } else {
    console.log(
      `conformance: partial run (CONFORMANCE_FILES); docs untouched, see ${join(work, 'conformance.md')}`,
    );
  }
  process.exitCode = runs.every(passed) ? 0 : 1;
}

main().catch((error: unknown) =>
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
);
