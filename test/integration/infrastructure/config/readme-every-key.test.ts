import { readFileSync } from 'node:fs';

import { README_PATH, everyKeyRows, readmeRows } from '../../../../scripts/every-key-table';

describe("the README's every-key table", () => {
  it('shows each key of the settings table once, as the table describes it (else: npm run docs:config)', () => {
    const readme = readmeRows(readFileSync(README_PATH, 'utf8'));
    expect(readme).toEqual(everyKeyRows());
  });
});
