import type { UseCases } from '../../../../src/infrastructure/container/use-cases';
import { UseCasesToken } from '../../../../src/infrastructure/container/use-cases';
import { decoded, linkIn, SmtpSink } from '../../../support/smtp-sink';
import { cookiesOf, csrfOf, sessionCookieOf } from '../security/security-test-app';
import { type FullApp, type KeyPair, startFullApp } from './full-app';

jest.setTimeout(90_000);

/**
 * Mail over HTTP (issue #14, README "Email"): the whole app with pump.io's SMTP keys pointed at a sink on
 * 127.0.0.1; the mail queue is run by the test (the full app starts no background tasks) until the mail arrives.
 */
describe('email', () => {
  const sink = new SmtpSink();
  let full: FullApp;
  let client: KeyPair;

  beforeAll(async () => {
    await sink.start(0);
  });
  afterAll(() => sink.stop());

  const start = async (settings: Record<string, unknown> = {}) => {
    // Each test's mails only: the sink outlives the apps.
    sink.mails.length = 0;
    full = startFullApp({
      settings: { smtpserver: '127.0.0.1', smtpport: sink.port, smtpuser: 'u', smtppass: 'p', ...settings },
    });
    client = await full.registerClient();
  };
  afterEach(() => full.close());

  const runMail = async () => {
    const runner = full.container.get<UseCases>(UseCasesToken).email.runner;
    if (runner === null) throw new Error('no mail runner: smtpserver is not set');
    await runner.runDue('test');
  };
  const register = (nickname: string, email?: string) =>
    full
      .signed('POST', '/api/users', client)
      .send({ nickname, password: `${nickname} password 1`, ...(email === undefined ? {} : { email }) });
  const tokenOf = (answer: { body: { token: string; secret: string } }): KeyPair => ({
    key: answer.body.token,
    secret: answer.body.secret,
  });
  const registerAndConfirm = async (nickname: string, address: string) => {
    const answer = await register(nickname, address);
    expect(answer.status).toBe(200);
    const mail = await sink.waitForMail(address, runMail);
    expect((await full.send('GET', linkIn(mail, '/main/confirm/'))).status).toBe(200);
    return tokenOf(answer);
  };
  const form = async (path: string, fields: Record<string, string>, cookie?: string) => {
    const page = await full.send('GET', '/main/recover').set('Accept', 'text/html');
    const cookies = [cookiesOf(page.headers['set-cookie']), cookie].filter((c) => c !== undefined).join('; ');
    return full
      .send('POST', path)
      .set('Accept', 'text/html')
      .set('Cookie', cookies)
      .type('form')
      .send({ _csrf: csrfOf(page.text), ...fields });
  };

  describe('with requireEmail', () => {
    beforeEach(() => start({ requireEmail: true }));

    it('refuses a registration without an address, or with one that is no address, with 400', async () => {
      expect((await register('nomail')).status).toBe(400);
      const bad = await register('badmail', 'not an address');
      expect(bad.status).toBe(400);
      expect(bad.body).toStrictEqual({ error: 'Invalid email address provided' });
    });

    it('keeps the account locked (403) until the mailed link is followed, which works once', async () => {
      const answer = await register('jj', 'jamesjr@pump.test');
      expect(answer.status).toBe(200);
      expect(answer.body).not.toHaveProperty('email');
      const token = tokenOf(answer);
      const locked = await full.signed('GET', '/api/user/jj', client, token);
      expect(locked.status).toBe(403);
      expect(locked.body).toStrictEqual({ error: "Can't use the API until you confirm your email address." });

      const mail = await sink.waitForMail('jamesjr@pump.test', runMail);
      expect(mail.raw).toContain('Subject: Confirm your email address for');
      expect(mail.raw).toContain('Content-Type: text/html');
      const link = linkIn(mail, '/main/confirm/');
      expect((await full.send('GET', link)).status).toBe(200);

      const own = await full.signed('GET', '/api/user/jj', client, token);
      expect(own.status).toBe(200);
      expect(own.body.email).toBe('jamesjr@pump.test');
      expect((await full.send('GET', link)).status).toBe(400);
    });

    it('shows the address to its owner only', async () => {
      await registerAndConfirm('thelma', 'thelma@pump.test');
      const louise = await registerAndConfirm('louise', 'louise@pump.test');
      const other = await full.signed('GET', '/api/user/thelma', client, louise);
      expect(other.status).toBe(200);
      expect(other.body).not.toHaveProperty('email');
      const anonymous = await full.signed('GET', '/api/user/thelma', client);
      expect(anonymous.body).not.toHaveProperty('email');
      const list = await full.signed('GET', '/api/users', client, louise);
      const items = list.body.items as { nickname: string; email?: string }[];
      expect(items.find((user) => user.nickname === 'thelma')).not.toHaveProperty('email');
      expect(items.find((user) => user.nickname === 'louise')?.email).toBe('louise@pump.test');
    });

    it('refuses the web login of an unconfirmed account', async () => {
      expect((await register('early', 'early@pump.test')).status).toBe(200);
      await expect(full.logInWithBrowser('early')).rejects.toThrow('web login of early: 403');
    });
  });

  describe('notifications', () => {
    beforeEach(() => start({ requireEmail: true }));

    it('mails a local user with an address an activity addressed to them, not its author', async () => {
      const tony = await registerAndConfirm('tony', 'tony@pump.test');
      await registerAndConfirm('stephanie', 'stephanie@pump.test');
      const sentBefore = sink.mailsTo('tony@pump.test').length;
      const posted = await full.signed('POST', '/api/user/tony/feed', client, tony).send({
        verb: 'post',
        to: [{ objectType: 'person', id: 'http://localhost:31337/api/user/stephanie/profile' }],
        object: { objectType: 'note', content: 'All you need is a salad bowl, and a potato masher.' },
      });
      expect(posted.status).toBe(200);
      const mail = await sink.waitForMail('stephanie@pump.test', runMail, { count: 2 });
      expect(mail.raw).toContain('Subject: Activity notification');
      expect(decoded(mail)).toContain('potato masher');
      await runMail();
      expect(sink.mailsTo('tony@pump.test')).toHaveLength(sentBefore);
    });

    it('mails nobody who switched notifications off', async () => {
      const tony = await registerAndConfirm('tony', 'tony@pump.test');
      const quiet = await registerAndConfirm('quiet', 'quiet@pump.test');
      const off = await full
        .signed('PUT', '/api/user/quiet', client, quiet)
        .send({ nickname: 'quiet', password: 'quiet password 1', emailNotifications: false });
      expect(off.status).toBe(200);
      expect(off.body.emailNotifications).toBe(false);
      const posted = await full.signed('POST', '/api/user/tony/feed', client, tony).send({
        verb: 'post',
        to: [{ objectType: 'person', id: 'http://localhost:31337/api/user/quiet/profile' }],
        object: { objectType: 'note', content: 'Shh.' },
      });
      expect(posted.status).toBe(200);
      await runMail();
      expect(sink.mailsTo('quiet@pump.test')).toHaveLength(1);
    });
  });

  describe('password recovery', () => {
    beforeEach(() => start());

    it('answers the same for an account and for nobody, and mails the account a link that works once', async () => {
      await registerAndConfirm('walker', 'walker@pump.test');
      const known = await form('/main/recover', { login: 'walker@pump.test' });
      const unknown = await form('/main/recover', { login: 'nobody@pump.test' });
      expect(known.status).toBe(200);
      expect(unknown.status).toBe(known.status);
      expect(unknown.text.replace(/value="[^"]*"/g, '')).toBe(known.text.replace(/value="[^"]*"/g, ''));

      const mail = await sink.waitForMail('walker@pump.test', runMail, { count: 2 });
      expect(mail.raw).toContain('Subject: Recover password for');
      const link = linkIn(mail, '/main/recover/');
      expect((await full.send('GET', link).set('Accept', 'text/html')).status).toBe(200);
      const newPassword = 'a brand new secret 7';
      const reset = await form(link, { password: newPassword, confirm: newPassword });
      expect(reset.status).toBe(303);
      expect(sessionCookieOf(reset.headers['set-cookie'])).toBeDefined();
      await full.logInWithBrowser('walker', newPassword);
      await expect(full.logInWithBrowser('walker')).rejects.toThrow('401');
      const again = await form(link, { password: 'yet another one 8', confirm: 'yet another one 8' });
      expect(again.status).toBe(400);
      await full.logInWithBrowser('walker', newPassword);
    });

    it('ends the sessions and revokes the tokens of whoever knew the old password', async () => {
      const token = await registerAndConfirm('thief-victim', 'victim@pump.test');
      const oldSession = await full.logInWithBrowser('thief-victim');
      const settings = (cookie: string) =>
        full.send('GET', '/main/settings').set('Accept', 'text/html').set('Cookie', cookie);
      expect((await settings(oldSession)).status).toBe(200);
      expect((await full.signed('GET', '/api/user/thief-victim/inbox', client, token)).status).toBe(200);

      await form('/main/recover', { login: 'victim@pump.test' });
      const link = linkIn(
        await sink.waitForMail('victim@pump.test', runMail, { count: 2 }),
        '/main/recover/',
      );
      const reset = await form(link, { password: 'recovered secret 9', confirm: 'recovered secret 9' });
      expect(reset.status).toBe(303);

      expect((await settings(oldSession)).status).toBe(303);
      expect((await full.signed('GET', '/api/user/thief-victim/inbox', client, token)).status).toBe(401);
      // The recovering browser itself stays logged in.
      const recovering = sessionCookieOf(reset.headers['set-cookie']) as string;
      expect((await settings(recovering)).status).toBe(200);
    });
  });

  describe('a change of address', () => {
    beforeEach(() => start());

    it('keeps the address in use until the new one is confirmed at the new address', async () => {
      const token = await registerAndConfirm('mover', 'old@pump.test');
      const put = await full
        .signed('PUT', '/api/user/mover', client, token)
        .send({ nickname: 'mover', password: 'mover password 1', email: 'new@pump.test' });
      expect(put.status).toBe(200);
      expect(put.body.email).toBe('old@pump.test');
      const mail = await sink.waitForMail('new@pump.test', runMail);
      expect((await full.send('GET', linkIn(mail, '/main/confirm/'))).status).toBe(200);
      expect((await full.signed('GET', '/api/user/mover', client, token)).body.email).toBe('new@pump.test');
    });
  });
});
