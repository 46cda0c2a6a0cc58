import { readFileSync } from 'node:fs';

/** The parts of a V8 .cpuprofile (Chrome DevTools Protocol Profiler.Profile) this summary reads. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: {
      readonly functionName: string;
      readonly url: string;
      readonly lineNumber: number;
    };
    readonly hitCount?: number;
  }[];
  readonly samples?: readonly number[];
}

/** Where a frame's code lives: "ours" for this repository's files, the package name for node_modules, else the URL. */
export function codeOwner(url: string): string {
  const at = url.lastIndexOf('node_modules/');
  if (at !== -1) {
    const rest = url.slice(at + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.includes('/dist/') || url.includes('/src/')) return 'ours';
  return url === '' ? '(native)' : url.replace(/^node:/, 'node:');
}

/** Self time per frame (function, file, line), as shares of all samples, largest first. */
export function selfShares(profile: CpuProfile): { frame: string; owner: string; share: number }[] {
  const hits = new Map<number, number>();
  for (const id of profile.samples ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);
  const totals = new Map<string, { owner: string; hits: number }>();
  let all = 0;
  for (const node of profile.nodes) {
    const count = profile.samples === undefined ? (node.hitCount ?? 0) : (hits.get(node.id) ?? 0);
    if (count === 0) continue;
    all += count;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^.*\/(node_modules|dist|src)\//, '$1/');
    const frame = `${functionName || '(anonymous)'} ${file}${url === '' ? '' : `:${lineNumber + 1}`}`;
    const entry = totals.get(frame) ?? { owner: codeOwner(url), hits: 0 };
    entry.hits += count;
    totals.set(frame, entry);
  }
  return [...totals.entries()]
    .map(([frame, { owner, hits: count }]) => ({ frame, owner, share: all === 0 ? 0 : count / all }))
    .sort((a, b) => b.share - a.share);
}

/** Self time per owner (ours, a package, node internals, native), as shares, largest first. */
export function ownerShares(profile: CpuProfile): { owner: string; share: number }[] {
  const byOwner = new Map<string, number>();
  for (const { owner, share } of selfShares(profile)) byOwner.set(owner, (byOwner.get(owner) ?? 0) + share);
  return [...byOwner.entries()].map(([owner, share]) => ({ owner, share })).sort((a, b) => b.share - a.share);
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Lines for a report: the top self-time frames of a profile file, then the shares per owner. */
export function topSelfFrames(file: string, count: number): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  return [
    ...selfShares(profile)
      .slice(0, count)
      .map(({ frame, share }) => `  ${percent(share)}  ${frame}`),
    `  by owner: ${ownerShares(profile)
      .slice(0, 12)
      .map(({ owner, share }) => `${owner} ${percent(share)}`)
      .join(', ')}`,
  ];
}

/** The parts of a V8 .heapsnapshot this summary reads. */
interface HeapSnapshot {
  readonly snapshot: { readonly meta: { readonly node_fields: string[]; readonly node_types: [string[]] } };
  readonly nodes: number[];
  readonly strings: string[];
}

/** Bytes and counts per class (constructor name, or the node type for strings, code, arrays...) of a snapshot. */
export function summarizeHeapSnapshot(file: string): Map<string, { bytes: number; count: number }> {
  return summarizeHeap(JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshot);
}

export function summarizeHeap(heap: HeapSnapshot): Map<string, { bytes: number; count: number }> {
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const classes = new Map<string, { bytes: number; count: number }>();
  for (let i = 0; i < heap.nodes.length; i += width) {
    const type = types[heap.nodes[i + typeAt]];
    const name = type === 'object' || type === 'closure' ? heap.strings[heap.nodes[i + nameAt]] : `(${type})`;
    const entry = classes.get(name) ?? { bytes: 0, count: 0 };
    entry.bytes += heap.nodes[i + sizeAt];
    entry.count += 1;
    classes.set(name, entry);
  }
  return classes;
}

/** Lines for a report: the classes whose bytes grew most from `before` to `after`, with counts. */
export function heapGrowth(
  before: Map<string, { bytes: number; count: number }>,
  after: Map<string, { bytes: number; count: number }>,
  count: number,
): string[] {
  const total = (heap: Map<string, { bytes: number }>) => [...heap.values()].reduce((s, e) => s + e.bytes, 0);
  const rows = [...after.entries()]
    .map(([name, { bytes, count: n }]) => {
      const was = before.get(name) ?? { bytes: 0, count: 0 };
      return { name, grew: bytes - was.bytes, bytes, n, wasN: was.count };
    })
    .sort((a, b) => b.grew - a.grew)
    .slice(0, count);
  const mib = (bytes: number) => (bytes / 1048576).toFixed(2);
  return [
    `  heap total ${mib(total(before))} → ${mib(total(after))} MiB`,
    ...rows.map((r) => `  +${mib(r.grew)} MiB  ${r.name} (${r.wasN} → ${r.n} objects, ${mib(r.bytes)} MiB)`),
  ];
}
