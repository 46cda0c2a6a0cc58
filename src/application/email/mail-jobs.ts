import type { NewJob } from '../ports/storage/job-queue.port';

/** The durable queue of mail to send; the {@link MailRunner} leases from it. */
export const MAIL_QUEUE = 'mail';

/**
 * What one mail job asks for. Confirmation and recovery mails carry their address and link code (the code is the
 * one thing the mail exists to hand over, and it works once and expires); a notification names the user and the
 * activity only, so it is written from what is true when it is sent (an address changed or notifications switched
 * off meanwhile are honoured).
 */
export type MailJob =
  | { readonly kind: 'confirm-email'; readonly to: string; readonly nickname: string; readonly code: string }
  | {
      readonly kind: 'recover-password';
      readonly to: string;
      readonly nickname: string;
      readonly code: string;
    }
  | { readonly kind: 'notify'; readonly nickname: string; readonly activityId: string }
  /** To an admin (by nickname, for their address as it is when sent): a user filed a report. */
  | { readonly kind: 'report'; readonly nickname: string; readonly reportId: string };

/** The job that sends `mail`; a notification is keyed so that a distribution run twice mails once. */
export function mailJob(mail: MailJob): NewJob {
  const payload: Record<string, unknown> = { ...mail };
  if (mail.kind === 'notify')
    return { queue: MAIL_QUEUE, payload, dedupeKey: `notify ${mail.activityId} ${mail.nickname}` };
  if (mail.kind === 'report')
    return { queue: MAIL_QUEUE, payload, dedupeKey: `report ${mail.reportId} ${mail.nickname}` };
  return { queue: MAIL_QUEUE, payload };
}

const str = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The mail a job's payload asks for, or null for a payload no version of {@link mailJob} wrote. */
export function mailOfPayload(payload: Record<string, unknown>): MailJob | null {
  const { kind, to, nickname, code, activityId, reportId } = payload;
  if ((kind === 'confirm-email' || kind === 'recover-password') && str(to) && str(nickname) && str(code)) {
    return { kind, to, nickname, code };
  }
  if (kind === 'notify' && str(nickname) && str(activityId)) return { kind, nickname, activityId };
  if (kind === 'report' && str(nickname) && str(reportId)) return { kind, nickname, reportId };
  return null;
}
