import type {
  OutboundHttp,
  OutboundRequest,
  OutboundResponse,
} from '../../src/application/ports/outbound-http.port';
import {
  type DiscoveredLink,
  DiscoveryError,
  type RemoteDiscovery,
} from '../../src/application/ports/remote-discovery.port';
import type {
  DialbackTokenRepository,
  SentDialbackToken,
} from '../../src/application/ports/storage/dialback-token-repository.port';
import type { NonceRepository, NonceUse } from '../../src/application/ports/storage/nonce-repository.port';

/**
 * The sent Dialback tokens of one process, in memory: a test-only stand-in for the storage adapters (which the
 * lead adds as `dialbackTokens` on the Repositories bundle), honouring the port's sentences.
 */
export class InMemoryDialbackTokens implements DialbackTokenRepository {
  readonly records: SentDialbackToken[] = [];

  async remember(sent: SentDialbackToken): Promise<void> {
    this.records.push(sent);
  }

  async wasSent(query: Omit<SentDialbackToken, 'expiresAt'>, now: Date): Promise<boolean> {
    return this.records.some(
      (record) =>
        record.url === query.url &&
        record.identity === query.identity &&
        record.token === query.token &&
        record.dateMs === query.dateMs &&
        record.expiresAt.getTime() >= now.getTime(),
    );
  }

  async sweep(now: Date): Promise<number> {
    const before = this.records.length;
    const kept = this.records.filter((record) => record.expiresAt.getTime() >= now.getTime());
    this.records.splice(0, this.records.length, ...kept);
    return before - kept.length;
  }
}

/** Nonce records in memory: the first use of a key is true, every later one false. */
export class InMemoryNonces implements NonceRepository {
  readonly uses: NonceUse[] = [];
  private readonly seen = new Set<string>();

  async remember(use: NonceUse): Promise<boolean> {
    const key = JSON.stringify([use.clientId, use.token, use.timestamp, use.nonce]);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.uses.push(use);
    return true;
  }

  async sweep(): Promise<number> {
    return 0;
  }
}

/** Discovery from a table: each host's host-meta and each resource's WebFinger links, or the error to throw. */
export class ScriptedDiscovery implements RemoteDiscovery {
  readonly asked: string[] = [];
  readonly hostMetas = new Map<string, readonly DiscoveredLink[] | Error>();
  readonly webfingers = new Map<string, readonly DiscoveredLink[] | Error>();

  async hostMeta(host: string): Promise<readonly DiscoveredLink[]> {
    this.asked.push(`host-meta ${host}`);
    return answer(this.hostMetas.get(host));
  }

  async webfinger(resource: string): Promise<readonly DiscoveredLink[]> {
    this.asked.push(`webfinger ${resource}`);
    return answer(this.webfingers.get(resource));
  }
}

function answer(entry: readonly DiscoveredLink[] | Error | undefined): readonly DiscoveredLink[] {
  if (entry === undefined) throw new DiscoveryError('not-found', 'no such host');
  if (entry instanceof Error) throw entry;
  return entry;
}

/** An OutboundHttp that records every request and answers it with `respond` (which may throw). */
export class RecordingOutboundHttp implements OutboundHttp {
  readonly sent: OutboundRequest[] = [];

  constructor(private readonly respond: (request: OutboundRequest) => Promise<OutboundResponse>) {}

  async request(request: OutboundRequest): Promise<OutboundResponse> {
    this.sent.push(request);
    return this.respond(request);
  }
}

/** A text answer from `url`. */
export function textResponse(url: string, status: number, text = ''): OutboundResponse {
  return {
    status,
    headers: { 'content-type': 'text/plain' },
    body: new TextEncoder().encode(text),
    url,
  };
}

/** The fields of a form-encoded request body. */
export function formOf(request: OutboundRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(String(request.body)));
}
