import { SmtpMailer } from '../../adapters/mail/smtp-mailer';
import { AccountStanding } from '../../application/email/account-standing';
import { ConfirmEmail } from '../../application/email/confirm-email.use-case';
import { EmailConfirmations } from '../../application/email/email-confirmations';
import { EmailLinks } from '../../application/email/email-links';
import type { EmailSettings } from '../../application/email/email-settings';
import { MailComposer } from '../../application/email/mail-composer';
import { MailNudge } from '../../application/email/mail-nudge';
import { MailRunner } from '../../application/email/mail-runner';
import {
  RecoverPassword,
  RequestPasswordRecovery,
} from '../../application/email/password-recovery.use-cases';
import type { Mailer } from '../../application/ports/mailer.port';
import type { PumphouseConfig } from '../config/pumphouse-config';
import type { Ports } from './ports';

/** Mail and what rests on it (README "Email"), each built once. */
export interface Email {
  readonly settings: EmailSettings;
  /** Nudged when mail was queued: wakes this process's mail runner. */
  readonly mailQueued: MailNudge;
  readonly confirmations: EmailConfirmations;
  readonly standing: AccountStanding;
  readonly confirmEmail: ConfirmEmail;
  readonly requestRecovery: RequestPasswordRecovery;
  readonly recoverPassword: RecoverPassword;
  /** Sends due mail (the periodic task); null when no SMTP server is configured. */
  readonly runner: MailRunner | null;
}

/** Builds {@link Email}; `mailer` replaces the SMTP adapter (tests). */
export function buildEmail(ports: Ports, mailer: Mailer | null = smtpMailerOf(ports.config)): Email {
  const { config, storage, site, clock } = ports;
  const settings: EmailSettings = {
    enabled: config.smtpserver !== null,
    requireEmail: config.requireEmail,
    siteName: config.site,
  };
  const mailQueued = new MailNudge();
  const links = new EmailLinks(ports.ids, ports.digest, clock);
  const composer = new MailComposer(storage, ports.templates, site, config.site);
  return {
    settings,
    mailQueued,
    confirmations: new EmailConfirmations(settings, links, mailQueued),
    standing: new AccountStanding(storage.users, settings),
    confirmEmail: new ConfirmEmail(storage, links, site),
    requestRecovery: new RequestPasswordRecovery(storage, links, mailQueued),
    recoverPassword: new RecoverPassword(storage, links, ports.passwords, site),
    runner:
      mailer === null || !settings.enabled
        ? null
        : new MailRunner(storage.jobs, composer, mailer, clock, ports.logger.child({ component: 'mail' })),
  };
}

/** The SMTP adapter of pump.io's keys, or null without `smtpserver`. */
function smtpMailerOf(config: PumphouseConfig): Mailer | null {
  if (config.smtpserver === null) return null;
  return new SmtpMailer({
    host: config.smtpserver,
    port: config.smtpport,
    user: config.smtpuser,
    pass: config.smtppass,
    startTls: config.smtpusetls,
    implicitTls: config.smtpusessl,
    checkCertificate: config.smtpcheckcert,
    from: config.smtpfrom,
    timeoutMs: config.smtptimeout,
    clientName: config.hostname,
  });
}
