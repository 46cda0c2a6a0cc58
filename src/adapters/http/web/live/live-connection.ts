import type { Response } from 'express';

import type { AuthenticatedUser } from '../../../../application/auth/principal';
import type { Logger } from '../../../../application/ports/logger.port';
import type { InboxChunk } from '../../../../application/notifications/user-inbox';

/** One event of the stream, already presented: the inbox position it stands at, its name and its JSON data. */
export interface LiveEvent {
  readonly id?: string;
  readonly event: string;
  readonly data: unknown;
}

/** What a connection needs from the rest of the app. */
export interface LiveConnectionDeps {
  /** Reads what came into the user's inbox after a position (null: the newest items). */
  readonly readAfter: (cursor: string | null) => Promise<InboxChunk>;
  /** The events of a chunk (one per item, then the unread count when a notification came). */
  readonly present: (chunk: InboxChunk) => Promise<LiveEvent[]>;
  readonly logger: Logger;
}

// The most items one read takes; a longer backlog is read in several, each sent before the next is read.
export const LIVE_CHUNK = 20;
// The most chunks one wake-up reads, so one connection with a huge backlog cannot hold the process's attention.
const MAX_CHUNKS_PER_WAKE = 10;

/**
 * One open `text/event-stream` response of one logged-in browser (the WHATWG HTML "Server-sent events" format:
 * `id:`, `event:`, `data:` lines, a blank line, `:` lines as comments).
 *
 * Invariants: events go out in inbox order, each with its inbox position as `id`, so the browser's `Last-Event-ID`
 * is exactly where a new connection resumes, and nothing is sent twice on one connection (reads never overlap: a
 * wake-up during a read runs once more after it); the position moves past items that are not sent (missing
 * documents) too; after `close` nothing more is written.
 */
export class LiveConnection {
  private reading = false;
  private again = false;
  private closed = false;

  constructor(
    private readonly res: Response,
    readonly user: AuthenticatedUser,
    readonly sessionId: string,
    private cursor: string | null,
    private readonly deps: LiveConnectionDeps,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Reads and sends whatever came in after the position; safe to call any time, any number of times. */
  async wakeUp(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    try {
      do {
        this.again = false;
        for (let chunks = 0; chunks < MAX_CHUNKS_PER_WAKE && !this.closed; chunks += 1) {
          const chunk = await this.deps.readAfter(this.cursor);
          if (this.closed) return;
          for (const event of await this.deps.present(chunk)) this.send(event);
          this.cursor = chunk.position;
          if (!chunk.more) break;
          this.again ||= chunks === MAX_CHUNKS_PER_WAKE - 1;
        }
      } while (this.again && !this.closed);
    } catch (error) {
      this.deps.logger.warn({ err: error, user: this.user.nickname }, 'live updates: a read failed; closing');
      this.close();
    } finally {
      this.reading = false;
    }
  }

  send(event: LiveEvent): void {
    if (this.closed) return;
    const id = event.id === undefined ? '' : `id: ${oneLine(event.id)}\n`;
    // JSON holds no raw line breaks, so one data line carries it whole.
    this.res.write(`${id}event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
  }

  /** A comment line: keeps proxies from closing an idle connection, and tells a dead socket early. */
  heartbeat(): void {
    if (!this.closed) this.res.write(': keep-alive\n\n');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.res.end();
  }
}

function oneLine(value: string): string {
  return value.replace(/[\r\n]/g, '');
}
