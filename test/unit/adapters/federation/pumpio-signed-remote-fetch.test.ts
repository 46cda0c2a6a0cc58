import {
  PumpioSignedRemoteFetch,
  type SignedRequests,
} from '../../../../src/adapters/federation/pumpio/signed-requests';
import type { DialbackIdentity } from '../../../../src/application/federation/dialback';
import type { OutboundRequest, OutboundResponse } from '../../../../src/application/ports/outbound-http.port';

/** Records what would be signed and sent. */
class RecordingRequests {
  readonly sent: Array<{ request: OutboundRequest; identity: DialbackIdentity }> = [];

  async send(request: OutboundRequest, identity: DialbackIdentity): Promise<OutboundResponse> {
    this.sent.push({ request, identity });
    return { status: 200, headers: {}, body: new Uint8Array(), url: request.url };
  }
}

describe('PumpioSignedRemoteFetch', () => {
  const identity: DialbackIdentity = { kind: 'host', host: 'a.test' };

  it('sends no Accept header of its own: pump.io answers ActivityStreams 2.0 to Accept: application/json', async () => {
    const requests = new RecordingRequests();
    const fetch = new PumpioSignedRemoteFetch(requests as unknown as SignedRequests);
    await fetch.get('http://b.test/api/note/x', identity);
    const [{ request }] = requests.sent;
    expect(Object.keys(request.headers ?? {}).map((name) => name.toLowerCase())).not.toContain('accept');
    expect(request).toMatchObject({ method: 'GET', url: 'http://b.test/api/note/x' });
  });

  it('passes the headers it is given, conditional ones included', async () => {
    const requests = new RecordingRequests();
    const fetch = new PumpioSignedRemoteFetch(requests as unknown as SignedRequests);
    await fetch.get('http://b.test/a.png', identity, { 'If-None-Match': '"v1"' });
    expect(requests.sent[0].request.headers).toEqual({ 'If-None-Match': '"v1"' });
  });
});
