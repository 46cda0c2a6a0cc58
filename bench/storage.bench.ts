/**
 * Stream storage benchmark: append throughput and page latency for each adapter, in a short stream and in a
 * long one, printed with the ratio between the two sizes. A page deep in a long stream must cost about what it
 * costs in a short one, so the ratios should stay near 1.
 *
 * Usage: npm run bench:storage [-- --sizes 1000,1000000 --adapters memory,sqlite]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Storage } from '../src/application/ports/storage/unit-of-work.port';
import { createMemoryStorage } from '../src/adapters/storage/memory/memory-storage';
import { openSqliteStorage } from '../src/adapters/storage/sqlite/sqlite-storage';

const systemClock = { now: () => new Date() };

interface Subject {
  name: string;
  open(): { storage: Storage; cleanup(): void };
}

const subjects: Subject[] = [
  {
    name: 'memory',
    open: () => ({ storage: createMemoryStorage({ clock: systemClock }), cleanup: () => undefined }),
  },
  {
    name: 'sqlite',
    open: () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pumphouse-bench-'));
      const storage = openSqliteStorage({ file: path.join(dir, 'bench.sqlite'), clock: systemClock });
      return { storage, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  },
];

const FILL_BATCH = 10_000;
const APPENDS = 5_000;
const PAGE_READS = 2_000;
const PAGE_SIZE = 20;

const item = (n: number): string => `https://bench.example/api/activity/${n.toString(36).padStart(8, '0')}`;

async function fill(storage: Storage, stream: string, size: number): Promise<void> {
  for (let start = 0; start < size; start += FILL_BATCH) {
    const end = Math.min(size, start + FILL_BATCH);
    await storage.run(async (tx) => {
      for (let n = start; n < end; n++) await tx.streams.append(stream, item(n));
    });
  }
}

/** Runs `op` `times` times and answers the median and p99 latency in microseconds. */
async function latency(
  times: number,
  op: (i: number) => Promise<unknown>,
): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    await op(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(times * 0.5)], p99: samples[Math.floor(times * 0.99)] };
}

interface Figures {
  appendsPerSecond: number;
  [metric: string]: number;
}

async function measure(storage: Storage, size: number): Promise<Figures> {
  const stream = `bench:${size}`;
  await fill(storage, stream, size);
  const figures: Figures = { appendsPerSecond: 0 };

  const pages: Record<string, (i: number) => Promise<unknown>> = {
    'head page (offset 0)': () => storage.streams.page(stream, { count: PAGE_SIZE }),
    'deep page (offset)': (i) =>
      storage.streams.page(stream, { count: PAGE_SIZE, offset: size - PAGE_SIZE - (i % 100) }),
    'deep page (before)': (i) =>
      storage.streams.page(stream, { count: PAGE_SIZE, before: item(PAGE_SIZE + (i % 100)) }),
    'deep page (since)': (i) => storage.streams.page(stream, { count: PAGE_SIZE, since: item(i % 100) }),
    count: () => storage.streams.count(stream),
  };
  for (const [name, op] of Object.entries(pages)) {
    const { p50, p99 } = await latency(PAGE_READS, op);
    figures[`${name} p50 µs`] = p50;
    figures[`${name} p99 µs`] = p99;
  }

  const start = process.hrtime.bigint();
  for (let n = 0; n < APPENDS; n++) await storage.streams.append(stream, item(size + n));
  figures.appendsPerSecond = APPENDS / (Number(process.hrtime.bigint() - start) / 1e9);
  return figures;
}

const format = (value: number): string => (value >= 100 ? Math.round(value).toString() : value.toFixed(1));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,1000000' },
      adapters: { type: 'string', default: 'memory,sqlite' },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const wanted = new Set(values.adapters.split(','));
  const [small, large] = [sizes[0], sizes[sizes.length - 1]];

  console.log(
    `Stream storage, ${APPENDS} single appends, ${PAGE_READS} reads of ${PAGE_SIZE} items per metric\n`,
  );
  console.log(
    '| adapter | metric | ' +
      sizes.map((s) => `${s.toLocaleString('en')} items`).join(' | ') +
      ` | ratio ${large}/${small} |`,
  );
  console.log('|---|---|' + sizes.map(() => '---|').join('') + '---|');
  for (const subject of subjects.filter((s) => wanted.has(s.name))) {
    const results: Figures[] = [];
    for (const size of sizes) {
      const { storage, cleanup } = subject.open();
      try {
        results.push(await measure(storage, size));
      } finally {
        await storage.close();
        cleanup();
      }
    }
    for (const metric of Object.keys(results[0])) {
      const row = results.map((r) => format(r[metric]));
      const ratio = results[results.length - 1][metric] / results[0][metric];
      console.log(`| ${subject.name} | ${metric} | ${row.join(' | ')} | ${ratio.toFixed(2)} |`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
