import { VerifyDialbackRequest } from '../../../../src/application/federation/verify-dialback-request.use-case';
import {
  DestinationRefusedError,
  OutboundTimeoutError,
  type OutboundRequest,
} from '../../../../src/application/ports/outbound-http.port';
import { DiscoveryError } from '../../../../src/application/ports/remote-discovery.port';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { RecordingLogger } from '../../../integration/http/recording-logger';
import {
  formOf,
  InMemoryNonces,
  RecordingOutboundHttp,
  ScriptedDiscovery,
  textResponse,
} from '../../../support/dialback-fakes';
import { FakeClock } from '../../../support/fake-clock';

const ENDPOINT = 'https://pump-a.test/api/dialback';
const NOW = '2026-12-07T18:34:23.000Z';
const DATE = 'Mon, 07 Dec 2026 18:34:23 GMT';
const AS_ALICE = 'Dialback webfinger="alice@pump-a.test", token="Ab-_0123456"';
const AS_HOST = 'Dialback host="pump-a.test", token="Zz9-8765432"';

describe('VerifyDialbackRequest', () => {
  let clock: FakeClock;
  let discovery: ScriptedDiscovery;
  let nonces: InMemoryNonces;
  let answer: (request: OutboundRequest) => Promise<ReturnType<typeof textResponse>>;
  let http: RecordingOutboundHttp;
  let verify: VerifyDialbackRequest;

  beforeEach(() => {
    clock = new FakeClock(NOW);
    discovery = new ScriptedDiscovery();
    discovery.hostMetas.set('pump-a.test', [
      { rel: 'registration_endpoint', href: 'https://pump-a.test/api/client/register' },
      { rel: 'dialback', href: ENDPOINT },
    ]);
    discovery.webfingers.set('acct:alice@pump-a.test', [
      { rel: 'self', href: 'https://pump-a.test/api/user/alice/profile' },
      { rel: 'dialback', href: ENDPOINT },
    ]);
    nonces = new InMemoryNonces();
    answer = async (request) => textResponse(request.url, 200, 'OK');
    http = new RecordingOutboundHttp((request) => answer(request));
    verify = verifier();
  });

  function verifier(): VerifyDialbackRequest {
    return new VerifyDialbackRequest({
      discovery,
      http,
      nonces,
      clock,
      site: SiteUrls.fromBaseUrl('http://pump-b.test'),
      logger: new RecordingLogger(),
      timeoutMs: 1234,
    });
  }

  const signed = (authorization: string, date = DATE) =>
    verify.execute({ authorization, date, path: '/api/client/register' });

  it("asks a user's own server, found by WebFinger, form-encoded, and takes a 2xx as yes", async () => {
    expect(await signed(AS_ALICE)).toEqual({
      verified: true,
      identity: { kind: 'webfinger', webfinger: 'alice@pump-a.test' },
    });
    expect(discovery.asked).toEqual(['webfinger acct:alice@pump-a.test']);
    expect(http.sent).toHaveLength(1);
    expect(http.sent[0]).toMatchObject({
      method: 'POST',
      url: ENDPOINT,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      timeoutMs: 1234,
    });
    expect(formOf(http.sent[0])).toEqual({
      webfinger: 'alice@pump-a.test',
      token: 'Ab-_0123456',
      date: DATE,
      url: 'http://pump-b.test/api/client/register',
    });
  });

  it("asks a host's dialback endpoint from its host-meta", async () => {
    answer = async (request) => textResponse(request.url, 204);
    expect(await signed(AS_HOST)).toEqual({
      verified: true,
      identity: { kind: 'host', host: 'pump-a.test' },
    });
    expect(discovery.asked).toEqual(['host-meta pump-a.test']);
    expect(formOf(http.sent[0])).toEqual({
      host: 'pump-a.test',
      token: 'Zz9-8765432',
      date: DATE,
      url: 'http://pump-b.test/api/client/register',
    });
  });

  it('echoes the Date as received, in whatever form it came', async () => {
    const sloppy = 'Mon, 07 Dec 2026 18:34:23 +0000';
    expect(await signed(AS_ALICE, sloppy)).toMatchObject({ verified: true });
    expect(formOf(http.sent[0]).date).toBe(sloppy);
  });

  it.each([
    ['OAuth oauth_consumer_key="x"'],
    ['Dialback host="pump-a.test"'],
    ['Dialback token="t"'],
    ['Dialback host="pump-a.test", webfinger="alice@pump-a.test", token="t"'],
    ['Dialback host="pump-a.test", host="pump-c.test", token="t"'],
    [`Dialback host="pump-a.test", token="${'t'.repeat(2000)}"`],
  ])('refuses %s without asking anyone', async (authorization) => {
    expect(await signed(authorization)).toMatchObject({ verified: false });
    expect(discovery.asked).toEqual([]);
    expect(http.sent).toEqual([]);
  });

  it('refuses no Date, an unreadable one, and one more than five minutes away, without asking anyone', async () => {
    const undated = { authorization: AS_ALICE, date: undefined, path: '/api/client/register' };
    expect(await verify.execute(undated)).toEqual({ verified: false, reason: 'no Date header' });
    expect(await signed(AS_ALICE, 'tomorrow')).toMatchObject({ verified: false });
    clock.advance(5 * 60 * 1000 + 1000);
    expect(await signed(AS_ALICE)).toMatchObject({ verified: false });
    clock.set(NOW);
    clock.advance(-(5 * 60 * 1000 + 1000));
    expect(await signed(AS_ALICE)).toMatchObject({ verified: false });
    expect(http.sent).toEqual([]);
  });

  it('refuses a replay of the same identity, url, date and token, in another process too, before asking', async () => {
    expect(await signed(AS_ALICE)).toMatchObject({ verified: true });
    expect(await signed(AS_ALICE)).toEqual({ verified: false, reason: 'replayed' });
    verify = verifier();
    expect(await signed(AS_ALICE)).toEqual({ verified: false, reason: 'replayed' });
    expect(http.sent).toHaveLength(1);
    expect(nonces.uses[0]).toMatchObject({
      clientId: 'dialback:alice@pump-a.test',
      token: 'http://pump-b.test/api/client/register',
      nonce: 'Ab-_0123456',
    });
    expect(nonces.uses[0].expiresAt.getTime()).toBeGreaterThan(Date.parse(DATE) + 5 * 60 * 1000);
  });

  it('takes a new token, another path or another second as a new request', async () => {
    await signed(AS_ALICE);
    expect(await signed(AS_ALICE.replace('Ab-_0123456', 'other'))).toMatchObject({ verified: true });
    expect(await verify.execute({ authorization: AS_ALICE, date: DATE, path: '/x' })).toMatchObject({
      verified: true,
    });
    expect(await signed(AS_ALICE, 'Mon, 07 Dec 2026 18:34:24 GMT')).toMatchObject({ verified: true });
  });

  it.each([
    ['not found', new DiscoveryError('not-found', 'no such host')],
    ['unavailable', new DiscoveryError('unavailable', 'timeout')],
    ['a bug in the adapter', new TypeError('undefined is not a function')],
  ])('refuses when discovery fails (%s), without a throw', async (_name, error) => {
    discovery.webfingers.set('acct:alice@pump-a.test', error);
    expect(await signed(AS_ALICE)).toMatchObject({ verified: false });
    expect(http.sent).toEqual([]);
  });

  it('refuses when the identity publishes no dialback link', async () => {
    discovery.hostMetas.set('pump-a.test', [{ rel: 'dialback' }, { rel: 'lrdd', template: '{uri}' }]);
    expect(await signed(AS_HOST)).toEqual({ verified: false, reason: 'no dialback link' });
  });

  it('never lets a third host vouch: a dialback link elsewhere is refused without asking it', async () => {
    discovery.webfingers.set('acct:alice@pump-a.test', [
      { rel: 'dialback', href: 'https://evil.test/api/dialback' },
    ]);
    expect(await signed(AS_ALICE)).toEqual({ verified: false, reason: 'dialback link on another host' });
    discovery.hostMetas.set('pump-a.test', [
      { rel: 'dialback', href: 'http://pump-a.test.evil.test/dialback' },
    ]);
    expect(await signed(AS_HOST)).toEqual({ verified: false, reason: 'dialback link on another host' });
    expect(http.sent).toEqual([]);
  });

  it('refuses an answer that came from another host after a redirect', async () => {
    answer = async () => textResponse('https://evil.test/yes', 200, 'OK');
    expect(await signed(AS_ALICE)).toEqual({ verified: false, reason: 'answered from another host' });
  });

  it('refuses any answer but a 2xx', async () => {
    for (const status of [400, 401, 302, 500]) {
      answer = async (request) => textResponse(request.url, status, 'Not my token');
      const token = `t${status}`;
      expect(await signed(AS_ALICE.replace('Ab-_0123456', token))).toEqual({
        verified: false,
        reason: `peer answered ${status}`,
      });
    }
  });

  it.each([
    ['refused destination', new DestinationRefusedError('private address', ENDPOINT)],
    ['timeout', new OutboundTimeoutError('slow', ENDPOINT)],
    ['anything else', new Error('socket hang up')],
  ])('refuses when the dialback request fails (%s), without a throw', async (_name, error) => {
    answer = async () => {
      throw error;
    };
    expect(await signed(AS_ALICE)).toMatchObject({ verified: false });
  });
});
