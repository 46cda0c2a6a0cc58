import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStorage } from '../../../src/adapters/storage/sqlite/sqlite-storage';
import { FakeClock } from '../../support/fake-clock';
import { describeStorageContract } from './storage.contract';

// A real file per test, as in production (WAL, a second open for durability), in one folder removed at the end.
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pumphouse-sqlite-contract-'));
let opened = 0;

afterAll(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

describeStorageContract(
  'sqlite',
  async () => {
    const clock = new FakeClock();
    opened += 1;
    const file = path.join(folder, `store-${opened}.sqlite`);
    return {
      storage: openSqliteStorage({ file, clock }),
      clock,
      reopen: async () => openSqliteStorage({ file, clock }),
      cleanup: async () => {
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
      },
    };
  },
  { durable: true },
);
