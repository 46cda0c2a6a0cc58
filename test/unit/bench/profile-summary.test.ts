import {
  codeOwner,
  heapGrowth,
  ownerShares,
  selfShares,
  summarizeHeap,
} from '../../../bench/support/profile-summary';

const frame = (id: number, functionName: string, url: string, lineNumber = 0) => ({
  id,
  callFrame: { functionName, url, lineNumber },
});

describe('codeOwner', () => {
  it('names ours, a package (scoped too), or the URL', () => {
    expect(codeOwner('file:///work/x/dist/adapters/a.js')).toBe('ours');
    expect(codeOwner('/work/main/node_modules/express/lib/response.js')).toBe('express');
    expect(codeOwner('/work/main/node_modules/@inversifyjs/core/lib/x.js')).toBe('@inversifyjs/core');
    expect(codeOwner('node:internal/crypto/hash')).toBe('node:internal/crypto/hash');
    expect(codeOwner('')).toBe('(native)');
  });
});

describe('selfShares and ownerShares', () => {
  it('counts the samples of each frame, largest first, and sums them per owner', () => {
    const profile = {
      nodes: [
        frame(1, '(root)', ''),
        frame(2, 'save', '/w/dist/adapters/storage/s.js', 28),
        frame(3, 'stringify', '/w/node_modules/express/lib/response.js', 1025),
      ],
      samples: [2, 2, 2, 3],
    };
    expect(selfShares(profile)).toEqual([
      { frame: 'save dist/adapters/storage/s.js:29', owner: 'ours', share: 0.75 },
      { frame: 'stringify node_modules/express/lib/response.js:1026', owner: 'express', share: 0.25 },
    ]);
    expect(ownerShares(profile)).toEqual([
      { owner: 'ours', share: 0.75 },
      { owner: 'express', share: 0.25 },
    ]);
  });
});

describe('summarizeHeap and heapGrowth', () => {
  const snapshot = (nodes: number[]) => ({
    snapshot: {
      meta: {
        node_fields: ['type', 'name', 'self_size'],
        node_types: [['object', 'string', 'code']] as [string[]],
      },
    },
    nodes,
    strings: ['Map', 'Object', ''],
  });

  it('sums self sizes per constructor, and per type for the rest, and lists what grew most', () => {
    const before = summarizeHeap(snapshot([0, 0, 100, 0, 1, 50, 1, 2, 10]));
    const after = summarizeHeap(snapshot([0, 0, 100, 0, 0, 2097152, 0, 1, 50, 1, 2, 10]));
    expect(before.get('Map')).toEqual({ bytes: 100, count: 1 });
    expect(before.get('(string)')).toEqual({ bytes: 10, count: 1 });
    const lines = heapGrowth(before, after, 1);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('  +2.00 MiB  Map (1 → 2 objects, 2.00 MiB)');
  });
});
