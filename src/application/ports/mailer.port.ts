/** One mail, rendered: a plain text body and the same in HTML (RFC 2046 §5.1.4 multipart/alternative). */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * Hands a mail to the outside world (an SMTP server).
 *
 * Every adapter honours: `send` resolves once the server accepted the mail for delivery, and rejects otherwise;
 * a rejection with `permanent: true` on the error means the server refused this mail for good (an RFC 5321 5yz
 * reply to the recipient or the message), any other rejection may succeed later (no connection, a 4yz reply, a
 * timeout). The sender address is the adapter's configuration, not the caller's.
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
export const Mailer = Symbol('Mailer');

/** True when a {@link Mailer.send} rejection says the mail will never be accepted. */
export function isPermanentMailFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { permanent?: unknown }).permanent === true;
}
