import type { UseCases } from '../../../../src/infrastructure/container/use-cases';
import { UseCasesToken } from '../../../../src/infrastructure/container/use-cases';
import { decoded, linkIn, SmtpSink } from '../../../support/smtp-sink';
import { cookiesOf, csrfOf } from '../security/security-test-app';
import { type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';

jest.setTimeout(90_000);

/**
 * The admin tools that send mail (README "Admin tools"), with pump.io's SMTP keys pointed at a sink on 127.0.0.1:
 * a report mails the admins who have an address, and an admin's password reset mails the account a recovery link.
 * The mail queue is run by the test until the mail arrives.
 */
describe('admin tools with mail', () => {
  const sink = new SmtpSink();
  let full: FullApp;
  let client: KeyPair;

  beforeAll(() => sink.start(0));
  afterAll(() => sink.stop());
  beforeEach(async () => {
    sink.mails.length = 0;
    full = startFullApp({
      settings: { smtpserver: '127.0.0.1', smtpport: sink.port, admins: ['root'] },
    });
    client = await full.registerClient();
  });
  afterEach(() => full.close());

  const runMail = async () => {
    const runner = full.container.get<UseCases>(UseCasesToken).email.runner;
    if (runner === null) throw new Error('no mail runner: smtpserver is not set');
    await runner.runDue('test');
  };
  /** Registers with an address and follows the confirmation link, so the address is the account's. */
  const registerConfirmed = async (nickname: string, address: string): Promise<KeyPair> => {
    const answer = await full
      .signed('POST', '/api/users', client)
      .send({ nickname, password: `${nickname} password 1`, email: address });
    expect(answer.status).toBe(200);
    const mail = await sink.waitForMail(address, runMail);
    expect((await full.send('GET', linkIn(mail, '/main/confirm/'))).status).toBe(200);
    return { key: answer.body.token as string, secret: answer.body.secret as string };
  };

  it('mails each admin with an address about a new report, with a link to the reports page', async () => {
    await registerConfirmed('root', 'root@pump.test');
    sink.mails.length = 0;
    const alice = await full.registerUser(client, 'alice');
    const bob = await full.registerUser(client, 'bob');
    const posted = await full
      .signed('POST', '/api/user/bob/feed', client, bob)
      .send({ verb: 'post', object: { objectType: 'note', content: 'Buy now' } });
    const filed = await full
      .signed('POST', '/api/user/alice/reports', client, alice)
      .send({ object: { id: posted.body.object.id }, content: 'spam, again' });
    expect(filed.status).toBe(200);
    const text = decoded(await sink.waitForMail('root@pump.test', runMail));
    expect(text).toContain('alice reported a note');
    expect(text).toContain(String(posted.body.object.id));
    expect(text).toContain('spam, again');
    expect(text).toContain('http://localhost:31337/main/admin/reports');
  });

  it('resets a password from the users page by mailing the account a recovery link that works', async () => {
    await full.registerUser(client, 'root');
    const carol = await registerConfirmed('carol', 'carol@pump.test');
    sink.mails.length = 0;
    const root = await full.logInWithBrowser('root');
    const page = await full.send('GET', '/main/admin/users').set('Accept', 'text/html').set('Cookie', root);
    const reset = await full
      .send('POST', '/main/admin/users/carol/reset-password')
      .set('Cookie', root)
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect(reset.status).toBe(303);
    expect(reset.headers.location).toBe('/main/admin/users?done=mailed');
    // The old password and tokens are ended at once.
    await expect(full.logInWithBrowser('carol')).rejects.toThrow('web login of carol: 401');
    expect((await full.signed('GET', '/api/user/carol/inbox', client, carol)).status).toBe(401);

    const link = linkIn(await sink.waitForMail('carol@pump.test', runMail), '/main/recover/');
    const form = await full.send('GET', link).set('Accept', 'text/html');
    expect(form.status).toBe(200);
    const chosen = await full
      .send('POST', link)
      .set('Cookie', cookiesOf(form.headers['set-cookie']))
      .type('form')
      .send({ _csrf: csrfOf(form.text), password: 'carol password 2', confirm: 'carol password 2' });
    expect(chosen.status).toBe(303);
    expect(await full.logInWithBrowser('carol', 'carol password 2')).toMatch(/^pumphouse\.sid=/);
  });
});
