import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { assertBuilt } from '../pumphouse-process';
import { hostsFileText, namespaceCommand, namespaceUnavailableReason } from '../federation/support/namespace';
import { WORK_FOLDER_VARIABLE } from '../federation/support/scenario-names';
import { AP_SCENARIOS, PEER_HOST, PUMPHOUSE_HOST, TLS_FOLDER_VARIABLE } from './support/activitypub-names';
import { makeTestCa } from './support/test-ca';

/**
 * The ActivityPub e2e suite (issue 15, "Tests"): a Pumphouse node and a Fedify peer, each on port 443 of its own
 * name over HTTPS, in the federation suite's kind of network namespace (test/e2e/federation/support/namespace.ts).
 * This file makes a throwaway CA and the two certificates, then runs a second jest inside the namespace
 * (jest.namespace.config.js, scenarios/*.scenario.ts) with NODE_EXTRA_CA_CERTS naming the CA, so the node, the
 * peer and the test client all trust it; each inner result becomes a test here.
 */

const ROOT = join(__dirname, '..', '..', '..');
const JEST = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const INNER_CONFIG = join(__dirname, 'jest.namespace.config.js');
const RUN_DEADLINE_MS = 15 * 60_000;

jest.setTimeout(RUN_DEADLINE_MS + 60_000);

interface AssertionResult {
  title: string;
  status: string;
  failureMessages: string[];
}
interface RunResults {
  testResults: { name: string; message: string; assertionResults: AssertionResult[] }[];
}

/** openssl makes the CA; without it the suite cannot run either. */
function unavailableReason(): string | null {
  const namespace = namespaceUnavailableReason();
  if (namespace !== null) return namespace;
  return existsSync('/usr/bin/openssl') || existsSync('/bin/openssl')
    ? null
    : 'the openssl CLI (which makes the throwaway CA) is not installed';
}

const unavailable = unavailableReason();

if (unavailable !== null) {
  console.warn(`ActivityPub e2e suite skipped: ${unavailable}`);
  describe.skip(`ActivityPub e2e (skipped: ${unavailable})`, () => {
    for (const title of Object.values(AP_SCENARIOS)) it(title, () => undefined);
  });
} else {
  describe('ActivityPub e2e: a Pumphouse node and a Fedify peer over HTTPS in a network namespace', () => {
    let work = '';
    let results: RunResults | undefined;
    let output = '';
    let runProblem = '';

    beforeAll(async () => {
      assertBuilt();
      work = mkdtempSync(join(tmpdir(), 'pumphouse-activitypub-'));
      const hosts = join(work, 'hosts');
      writeFileSync(hosts, hostsFileText());
      const tls = join(work, 'tls');
      const caFile = makeTestCa(tls, [PUMPHOUSE_HOST, PEER_HOST]);
      const resultsFile = join(work, 'results.json');
      const inner = [process.execPath, JEST, '-c', INNER_CONFIG, '--runInBand', '--ci', '--json'];
      const [file, args] = namespaceCommand(hosts, [...inner, '--outputFile', resultsFile]);
      const { JEST_WORKER_ID: _worker, ...outer } = process.env;
      const env = {
        ...outer,
        [WORK_FOLDER_VARIABLE]: work,
        [TLS_FOLDER_VARIABLE]: tls,
        // Read by Node at start only: every process inside (jest, the node, its workers) trusts the test CA.
        NODE_EXTRA_CA_CERTS: caFile,
      };
      const child = spawn(file, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | string>((resolve) => {
        // Killing unshare kills the namespace's first process (--kill-child), and with it every process inside.
        const timer = setTimeout(() => child.kill('SIGKILL'), RUN_DEADLINE_MS);
        child.once('exit', (exitCode, signal) => {
          clearTimeout(timer);
          resolve(exitCode ?? signal ?? -1);
        });
      });
      writeFileSync(join(work, 'inner-jest.log'), output);
      if (existsSync(resultsFile)) results = JSON.parse(readFileSync(resultsFile, 'utf8')) as RunResults;
      else runProblem = `the run inside the namespace ended (${code}) without results`;
    });

    afterAll(() => {
      if (work !== '' && !process.env.KEEP_FEDERATION_E2E) rmSync(work, { recursive: true, force: true });
    });

    const tail = (): string => output.trimEnd().split('\n').slice(-60).join('\n');
    const where = (): string => `(logs under ${work}; KEEP_FEDERATION_E2E=1 keeps that folder)`;

    for (const title of Object.values(AP_SCENARIOS)) {
      it(title, () => {
        if (results === undefined)
          throw new Error(`${runProblem} ${where()}; its output ends with:\n${tail()}`);
        const found = results.testResults.flatMap((f) => f.assertionResults).find((a) => a.title === title);
        if (found === undefined) {
          const problems = results.testResults.filter((f) => f.message !== '').map((f) => f.message);
          throw new Error(`the scenario did not run inside ${where()}\n${problems.join('\n') || tail()}`);
        }
        if (found.status !== 'passed') {
          throw new Error(
            `inside the namespace: ${found.status} ${where()}\n${found.failureMessages.join('\n')}`,
          );
        }
      });
    }
  });
}
