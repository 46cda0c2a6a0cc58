import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PinoLogger } from '../../../src/adapters/system/pino-logger';

describe('PinoLogger to a file', () => {
  it('appends to a log file, creating its folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pumphouse-log-'));
    try {
      const path = join(dir, 'logs', 'pumphouse.log');
      PinoLogger.create({ level: 'info', destination: { kind: 'file', path } }).info({ n: 1 }, 'first');
      PinoLogger.create({ level: 'info', destination: { kind: 'file', path } }).info({ n: 2 }, 'second');
      const entries = readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(entries.map((entry) => entry.msg)).toEqual(['first', 'second']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
