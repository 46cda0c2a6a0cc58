import { CryptoIdGenerator } from '../../../../src/adapters/system/crypto-id-generator';
import { DialbackSigning } from '../../../../src/application/federation/dialback-signing';
import type { IdGenerator } from '../../../../src/application/ports/id-generator.port';
import { parseDialbackAuthorization } from '../../../../src/domain/federation/dialback-header';
import { InMemoryDialbackTokens } from '../../../support/dialback-fakes';
import { FakeClock } from '../../../support/fake-clock';
import { pumpIoDialbackFields } from '../../../support/pumpio-dialback-parser';

/** Hands out the tokens it is given, and records the sizes asked for. */
class ListedIds implements IdGenerator {
  readonly asked: number[] = [];
  constructor(private readonly tokens: string[]) {}
  uuid(): string {
    throw new Error('not used');
  }
  token(bytes: number): string {
    this.asked.push(bytes);
    return this.tokens.shift() ?? 'exhausted';
  }
}

describe('DialbackSigning', () => {
  const url = 'http://pump-b.test/api/client/register';
  let clock: FakeClock;
  let tokens: InMemoryDialbackTokens;
  let ids: ListedIds;
  let signing: DialbackSigning;

  beforeEach(() => {
    clock = new FakeClock('2026-12-07T18:34:23.750Z');
    tokens = new InMemoryDialbackTokens();
    ids = new ListedIds(['Ab-_0123456', 'Zz9-8765432']);
    signing = new DialbackSigning(tokens, ids, clock);
  });

  it('signs with a fresh 8-byte token and the Date of the clock in whole seconds, in RFC 1123 form', async () => {
    const headers = await signing.sign({
      url,
      identity: { kind: 'webfinger', webfinger: 'alice@pump-a.test' },
    });
    expect(ids.asked).toEqual([8]);
    expect(headers).toEqual({
      authorization: 'Dialback webfinger="alice@pump-a.test", token="Ab-_0123456"',
      date: 'Mon, 07 Dec 2026 18:34:23 GMT',
    });
    expect(pumpIoDialbackFields(headers.authorization)).toEqual({
      webfinger: 'alice@pump-a.test',
      token: 'Ab-_0123456',
    });
  });

  it('remembers exactly what the receiver will echo, for longer than its five-minute window', async () => {
    const headers = await signing.sign({ url, identity: { kind: 'host', host: 'pump-a.test' } });
    expect(tokens.records).toEqual([
      {
        url,
        identity: 'pump-a.test',
        token: 'Ab-_0123456',
        dateMs: Date.parse(headers.date),
        expiresAt: expect.any(Date),
      },
    ]);
    const echoed = { url, identity: 'pump-a.test', token: 'Ab-_0123456', dateMs: Date.parse(headers.date) };
    expect(await tokens.wasSent(echoed, clock.later(5 * 60 * 1000))).toBe(true);
  });

  it('uses a new token for every request', async () => {
    const identity = { kind: 'host', host: 'pump-a.test' } as const;
    const first = await signing.sign({ url, identity });
    const second = await signing.sign({ url, identity });
    expect(first.authorization).not.toBe(second.authorization);
    expect(tokens.records.map((record) => record.token)).toEqual(['Ab-_0123456', 'Zz9-8765432']);
  });

  it('signs with the real id generator a token pump.io reads back (11 characters, no "=")', async () => {
    const real = new DialbackSigning(tokens, new CryptoIdGenerator(), clock);
    const headers = await real.sign({ url, identity: { kind: 'host', host: 'pump-a.test' } });
    const parsed = parseDialbackAuthorization(headers.authorization);
    expect(parsed.ok && parsed.credentials.token).toMatch(/^[A-Za-z0-9_-]{11}$/);
    expect(pumpIoDialbackFields(headers.authorization).token).toBe(tokens.records[0].token);
  });

  it('refuses a malformed identity and remembers nothing', async () => {
    await expect(
      signing.sign({ url, identity: { kind: 'webfinger', webfinger: 'acct:alice@pump-a.test' } }),
    ).rejects.toThrow();
    expect(tokens.records).toEqual([]);
  });
});
