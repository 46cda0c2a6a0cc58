/**
 * Reads what `vows --json --no-color` printed for one file: one JSON array-like object per line
 * (`{"0":"vow","1":{title, context, status, exception}}`, `{"0":"finish","1":{honored, broken, ...}}`), and when a
 * topic never called back, `{"0":"error","1":{error: "callback not fired", context}}` followed by a plain summary
 * line (`✗ Errored » 3 honored ∙ 1 errored`) instead of `finish`; on the Node that runs pump.io, vows crashes on
 * `util.puts` before that line, and the counts are the tally of what it printed.
 */
export interface VowFailure {
  readonly context: string;
  readonly title: string;
  readonly status: 'broken' | 'errored';
  /** The assertion or error message, as vows printed it. */
  readonly message: string;
}

export interface FileResult {
  readonly honored: number;
  readonly broken: number;
  readonly errored: number;
  /** Vows that never ran because their batch stopped (vows' "dropped"). */
  readonly dropped: number;
  /** Where the counts come from: the end of the run, or a tally of what was printed before the deadline. */
  readonly complete: boolean;
  readonly failures: readonly VowFailure[];
  /** The first error line outside vows' JSON (a file that cannot load, a crash), if any. */
  readonly crash: string | null;
}

interface Counts {
  honored: number;
  broken: number;
  errored: number;
  dropped: number;
}

/** A file on this machine (not a URL's path): the folders name a throwaway copy, the file name is what matters. */
export const LOCAL_PATH = /(?<![\w:/])\/(?:tmp|work|root|home|usr|var|opt)\/(?:[^/\s'"()]+\/)*([^/\s'"()]+)/g;

const SUMMARY = /[✓✗-] (OK|Broken|Errored|Pending) » (.*)$/;

export function parseVowsOutput(output: string): FileResult {
  const failures: VowFailure[] = [];
  const tally: Counts = { honored: 0, broken: 0, errored: 0, dropped: 0 };
  let finished: Counts | null = null;
  let summary: Counts | null = null;
  let crash: string | null = null;
  for (const line of output.split('\n')) {
    const event = jsonEvent(line);
    if (event) {
      const [kind, body] = event;
      if (kind === 'vow') {
        const status = String(body.status);
        if (status === 'honored') tally.honored += 1;
        if (status === 'broken' || status === 'errored') {
          tally[status] += 1;
          failures.push({
            context: String(body.context ?? ''),
            title: String(body.title ?? ''),
            status,
            message: messageOf(body.exception),
          });
        }
      } else if (kind === 'error') {
        // On Node 12 and later vows then crashes (util.puts) before its summary: count the topic here.
        tally.errored += 1;
        failures.push({
          context: String(body.context ?? ''),
          title: '(topic)',
          status: 'errored',
          message: String(body.error ?? 'error'),
        });
      } else if (kind === 'finish') {
        finished = counts(body);
      }
      continue;
    }
    const match = SUMMARY.exec(line.trim());
    if (match) summary = countsFromSummary(match[2]);
    else if (crash === null && /^\w*Error\b/.test(line)) crash = messageOf(line);
  }
  const final = summary ?? finished;
  return { ...(final ?? tally), complete: final !== null, failures, crash };
}

function jsonEvent(line: string): [string, Record<string, unknown>] | null {
  if (!line.startsWith('{"0":')) return null;
  try {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    const body = parsed['1'];
    return [
      String(parsed['0']),
      body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {},
    ];
  } catch {
    return null;
  }
}

function messageOf(exception: unknown): string {
  if (exception === null || exception === undefined) return '';
  // vows prints assertion messages with its own layout: keep the words and the test file's line (the run
  // passes --no-color), drop the indentation, the stack below the first frame and the folders (they name a throwaway copy).
  return String(exception)
    .replace(/\s+/g, ' ')
    .replace(/ \/\/ \S*node_modules\/vows\/\S+/g, '')
    .replace(/( at [^()]*\([^)]*\)).*$/, '$1')
    .replace(LOCAL_PATH, '$1')
    .trim();
}

function counts(body: Record<string, unknown>): Counts {
  const total = Number(body.total ?? 0);
  const honored = Number(body.honored ?? 0);
  const broken = Number(body.broken ?? 0);
  const errored = Number(body.errored ?? 0);
  const pending = Number(body.pending ?? 0);
  return { honored, broken, errored, dropped: Math.max(0, total - honored - broken - errored - pending) };
}

function countsFromSummary(text: string): Counts {
  const result: Counts = { honored: 0, broken: 0, errored: 0, dropped: 0 };
  for (const part of text.split('∙')) {
    const match = /(\d+) (honored|broken|errored|dropped)/.exec(part);
    if (match) result[match[2] as keyof Counts] = Number(match[1]);
  }
  return result;
}
