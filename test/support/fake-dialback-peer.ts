import { AnswerDialback } from '../../src/application/federation/answer-dialback.use-case';
import type { DialbackHeaders, DialbackIdentity } from '../../src/application/federation/dialback';
import { DialbackSigning } from '../../src/application/federation/dialback-signing';
import { OutboundNetworkError, type OutboundRequest } from '../../src/application/ports/outbound-http.port';
import { CryptoIdGenerator } from '../../src/adapters/system/crypto-id-generator';
import { SiteUrls } from '../../src/domain/site/site-urls';
import {
  formOf,
  InMemoryDialbackTokens,
  RecordingOutboundHttp,
  ScriptedDiscovery,
  textResponse,
} from './dialback-fakes';
import { FakeClock } from './fake-clock';

/**
 * Another server on the fake network, `http://<host>`: it signs requests with our own DialbackSigning and answers
 * dialbacks with our own AnswerDialback, as a second Pumphouse would. `discovery` and `outbound` are the network
 * as the server under test sees it: this peer's host-meta and its users' WebFinger name
 * `http://<host>/api/dialback`, and a POST there is answered by the peer; any other request fails as an
 * unreachable host would.
 */
export class FakeDialbackPeer {
  readonly clock: FakeClock;
  readonly tokens = new InMemoryDialbackTokens();
  readonly discovery = new ScriptedDiscovery();
  readonly outbound = new RecordingOutboundHttp((request) => this.respond(request));
  readonly dialbackUrl: string;
  private readonly signing: DialbackSigning;
  private readonly answer: AnswerDialback;

  constructor(
    readonly host = 'pump-a.test',
    clock = new FakeClock(new Date()),
  ) {
    this.clock = clock;
    this.dialbackUrl = `http://${host}/api/dialback`;
    this.signing = new DialbackSigning(this.tokens, new CryptoIdGenerator(), clock);
    this.answer = new AnswerDialback(this.tokens, clock, SiteUrls.fromBaseUrl(`http://${host}`));
    this.discovery.hostMetas.set(host, [{ rel: 'dialback', href: this.dialbackUrl }]);
  }

  /** Makes `nick@host` discoverable, with the peer's dialback endpoint. */
  addUser(nick: string): DialbackIdentity {
    const webfinger = `${nick}@${this.host}`;
    this.discovery.webfingers.set(`acct:${webfinger}`, [
      { rel: 'self', href: `http://${this.host}/api/user/${nick}/profile` },
      { rel: 'dialback', href: this.dialbackUrl },
    ]);
    return { kind: 'webfinger', webfinger };
  }

  /** The peer itself as an identity. */
  get asHost(): DialbackIdentity {
    return { kind: 'host', host: this.host };
  }

  /** The headers of a request to `url` signed as `identity`, remembered by the peer. */
  sign(url: string, identity: DialbackIdentity): Promise<DialbackHeaders> {
    return this.signing.sign({ url, identity });
  }

  /** The dialback questions the peer was asked. */
  get questions(): Record<string, string>[] {
    return this.outbound.sent.filter((request) => request.url === this.dialbackUrl).map(formOf);
  }

  private async respond(request: OutboundRequest) {
    if (request.method !== 'POST' || request.url !== this.dialbackUrl) {
      throw new OutboundNetworkError('no route to host', request.url);
    }
    const answer = await this.answer.execute(formOf(request));
    return answer.sent
      ? textResponse(request.url, 200, 'OK')
      : textResponse(request.url, 400, answer.refusal);
  }
}
