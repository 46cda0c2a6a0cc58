/** One row of the interop table. */
export interface CheckRow {
  readonly what: string;
  readonly direction: string;
  readonly result: 'PASS' | 'FAIL';
  readonly detail: string;
}

/** What a probe found: `ok` ends the wait; `detail` says what was seen (kept for the FAIL row). */
export interface Probe {
  readonly ok: boolean;
  readonly detail: string;
  /** A failure that waiting cannot change: stop polling. */
  readonly final?: boolean;
}

const POLL_MS = 500;

/**
 * The PASS/FAIL rows of one run. Each check polls its probe until it holds or its deadline passes; nothing
 * waits for a fixed time, and a probe that throws counts as "not yet" with the error as its detail.
 */
export class Checklist {
  readonly rows: CheckRow[] = [];

  constructor(private readonly deadlineMs: number) {}

  async check(what: string, direction: string, probe: () => Promise<Probe>): Promise<boolean> {
    const started = Date.now();
    let last: Probe;
    while (true) {
      try {
        last = await probe();
      } catch (error) {
        last = { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
      if (last.ok || last.final === true || Date.now() - started > this.deadlineMs) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    this.rows.push({
      what,
      direction,
      result: last.ok ? 'PASS' : 'FAIL',
      detail: last.ok
        ? `${last.detail} (${seconds} s)`.trim()
        : `${last.detail} (gave up after ${seconds} s)`,
    });
    return last.ok;
  }

  /** A step that must not be retried (an API call): its failure is a FAIL row, and the run goes on. */
  async step<T>(what: string, direction: string, action: () => Promise<T>): Promise<T | undefined> {
    try {
      const value = await action();
      this.rows.push({ what, direction, result: 'PASS', detail: '' });
      return value;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.rows.push({ what, direction, result: 'FAIL', detail });
      return undefined;
    }
  }

  get passed(): boolean {
    return this.rows.every((row) => row.result === 'PASS');
  }

  table(): string {
    const header = ['#', 'Check', 'Direction', 'Result', 'Detail'];
    const lines = this.rows.map((row, index) => [
      String(index + 1),
      row.what,
      row.direction,
      row.result,
      row.detail.replace(/\s+/g, ' ').slice(0, 160),
    ]);
    const widths = header.map((title, column) =>
      Math.min(column === 4 ? 160 : 60, Math.max(title.length, ...lines.map((line) => line[column].length))),
    );
    const format = (cells: string[]): string =>
      `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
    const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
    const passed = this.rows.filter((row) => row.result === 'PASS').length;
    return [format(header), rule, ...lines.map(format), '', `${passed} of ${this.rows.length} passed`].join(
      '\n',
    );
  }
}
