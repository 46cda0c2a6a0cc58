import { AnswerDialback } from '../../../../src/application/federation/answer-dialback.use-case';
import { DialbackSigning } from '../../../../src/application/federation/dialback-signing';
import { CryptoIdGenerator } from '../../../../src/adapters/system/crypto-id-generator';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { InMemoryDialbackTokens } from '../../../support/dialback-fakes';
import { FakeClock } from '../../../support/fake-clock';
import { pumpIoDialbackFields } from '../../../support/pumpio-dialback-parser';

describe('AnswerDialback', () => {
  const url = 'http://pump-b.test/api/client/register';
  let clock: FakeClock;
  let answer: AnswerDialback;
  let signing: DialbackSigning;

  beforeEach(() => {
    clock = new FakeClock('2026-12-07T18:34:23.000Z');
    const tokens = new InMemoryDialbackTokens();
    signing = new DialbackSigning(tokens, new CryptoIdGenerator(), clock);
    answer = new AnswerDialback(tokens, clock, SiteUrls.fromBaseUrl('http://pump-a.test'));
  });

  /** Signs as `identity` and answers the question a receiver asks back about it. */
  async function question(identity: { host: string } | { webfinger: string }) {
    const signed = await signing.sign({
      url,
      identity: 'host' in identity ? { kind: 'host', ...identity } : { kind: 'webfinger', ...identity },
    });
    const fields = pumpIoDialbackFields(signed.authorization);
    return { ...identity, token: fields.token, date: signed.date, url };
  }

  it('says yes to exactly what we sent, as a host and as a user', async () => {
    expect(await answer.execute(await question({ host: 'pump-a.test' }))).toEqual({ sent: true });
    expect(await answer.execute(await question({ webfinger: 'alice@pump-a.test' }))).toEqual({ sent: true });
  });

  it('says "Not my token" when any of url, identity, token or date differs, or the token expired', async () => {
    const asked = await question({ webfinger: 'alice@pump-a.test' });
    const no = { sent: false, refusal: 'Not my token' };
    expect(await answer.execute({ ...asked, url: 'http://pump-c.test/api/client/register' })).toEqual(no);
    expect(await answer.execute({ ...asked, webfinger: 'bob@pump-a.test' })).toEqual(no);
    expect(await answer.execute({ ...asked, token: `${asked.token}x` })).toEqual(no);
    const otherSecond = new Date(Date.parse(asked.date) + 1000).toUTCString();
    expect(await answer.execute({ ...asked, date: otherSecond })).toEqual(no);
    expect(await answer.execute({ ...asked, url: undefined })).toEqual(no);
  });

  it("refuses in pump.io's order and words", async () => {
    const asked = await question({ host: 'pump-a.test' });
    const refusal = async (fields: Record<string, unknown>) => answer.execute(fields);
    expect(await refusal({ ...asked, host: 'pump-c.test' })).toEqual({
      sent: false,
      refusal: 'Incorrect host',
    });
    expect(await refusal({ ...asked, host: undefined, webfinger: 'alice@pump-c.test' })).toEqual({
      sent: false,
      refusal: 'Incorrect host',
    });
    expect(await refusal({ ...asked, host: undefined, webfinger: 'a@b@pump-a.test' })).toEqual({
      sent: false,
      refusal: 'Incorrect host',
    });
    expect(await refusal({ ...asked, host: undefined })).toEqual({ sent: false, refusal: 'No identity' });
    expect(await refusal({ ...asked, host: ['pump-a.test'] })).toEqual({
      sent: false,
      refusal: 'No identity',
    });
    expect(await refusal({ ...asked, token: '' })).toEqual({ sent: false, refusal: 'No token' });
    expect(await refusal({ ...asked, date: undefined })).toEqual({ sent: false, refusal: 'No date' });
    expect(await refusal({ ...asked, date: 'soon' })).toEqual({ sent: false, refusal: 'Invalid date' });
  });

  it('refuses a date more than five minutes from the clock, either way', async () => {
    const asked = await question({ host: 'pump-a.test' });
    clock.advance(5 * 60 * 1000);
    expect(await answer.execute(asked)).toEqual({ sent: true });
    clock.advance(1000);
    expect(await answer.execute(asked)).toEqual({ sent: false, refusal: 'Invalid date' });
    clock.advance(-(10 * 60 * 1000 + 2000));
    expect(await answer.execute(asked)).toEqual({ sent: false, refusal: 'Invalid date' });
  });

  it('takes our host name with our port too, in any case', async () => {
    const ported = new AnswerDialback(
      new InMemoryDialbackTokens(),
      clock,
      SiteUrls.fromBaseUrl('http://a.test:8080'),
    );
    const date = new Date(clock.now()).toUTCString();
    const ask = (host: string) => ported.execute({ host, token: 't', date, url });
    expect(await ask('A.test')).toEqual({ sent: false, refusal: 'Not my token' });
    expect(await ask('a.test:8080')).toEqual({ sent: false, refusal: 'Not my token' });
    expect(await ask('a.test:8081')).toEqual({ sent: false, refusal: 'Incorrect host' });
  });
});
