import { type FileRun } from './run-file';
import { LOCAL_PATH } from './vows-results';

export interface Measurement {
  readonly commit: string;
  readonly date: string;
  readonly pumpioVersion: string;
  readonly pumpioNodeVersion: string;
  readonly pumphouseNodeVersion: string;
  readonly deadlineSeconds: number;
  readonly runs: readonly FileRun[];
  readonly inProcess: readonly string[];
}

const MESSAGE_CHARS = 300;
const ERROR_ANSWERS_SHOWN = 12;

export function passed(run: FileRun): boolean {
  return (
    run.complete &&
    !run.timedOut &&
    run.exitCode === 0 &&
    run.honored > 0 &&
    run.broken + run.errored + run.dropped === 0
  );
}

function verdict(run: FileRun): string {
  if (passed(run)) return 'pass';
  const why: string[] = [];
  if (run.timedOut) why.push('deadline');
  if (run.servers.some((start) => start.outcome !== 'listening')) why.push('config refused');
  if (!run.complete && !run.timedOut) why.push(`exit ${run.exitCode}`);
  return why.length > 0 ? `FAIL (${why.join(', ')})` : 'FAIL';
}

export function table(measurement: Measurement): string {
  const rows = measurement.runs.map(
    (run) =>
      `| ${run.file} | ${run.honored} | ${run.broken} | ${run.errored} | ${run.dropped} | ${run.seconds} | ${verdict(run)} |`,
  );
  const sum = (pick: (run: FileRun) => number): number =>
    measurement.runs.reduce((total, run) => total + pick(run), 0);
  const honored = sum((run) => run.honored);
  const total = sum((run) => run.honored + run.broken + run.errored + run.dropped);
  const passing = measurement.runs.filter(passed).length;
  return [
    '| File | Honored | Broken | Errored | Dropped | Seconds | Result |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    `| **Total: ${passing} of ${measurement.runs.length} files pass** | ${honored} | ${sum((run) => run.broken)} | ` +
      `${sum((run) => run.errored)} | ${sum((run) => run.dropped)} | ${sum((run) => run.seconds)} | ` +
      `${total === 0 ? 0 : ((100 * honored) / total).toFixed(1)}% honored |`,
  ].join('\n');
}

export function document(measurement: Measurement): string {
  const refused = measurement.runs.flatMap((run) =>
    run.servers
      .filter((start) => start.outcome !== 'listening')
      .map(
        (start) =>
          `- ${run.file}, server ${start.server} (${start.outcome}): ${firstWords(start.output ?? '')}`,
      ),
  );
  const stripped = [
    ...new Set(measurement.runs.flatMap((run) => run.servers.flatMap((s) => s.strippedVariables))),
  ];
  const failing = measurement.runs.filter((run) => !passed(run));
  return [
    "# pump.io's own test suite against Pumphouse",
    '',
    `Measured ${measurement.date} on commit ${measurement.commit}, with pump.io ${measurement.pumpioVersion}'s ` +
      `\`test/*-e2e-test.js\` (vows, Node ${measurement.pumpioNodeVersion}); every test server is ` +
      `\`pumphouse start -c <the test's config>\` on Node ${measurement.pumphouseNodeVersion}. One file per ` +
      `process, each in its own network namespace, deadline ${measurement.deadlineSeconds} s per file. ` +
      'Rerun with `npm run conformance` (README, "Conformance with pump.io\'s test suite").',
    '',
    "Honored, broken and errored are vows' own counts; dropped vows never ran because their batch stopped.",
    '',
    table(measurement),
    '',
    `Not run: ${measurement.inProcess.join(', ') || 'none'} (they load pump.io's lib/app.js in-process and test ` +
      'that module, not a server).',
    '',
    '## Configs Pumphouse did not start with',
    '',
    ...(refused.length > 0 ? refused : ['None: Pumphouse listened with every config the tests wrote.']),
    '',
    `PUMPIO_*/PUMPHOUSE_* variables set by the tests themselves (kept from the servers): ${stripped.join(', ') || 'none'}.`,
    '',
    '## Failing vows',
    '',
    ...failing.flatMap((run) => [
      `### ${run.file}`,
      '',
      ...(run.timedOut ? ['- (the file did not finish within its deadline)'] : []),
      ...(run.crash ? [`- (the test process printed: ${clip(run.crash)})`] : []),
      ...run.failures.map(
        (failure) =>
          `- ${failure.status}: ${failure.context} » ${failure.title}: ${clip(failure.message || '(no message)')}`,
      ),
      '',
      ...(run.errorAnswers.length > 0
        ? [
            'Answers of 400 or more the test read:',
            '',
            ...run.errorAnswers
              .slice(0, ERROR_ANSWERS_SHOWN)
              .map((answer) => `- \`${answer.replace(/`/g, "'")}\``),
            ...(run.errorAnswers.length > ERROR_ANSWERS_SHOWN
              ? [
                  `- ... and ${run.errorAnswers.length - ERROR_ANSWERS_SHOWN} more (responses.jsonl in its folder)`,
                ]
              : []),
            '',
          ]
        : []),
    ]),
  ].join('\n');
}

function clip(text: string): string {
  const flat = text.replace(/\|/g, '\\|');
  return flat.length > MESSAGE_CHARS ? `${flat.slice(0, MESSAGE_CHARS)}…` : flat;
}

/** The reason Pumphouse gave for not starting: its stderr, without log noise. */
function firstWords(output: string): string {
  const words = output.replace(/\s+/g, ' ').replace(LOCAL_PATH, '$1').trim();
  return clip(words || '(no output)');
}
