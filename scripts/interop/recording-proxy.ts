import { appendFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';

/** The User-Agent of the interop driver's own requests, so the record can tell them from a peer's. */
export const DRIVER_USER_AGENT = 'pumpio-interop-driver/1';

/** One request that reached a node through its proxy, and what the node answered. */
export interface Exchange {
  readonly at: string;
  /** The public name of the node the request was for (e.g. house-a.test). */
  readonly node: string;
  /** `driver` for the interop script's own API calls, `peer` for everything else (the other server). */
  readonly from: 'driver' | 'peer';
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: Record<string, string>;
  readonly requestBody: string;
  readonly status: number;
  readonly responseHeaders: Record<string, string>;
  readonly responseBody: string;
  readonly error?: string;
}

export interface RecordingProxy {
  readonly exchanges: Exchange[];
  close(): Promise<void>;
}

export interface ProxyOptions {
  readonly node: string;
  readonly listen: { host: string; port: number };
  readonly upstream: { host: string; port: number };
  /** Every exchange is appended to this file as one JSON line. */
  readonly logFile: string;
}

const BODY_LIMIT = 8000;
// Headers that describe one hop's connection, not the message: the proxy re-frames the body it buffered.
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/**
 * A reverse proxy in front of one node that records every exchange in full (headers and bodies), so the report
 * can show exactly what pump.io sent to Pumphouse and what it got back. Bodies are buffered (they are small
 * here); headers are passed on as they came, with their original case, except the hop-by-hop ones.
 */
export function startRecordingProxy(options: ProxyOptions): Promise<RecordingProxy> {
  const exchanges: Exchange[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const requestHeaders = headerObject(req.rawHeaders);
      const upstream = request(
        {
          host: options.upstream.host,
          port: options.upstream.port,
          method: req.method,
          path: req.url,
          headers: withoutHopHeaders(requestHeaders, body.length),
          agent: false,
          timeout: 60_000,
        },
        (answer) => {
          void readBody(answer).then((answerBody) => {
            const responseHeaders = headerObject(answer.rawHeaders);
            remember(req, requestHeaders, body, answer.statusCode ?? 0, responseHeaders, answerBody);
            res.writeHead(answer.statusCode ?? 502, withoutHopHeaders(responseHeaders, answerBody.length));
            res.end(answerBody);
          });
        },
      );
      upstream.on('timeout', () => upstream.destroy(new Error('upstream timed out')));
      upstream.on('error', (error) => {
        remember(req, requestHeaders, body, 502, {}, Buffer.alloc(0), error.message);
        if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end(`recording proxy: ${error.message}`);
      });
      upstream.end(body);
    });
  });

  function remember(
    req: IncomingMessage,
    requestHeaders: Record<string, string>,
    body: Buffer,
    status: number,
    responseHeaders: Record<string, string>,
    answerBody: Buffer,
    error?: string,
  ): void {
    const exchange: Exchange = {
      at: new Date().toISOString(),
      node: options.node,
      from: req.headers['user-agent'] === DRIVER_USER_AGENT ? 'driver' : 'peer',
      method: req.method ?? '?',
      url: req.url ?? '?',
      requestHeaders,
      requestBody: clip(body),
      status,
      responseHeaders,
      responseBody: clip(answerBody),
      ...(error === undefined ? {} : { error }),
    };
    exchanges.push(exchange);
    appendFileSync(options.logFile, `${JSON.stringify(exchange)}\n`);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listen.port, options.listen.host, () => {
      resolve({
        exchanges,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function readBody(message: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', () => resolve(Buffer.concat(chunks)));
  });
}

/** Raw header pairs as an object that keeps the sender's spelling; repeated headers are joined with ", ". */
function headerObject(raw: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    headers[name] = name in headers ? `${headers[name]}, ${raw[i + 1]}` : (raw[i + 1] as string);
  }
  return headers;
}

function withoutHopHeaders(headers: Record<string, string>, length: number): Record<string, string> {
  const kept = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_HEADERS.has(name.toLowerCase())),
  );
  const framed = Object.keys(headers).some((name) =>
    ['content-length', 'transfer-encoding'].includes(name.toLowerCase()),
  );
  // A bodiless message that came without framing headers is passed on without them too.
  return length === 0 && !framed ? kept : { ...kept, 'Content-Length': String(length) };
}

function clip(body: Buffer): string {
  const text = body.toString('utf8');
  return text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT)}… (${text.length} chars)` : text;
}
