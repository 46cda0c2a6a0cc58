import { type ClientRequest, type IncomingMessage, request } from 'node:http';
import type { AddressInfo, Server } from 'node:net';

import type { Express } from 'express';

/** One server-sent event as the WHATWG parser reads it. */
export interface SseEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
}

/** An app listening on 127.0.0.1 (SSE needs a real socket: supertest buffers the whole response). */
export async function listen(app: Express): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const running = app.listen(0, '127.0.0.1', () => resolve(running));
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections(): void }).closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Reads an event stream as EventSource would (fields `id`, `event`, `data`, comments), and waits on conditions
 * with a deadline: no sleeps.
 */
export class SseReader {
  readonly events: SseEvent[] = [];
  comments = 0;
  ended = false;
  body = '';
  private buffer = '';
  private waiters: (() => void)[] = [];

  private constructor(
    readonly response: IncomingMessage,
    private readonly req: ClientRequest,
  ) {
    response.setEncoding('utf8');
    response.on('data', (text: string) => {
      this.body += text;
      this.buffer += text;
      this.parse();
      this.wake();
    });
    const end = () => {
      this.ended = true;
      this.wake();
    };
    response.on('end', end);
    response.on('close', end);
    response.on('error', end);
  }

  static open(port: number, path: string, headers: Record<string, string>): Promise<SseReader> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          headers: { Host: 'localhost:31337', Accept: 'text/event-stream', ...headers },
        },
        (response) => resolve(new SseReader(response, req)),
      );
      req.on('error', reject);
      req.end();
    });
  }

  get status(): number {
    return this.response.statusCode ?? 0;
  }

  /** The events named `event`, their data parsed as JSON. */
  data<T = Record<string, unknown>>(event: string): T[] {
    return this.events.filter((each) => each.event === event).map((each) => JSON.parse(each.data) as T);
  }

  /** Resolves once `condition` holds; rejects with `what` after `deadlineMs`. */
  waitFor(what: string, condition: () => boolean, deadlineMs = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((each) => each !== check);
        reject(new Error(`timed out waiting for ${what}; got events: ${JSON.stringify(this.events)}`));
      }, deadlineMs);
      const check = (): void => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((each) => each !== check);
        resolve();
      };
      this.waiters.push(check);
      check();
    });
  }

  close(): void {
    this.req.destroy();
  }

  private wake(): void {
    [...this.waiters].forEach((check) => check());
  }

  private parse(): void {
    let end = this.buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let id: string | undefined;
      let event = 'message';
      const data: string[] = [];
      let fields = 0;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          this.comments += 1;
          continue;
        }
        const colon = line.indexOf(':');
        const name = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        fields += 1;
        if (name === 'id') id = value;
        else if (name === 'event') event = value;
        else if (name === 'data') data.push(value);
      }
      if (data.length > 0 && fields > 0) this.events.push({ id, event, data: data.join('\n') });
      end = this.buffer.indexOf('\n\n');
    }
  }
}
