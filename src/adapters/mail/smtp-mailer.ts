import { createTransport, type Transporter } from 'nodemailer';

import type { Mailer, MailMessage } from '../../application/ports/mailer.port';

/** How to reach the SMTP server: pump.io's keys (docs/protocol.md §10.2), plus whether to check its certificate. */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly user: string | null;
  readonly pass: string | null;
  /** `smtpusetls`: STARTTLS when the server offers it. */
  readonly startTls: boolean;
  /** `smtpusessl`: TLS from the first byte. */
  readonly implicitTls: boolean;
  /** `smtpcheckcert`: refuse a certificate that does not verify. */
  readonly checkCertificate: boolean;
  readonly from: string;
  readonly timeoutMs: number;
  /** The name we greet the server with (EHLO): the site's host name. */
  readonly clientName: string;
}

/** nodemailer's error codes for a recipient or a message the server refused (see its smtp-connection module). */
const REFUSED_FOR_GOOD: ReadonlySet<string> = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * {@link Mailer} over SMTP with nodemailer: one pooled-free transport, a connection per mail (mail is rare, and a
 * server that restarts is reached afresh).
 *
 * Invariants: the sender is `from`, never the caller's; a 5yz reply to the envelope or the message (RFC 5321
 * §4.2.1) rejects with `permanent: true`; every other failure (no connection, a 4yz reply, a timeout, a login
 * refused) rejects as worth retrying: an admin who fixes the server or the password gets the waiting mail sent.
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(private readonly settings: SmtpSettings) {
    this.transport = createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.implicitTls,
      ignoreTLS: !settings.implicitTls && !settings.startTls,
      ...(settings.user === null ? {} : { auth: { user: settings.user, pass: settings.pass ?? '' } }),
      tls: { rejectUnauthorized: settings.checkCertificate },
      name: settings.clientName,
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
    });
  }

  async send(message: MailMessage): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    } catch (error) {
      throw smtpFailure(error);
    }
  }
}

function smtpFailure(error: unknown): Error {
  const details = error as { code?: unknown; responseCode?: unknown; message?: unknown };
  const message = typeof details.message === 'string' ? details.message : String(error);
  const permanent =
    typeof details.code === 'string' &&
    REFUSED_FOR_GOOD.has(details.code) &&
    typeof details.responseCode === 'number' &&
    details.responseCode >= 500;
  return Object.assign(new Error(`SMTP: ${message}`), { permanent });
}
