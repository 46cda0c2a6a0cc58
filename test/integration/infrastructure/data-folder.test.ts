import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureDataFolder } from '../../../src/infrastructure/config/data-folder';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('ensureDataFolder', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'pumphouse-data-folder-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates a missing folder and its missing parents owner-only', () => {
    const dataDir = join(root, 'new', 'data');
    ensureDataFolder(dataDir);
    expect(modeOf(join(root, 'new'))).toBe(0o700);
    expect(modeOf(dataDir)).toBe(0o700);
  });

  it('makes an existing folder readable by all owner-only again, and leaves its parent alone', () => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    chmodSync(root, 0o755);
    ensureDataFolder(dataDir);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(root)).toBe(0o755);
  });
});
