import { median, medianOf, renderTable, type RunFigures } from '../../../bench/support/compare-table';

const run = (label: string, posts: number, reads: number, load: string, workerRss: number[]): RunFigures => ({
  label,
  load,
  atStart: { master: 60, workers: workerRss },
  afterWork: { master: 61, workers: workerRss.map((v) => v + 10) },
  posts: { perSecond: posts, p50Ms: posts / 10, p95Ms: posts / 5, failures: 0 },
  reads: { perSecond: reads, p50Ms: 1, p95Ms: 2, failures: 1 },
});

describe('medianOf', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even one', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([])).toBeNaN();
  });
});

describe('median of runs', () => {
  it('takes each figure as the median over rounds, adds up failures and keeps every load average', () => {
    const column = median('x', [
      run('A', 100, 10, 'l1', [100, 110]),
      run('A', 300, 30, 'l2', [120, 90]),
      run('A', 200, 20, 'l3', [110, 100]),
    ]);
    expect(column.posts.perSecond).toBe(200);
    expect(column.posts.p95Ms).toBe(40);
    expect(column.reads.failures).toBe(3);
    expect(column.atStart.workers).toEqual([110, 100]);
    expect(column.loads).toEqual(['l1', 'l2', 'l3']);
  });
});

describe('renderTable', () => {
  const reference = median('pump.io', [run('pump.io', 100, 50, '1.00 1.00 1.00', [115])]);
  const ours = median('ours', [run('Pumphouse', 250, 500, '2.00 2.00 2.00', [90, 95])]);

  it('gives every rate with its ratio to the reference column and its p50/p95', () => {
    const table = renderTable([reference, ours], 0, 1000);
    expect(table).toContain('| posts/s | 100; p50 10.0 / p95 20.0 ms | 250 (2.5×); p50 25.0 / p95 50.0 ms |');
    expect(table).toContain('| inbox reads/s | 50; p50 1.0 / p95 2.0 ms, 1 failed | 500 (10.0×);');
    expect(table).toContain('| RSS at start (master + workers, MiB) | 60 + 115 | 60 + 90 + 95 |');
    expect(table).toContain('| RSS after 1000 posts and the reads (MiB) | 61 + 125 | 61 + 100 + 105 |');
    expect(table).toContain('| load average at the start of each run | 1.00 1.00 1.00 | 2.00 2.00 2.00 |');
  });

  it('gives no ratios without a reference column', () => {
    expect(renderTable([reference, ours], null, 10)).not.toContain('×');
  });
});
