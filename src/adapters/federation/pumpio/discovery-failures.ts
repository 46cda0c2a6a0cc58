import {
  DestinationRefusedError,
  OutboundHttpError,
  OutboundNetworkError,
} from '../../../application/ports/outbound-http.port';
import { DiscoveryError } from '../../../application/ports/remote-discovery.port';

/**
 * What went wrong across the requests of one discovery (two schemes, two documents, a template), summed up as one
 * {@link DiscoveryError}. A failure says the resource is missing (a 404 or 410, a name that does not resolve),
 * that the host is broken (a malformed or oversized document, another status, a refused destination), or nothing
 * about either (no connection, a timeout: that scheme may just not be served). The sum is `not-found` when some
 * failure said missing and none said broken, else `unavailable`; its cause is a refused destination when there was
 * one (the caller treats that as final), else the first failure.
 */
export class DiscoveryFailures {
  private readonly messages: string[] = [];
  private missing = false;
  private broken = false;
  private cause: unknown = undefined;
  /** The host name does not resolve: no other scheme or document can answer. */
  noSuchHost = false;

  add(error: unknown): void {
    this.keepCause(error instanceof DiscoveryError ? (error.cause ?? error) : error);
    if (error instanceof DiscoveryError) {
      if (error.kind === 'not-found') this.missing = true;
      else this.broken = true;
    } else if (error instanceof OutboundNetworkError && error.code === 'ENOTFOUND') {
      this.noSuchHost = true;
      this.missing = true;
    } else if (!(error instanceof OutboundHttpError) || !['network', 'timeout'].includes(error.failure)) {
      this.broken = true;
    }
    const message = error instanceof Error ? error.message : String(error);
    this.messages.push(error instanceof OutboundHttpError ? `${error.url}: ${message}` : message);
  }

  addStatus(url: string, status: number): void {
    if (status === 404 || status === 410) this.missing = true;
    else this.broken = true;
    this.messages.push(`${url}: HTTP ${status}`);
  }

  error(summary: string): DiscoveryError {
    const kind = this.missing && !this.broken ? 'not-found' : 'unavailable';
    const details = this.messages.length === 0 ? '' : ` (${this.messages.join('; ')})`;
    return new DiscoveryError(kind, `${summary}${details}`, { cause: this.cause });
  }

  private keepCause(error: unknown): void {
    const refusal =
      error instanceof DestinationRefusedError && !(this.cause instanceof DestinationRefusedError);
    if (this.cause === undefined || refusal) this.cause = error;
  }
}
