import type { AddressInfo } from 'node:net';

import { SMTPServer } from 'smtp-server';

/** A mail as the sink received it: the envelope's recipients and the raw message (headers and body). */
export interface ReceivedMail {
  readonly to: readonly string[];
  readonly raw: string;
}

/**
 * An SMTP server on 127.0.0.1 that keeps every mail it is given, for tests: plain SMTP (no STARTTLS), any login
 * accepted. `stop` and `start` again on the same port play a mail server that is down for a while.
 */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  private boundPort = 0;

  get port(): number {
    return this.boundPort;
  }

  /** Listens on `port` (a free one when 0) and answers the port. */
  async start(port = this.boundPort): Promise<number> {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
          this.mails.push({ to, raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.boundPort = (server.server.address() as AddressInfo).port;
    return this.boundPort;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server !== null) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The mails sent to `address` so far. */
  mailsTo(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.includes(address));
  }

  /**
   * Waits for the `count`-th mail to `address`, calling `poll` (which runs the mail queue) between looks, until
   * `deadlineMs` is over; answers that mail.
   */
  async waitForMail(
    address: string,
    poll: () => Promise<unknown>,
    { count = 1, deadlineMs = 20_000 } = {},
  ): Promise<ReceivedMail> {
    const until = Date.now() + deadlineMs;
    for (;;) {
      const found = this.mailsTo(address);
      if (found.length >= count) return found[count - 1];
      if (Date.now() > until) throw new Error(`no mail ${count} to ${address} within ${deadlineMs} ms`);
      await poll();
      // A poll interval inside the deadline, not a sleep standing in for a condition.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** A raw mail with quoted-printable soft line breaks and escapes undone (RFC 2045 §6.7), for assertions. */
export function decoded(mail: ReceivedMail): string {
  return mail.raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The first link of a mail to `path` (e.g. `/main/confirm/`), as a path with its code. */
export function linkIn(mail: ReceivedMail, path: string): string {
  const match = new RegExp(`https?://[^/\\s]+(${path}[A-Za-z0-9_-]+)`).exec(mail.raw);
  if (match === null) throw new Error(`no ${path} link in the mail:\n${mail.raw}`);
  return match[1];
}
