/** Figures of one rate measurement: requests per second with latency percentiles, and failures. */
export interface RateFigures {
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly failures: number;
}

/** Resident memory (MiB) of a master and of each of its workers. */
export interface MemoryFigures {
  readonly master: number;
  readonly workers: readonly number[];
}

/** What one run of one server measured. */
export interface RunFigures {
  readonly label: string;
  /** /proc/loadavg's 1, 5 and 15-minute figures when the run started. */
  readonly load: string;
  readonly atStart: MemoryFigures;
  readonly afterWork: MemoryFigures;
  readonly posts: RateFigures;
  readonly reads: RateFigures;
}

/** One column of the table: the medians over rounds, and every run's load average. */
export interface Column {
  readonly label: string;
  readonly loads: readonly string[];
  readonly atStart: MemoryFigures;
  readonly afterWork: MemoryFigures;
  readonly posts: RateFigures;
  readonly reads: RateFigures;
}

/** The median of some numbers (the mean of the middle two when there is an even count); NaN when there are none. */
export function medianOf(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function medianRate(runs: readonly RateFigures[]): RateFigures {
  return {
    perSecond: medianOf(runs.map((r) => r.perSecond)),
    p50Ms: medianOf(runs.map((r) => r.p50Ms)),
    p95Ms: medianOf(runs.map((r) => r.p95Ms)),
    failures: runs.reduce((sum, r) => sum + r.failures, 0),
  };
}

function medianMemory(runs: readonly MemoryFigures[]): MemoryFigures {
  const workerCount = Math.max(0, ...runs.map((r) => r.workers.length));
  return {
    master: medianOf(runs.map((r) => r.master)),
    workers: Array.from({ length: workerCount }, (_, i) =>
      medianOf(runs.flatMap((r) => (i < r.workers.length ? [r.workers[i]] : []))),
    ),
  };
}

/** Folds the runs of one server into its column: each figure is the median over the runs; failures add up. */
export function median(label: string, runs: readonly RunFigures[]): Column {
  return {
    label: runs[0]?.label ?? label,
    loads: runs.map((r) => r.load),
    atStart: medianMemory(runs.map((r) => r.atStart)),
    afterWork: medianMemory(runs.map((r) => r.afterWork)),
    posts: medianRate(runs.map((r) => r.posts)),
    reads: medianRate(runs.map((r) => r.reads)),
  };
}

const mib = (m: MemoryFigures): string =>
  [m.master, ...m.workers].map((v) => (Number.isNaN(v) ? '?' : v.toFixed(0))).join(' + ');

function rate(figures: RateFigures, reference: RateFigures | null): string {
  const ratio = reference === null ? '' : ` (${(figures.perSecond / reference.perSecond).toFixed(1)}×)`;
  const failed = figures.failures > 0 ? `, ${figures.failures} failed` : '';
  return `${figures.perSecond.toFixed(0)}${ratio}; p50 ${figures.p50Ms.toFixed(1)} / p95 ${figures.p95Ms.toFixed(1)} ms${failed}`;
}

/**
 * The markdown table of issue 17: one column per server, rates with their ratio to the reference column (pump.io;
 * none when `referenceIndex` is null) and p50/p95 latency, memory of master + workers, and the load averages.
 */
export function renderTable(
  columns: readonly Column[],
  referenceIndex: number | null,
  posts: number,
): string {
  const reference = referenceIndex === null ? null : columns[referenceIndex];
  const cells = (make: (column: Column, index: number) => string) =>
    `| ${columns.map((column, index) => make(column, index)).join(' | ')} |`;
  const ratioAgainst = (index: number) => (reference === null || index === referenceIndex ? null : reference);
  return [
    `| | ${columns.map((c) => c.label).join(' | ')} |`,
    `| --- | ${columns.map(() => '---').join(' | ')} |`,
    `| posts/s ${cells((c, i) => rate(c.posts, ratioAgainst(i) === null ? null : (ratioAgainst(i) as Column).posts))}`,
    `| inbox reads/s ${cells((c, i) => rate(c.reads, ratioAgainst(i) === null ? null : (ratioAgainst(i) as Column).reads))}`,
    `| RSS at start (master + workers, MiB) ${cells((c) => mib(c.atStart))}`,
    `| RSS after ${posts} posts and the reads (MiB) ${cells((c) => mib(c.afterWork))}`,
    `| load average at the start of each run ${cells((c) => c.loads.join('; '))}`,
  ].join('\n');
}
