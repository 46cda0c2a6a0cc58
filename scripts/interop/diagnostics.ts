import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { serverEnv, type RunningNode } from './interop-nodes';
import type { Exchange } from './recording-proxy';

type LogLine = Record<string, unknown>;

// What a log line must mention to matter for federation: the peers' names or one of the server-to-server flows.
const FEDERATION_WORDS =
  /dialback|webfinger|host-meta|lrdd|client\/register|inbox|deliver|remote|discover|credential|proxy|pump-a|house-a/i;
// Request paths of the server-to-server flows (a node's request log lines for other paths are the driver's polls).
const FEDERATION_PATHS = /^\/(\.well-known|api\/lrdd|api\/dialback|api\/client\/register|api\/proxy)/;
const INBOX_PATH = /^\/api\/(user|group)\/[^/]+\/inbox$/;

/**
 * The lines of a JSON-lines log (pump.io's bunyan, Pumphouse's pino) that concern federation, and every warning.
 * `peer` is the other node's name. Lines about the driver's own requests (pump.io tags them with a req_id;
 * Pumphouse's request lines name only a path) are left out unless they are warnings: the recorded exchanges
 * show those requests already.
 */
export function federationLogLines(file: string, peer: string, limit = 80): string[] {
  if (!existsSync(file)) return [`(no log file ${file})`];
  const parsed = readFileSync(file, 'utf8')
    .split('\n')
    .filter((raw) => raw.trim() !== '')
    .map((raw): LogLine | string => {
      try {
        return JSON.parse(raw) as LogLine;
      } catch {
        return raw;
      }
    });
  const driverRequests = new Set(
    parsed
      .filter((line): line is LogLine => typeof line !== 'string' && isDriverRequest(line))
      .map(requestId),
  );
  const lines: string[] = [];
  for (const line of parsed) {
    if (typeof line === 'string') {
      lines.push(line.slice(0, 300));
      continue;
    }
    if (typeof line.level === 'number' && line.level >= 40) {
      lines.push(condense(line));
      continue;
    }
    if (driverRequests.has(requestId(line))) continue;
    if (line.msg === 'request' && !isFederationRequest(line)) continue;
    const text = JSON.stringify({ ...line, req: undefined, res: undefined });
    // Debug lines are many (pump.io logs each local stream it writes to): only those naming the peer matter.
    const debug = typeof line.level === 'number' && line.level < 30;
    if (debug ? text.includes(peer) : FEDERATION_WORDS.test(text)) lines.push(condense(line));
  }
  return lines.length > limit ? [`(… ${lines.length - limit} earlier lines)`, ...lines.slice(-limit)] : lines;
}

/** The exchanges one server had with the other (not the driver's own calls), one line each plus the details. */
export function peerExchanges(exchanges: readonly Exchange[]): string[] {
  return exchanges
    .filter((exchange) => exchange.from === 'peer')
    .map((exchange) => {
      const headers = exchange.requestHeaders;
      const pick = (name: string): string | undefined =>
        Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
      const auth = pick('authorization');
      const parts = [
        `${exchange.at.slice(11, 23)} ${exchange.method} http://${exchange.node}${exchange.url} → ${exchange.status}` +
          (exchange.error === undefined ? '' : ` (${exchange.error})`),
        `    UA: ${pick('user-agent') ?? '-'}; Accept: ${pick('accept') ?? '-'}; Content-Type: ${pick('content-type') ?? '-'}`,
      ];
      if (auth !== undefined) parts.push(`    Authorization: ${auth.slice(0, 240)}`);
      if (exchange.requestBody !== '') parts.push(`    body: ${oneLine(exchange.requestBody, 300)}`);
      parts.push(`    answer: ${oneLine(exchange.responseBody, 300)}`);
      return parts.join('\n');
    });
}

/** `pumphouse ctl deliveries` for a node on the sqlite driver (the memory driver has no readable queue). */
export function pumphouseDeliveries(root: string, node: RunningNode): string {
  const config = JSON.parse(readFileSync(node.configFile, 'utf8')) as { driver?: string };
  if (config.driver !== 'sqlite') return '(memory driver: see the admin page; ctl reads only sqlite)';
  try {
    return execFileSync(
      process.execPath,
      [join(root, 'bin', 'pumphouse.js'), 'ctl', 'deliveries', '-c', node.configFile],
      { cwd: node.dir, env: serverEnv(), timeout: 20_000, encoding: 'utf8' },
    );
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return `${failed.stdout ?? ''}${failed.stderr ?? failed.message}`;
  }
}

/** A request log line of a server-to-server flow: discovery, registration, Dialback, proxy, or an inbox POST. */
function isFederationRequest(line: LogLine): boolean {
  const path = String(line.path ?? '');
  return FEDERATION_PATHS.test(path) || (line.method === 'POST' && INBOX_PATH.test(path));
}

function requestId(line: LogLine): string {
  return String(line.req_id ?? line.reqId ?? '-');
}

function isDriverRequest(line: LogLine): boolean {
  const headers = (line.req as { headers?: Record<string, string> } | undefined)?.headers;
  return headers?.['user-agent']?.startsWith('pumpio-interop-driver') === true;
}

function condense(line: LogLine): string {
  const time = String(line.time ?? '').slice(11, 23);
  const level = String(line.level ?? '');
  const msg = String(line.msg ?? '');
  const req = line.req as { method?: string; url?: string } | undefined;
  const res = line.res as { statusCode?: number } | undefined;
  const err = line.err as { message?: string } | undefined;
  const rest = Object.fromEntries(
    Object.entries(line).filter(
      ([key]) => !['time', 'level', 'msg', 'req', 'res', 'err', 'name', 'hostname', 'pid', 'v'].includes(key),
    ),
  );
  const parts = [time, `L${level}`, msg];
  if (req !== undefined) parts.push(`${req.method} ${req.url} → ${res?.statusCode ?? '?'}`);
  if (err?.message !== undefined) parts.push(`err: ${err.message}`);
  if (Object.keys(rest).length > 0) parts.push(oneLine(JSON.stringify(rest), 300));
  return parts.filter((part) => part !== '').join(' ');
}

function oneLine(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > limit ? `${flat.slice(0, limit)}…` : flat;
}
