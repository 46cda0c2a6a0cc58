import type { DialbackIdentity } from '../../../../src/application/federation/dialback';
import type { OutboundResponse } from '../../../../src/application/ports/outbound-http.port';
import type {
  RemoteObjectLookup,
  RemoteObjects,
} from '../../../../src/application/ports/remote-objects.port';
import type { SignedRemoteFetch } from '../../../../src/application/ports/signed-remote-fetch.port';

/** A RemoteObjects that answers what the test set for each id (`unavailable` otherwise) and records every ask. */
export class FakeRemoteObjects implements RemoteObjects {
  readonly asked: string[] = [];
  private readonly answers = new Map<string, RemoteObjectLookup>();

  answer(id: string, lookup: RemoteObjectLookup): this {
    this.answers.set(id, lookup);
    return this;
  }

  fetch(id: string): Promise<RemoteObjectLookup> {
    this.asked.push(id);
    return Promise.resolve(this.answers.get(id) ?? { outcome: 'unavailable', reason: 'nobody answers' });
  }
}

/** One signed GET a {@link FakeSignedRemoteFetch} was asked for. */
export interface SignedGet {
  readonly url: string;
  readonly identity: DialbackIdentity;
  readonly headers: Record<string, string>;
}

/** A SignedRemoteFetch whose answer (or failure) the test sets; it records every request. */
export class FakeSignedRemoteFetch implements SignedRemoteFetch {
  readonly requests: SignedGet[] = [];
  respond: (request: SignedGet) => OutboundResponse | Error = (request) => ({
    status: 200,
    headers: { 'content-type': 'image/png' },
    body: new Uint8Array([1, 2, 3]),
    url: request.url,
  });

  get(
    url: string,
    identity: DialbackIdentity,
    headers: Record<string, string> = {},
  ): Promise<OutboundResponse> {
    const request = { url, identity, headers };
    this.requests.push(request);
    const answer = this.respond(request);
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }
}
