import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { mailJob, MAIL_QUEUE } from '../../../../src/application/email/mail-jobs';
import { MailRunner } from '../../../../src/application/email/mail-runner';
import type { Logger } from '../../../../src/application/ports/logger.port';
import type { Mailer, MailMessage } from '../../../../src/application/ports/mailer.port';
import type { Storage } from '../../../../src/application/ports/storage/unit-of-work.port';
import { FakeClock } from '../../../support/fake-clock';

/** A mail server that refuses connections while it is down, and keeps what it accepts. */
class FlakyMailServer implements Mailer {
  down = false;
  refuseForGood = false;
  readonly accepted: MailMessage[] = [];

  async send(message: MailMessage): Promise<void> {
    if (this.refuseForGood) throw Object.assign(new Error('550 no such mailbox'), { permanent: true });
    if (this.down) throw new Error('connect ECONNREFUSED');
    this.accepted.push(message);
  }
}

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
} as unknown as Logger;

const composer = {
  compose: async (job: { kind: string; to?: string }) =>
    job.kind === 'notify' ? null : { to: job.to ?? '', subject: job.kind, text: 'text', html: '<p>html</p>' },
};

describe('MailRunner', () => {
  let clock: FakeClock;
  let storage: Storage;
  let server: FlakyMailServer;
  let runner: MailRunner;

  beforeEach(() => {
    clock = new FakeClock();
    storage = createMemoryStorage({ clock });
    server = new FlakyMailServer();
    runner = new MailRunner(storage.jobs, composer, server, clock, silent);
  });
  afterEach(() => storage.close());

  const queue = (to: string) =>
    storage.jobs.enqueue(mailJob({ kind: 'confirm-email', to, nickname: 'n', code: 'c'.repeat(32) }));

  it('loses nothing while the mail server is down for an hour, and sends it all once it is back', async () => {
    server.down = true;
    const ids = [await queue('a@pump.test'), await queue('b@pump.test')];
    // Every minute for an hour, the runner tries what is due: nothing gets through, nothing is given up.
    for (let minute = 0; minute <= 60; minute += 1) {
      await runner.runDue('test');
      clock.advance(60_000);
    }
    for (const id of ids) {
      const job = await storage.jobs.findById(id);
      expect(job?.state).toBe('pending');
      expect(job?.lastError).toContain('ECONNREFUSED');
    }
    server.down = false;
    // The longest backoff is 30 minutes: within it, each mail is due again and sent.
    for (let minute = 0; minute <= 31 && server.accepted.length < 2; minute += 1) {
      await runner.runDue('test');
      clock.advance(60_000);
    }
    expect(server.accepted.map((mail) => mail.to).sort()).toStrictEqual(['a@pump.test', 'b@pump.test']);
    expect((await storage.jobs.counts(MAIL_QUEUE)).done).toBe(2);
  });

  it('fails at once, keeping the error, a mail the server refuses for good', async () => {
    server.refuseForGood = true;
    const id = await queue('gone@pump.test');
    await runner.runDue('test');
    const job = await storage.jobs.findById(id);
    expect(job?.state).toBe('failed');
    expect(job?.lastError).toContain('550');
  });

  it('completes without sending a mail that has nothing left to say, and fails a malformed job', async () => {
    const quiet = await storage.jobs.enqueue(mailJob({ kind: 'notify', nickname: 'n', activityId: 'a' }));
    const broken = await storage.jobs.enqueue({ queue: MAIL_QUEUE, payload: { kind: 'unknown' } });
    await runner.runDue('test');
    expect((await storage.jobs.findById(quiet))?.state).toBe('done');
    expect((await storage.jobs.findById(broken))?.state).toBe('failed');
    expect(server.accepted).toHaveLength(0);
  });
});
