import { isWithinDialbackWindow, parseHttpDate } from '../../domain/federation/dialback-date';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Clock } from '../ports/clock.port';
import type { DialbackTokenRepository } from '../ports/storage/dialback-token-repository.port';

/** The fields of a verification question, as the peer posted them (form or JSON): anything but a string is absent. */
export interface DialbackQuestion {
  readonly host?: unknown;
  readonly webfinger?: unknown;
  readonly token?: unknown;
  readonly date?: unknown;
  readonly url?: unknown;
}

/** Why a question is answered no: pump.io's own words, which its peers may show or log. */
export type DialbackRefusal =
  'Incorrect host' | 'No identity' | 'No token' | 'No date' | 'Invalid date' | 'Not my token';

export type DialbackAnswer =
  { readonly sent: true } | { readonly sent: false; readonly refusal: DialbackRefusal };

/**
 * Answers another server's question "did you send this Dialback-signed request?" (`POST /api/dialback`,
 * docs/protocol.md §7.4), in pump.io's order of checks: the identity first (`host` wins over `webfinger`, and it
 * must be this server or one of its users), then the token, then the date (within five minutes of our clock), and
 * only then the shared record of what we sent.
 *
 * Invariants: yes only when a remembered, unexpired token has exactly this url, identity, token and date; reads
 * only, so asking twice gives the same answer; our host is our host name, with or without our port.
 */
export class AnswerDialback {
  private readonly ourHosts: ReadonlySet<string>;

  constructor(
    private readonly tokens: DialbackTokenRepository,
    private readonly clock: Clock,
    site: SiteUrls,
  ) {
    this.ourHosts = new Set([site.hostname, `${site.hostname}:${site.port}`]);
  }

  async execute(question: DialbackQuestion): Promise<DialbackAnswer> {
    const host = nonEmptyString(question.host);
    const webfinger = nonEmptyString(question.webfinger);
    const identity = host ?? webfinger;
    if (identity === undefined) return refuse('No identity');
    if (!this.isOurs(host, webfinger)) return refuse('Incorrect host');
    const token = nonEmptyString(question.token);
    if (token === undefined) return refuse('No token');
    const date = nonEmptyString(question.date);
    if (date === undefined) return refuse('No date');
    const dateMs = parseHttpDate(date);
    const now = this.clock.now();
    if (dateMs === null || !isWithinDialbackWindow(dateMs, now.getTime())) return refuse('Invalid date');
    const url = nonEmptyString(question.url);
    if (url === undefined) return refuse('Not my token');
    const sent = await this.tokens.wasSent({ url, identity, token, dateMs }, now);
    return sent ? { sent: true } : refuse('Not my token');
  }

  /** Our host name, or else a webfinger of exactly two `@`-separated parts whose domain is ours. */
  private isOurs(host: string | undefined, webfinger: string | undefined): boolean {
    if (host !== undefined) return this.ourHosts.has(host.toLowerCase());
    const parts = (webfinger ?? '').split('@');
    return parts.length === 2 && this.ourHosts.has(parts[1].toLowerCase());
  }
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function refuse(refusal: DialbackRefusal): DialbackAnswer {
  return { sent: false, refusal };
}
