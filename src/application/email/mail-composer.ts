import type { Activity } from '../../domain/activity-streams/activity';
import type { AsObject } from '../../domain/activity-streams/as-object';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { MailMessage } from '../ports/mailer.port';
import type { Repositories } from '../ports/storage/unit-of-work.port';
import type { TemplateRenderer } from '../ports/templating/template-renderer.port';
import type { MailJob } from './mail-jobs';

/** The paths of the links mails carry, as pump.io names them (docs/protocol.md §8). */
export const CONFIRM_PATH = '/main/confirm/';
export const RECOVER_PATH = '/main/recover/';

/** What the composer reads: the user (for a notification's address) and the activity it is about. */
export type MailComposerRepositories = Pick<Repositories, 'users' | 'activities' | 'objects' | 'reports'>;

/** The admin page of open reports, which a report mail links to. */
export const ADMIN_REPORTS_PATH = '/main/admin/reports';

/**
 * Writes the mail a {@link MailJob} asks for from the templates `views/email/<kind>-text` and `<kind>-html`
 * through the TemplateRenderer port: subject, plain text and HTML.
 *
 * Invariants: a notification is written from the store as it is now and answers null (nothing to send) when its
 * user has no confirmed address, has switched notifications off, or is gone, or when the activity is gone or
 * deleted; confirmation and recovery mails always go to the address the job names; a report mail goes to the
 * admin's address as it is when sent, and answers null when the admin has none or the report is gone.
 */
export class MailComposer {
  constructor(
    private readonly repositories: MailComposerRepositories,
    private readonly templates: TemplateRenderer,
    private readonly site: SiteUrls,
    private readonly siteName: string,
  ) {}

  async compose(job: MailJob): Promise<MailMessage | null> {
    switch (job.kind) {
      case 'confirm-email':
        return this.render('confirm-email', job.to, `Confirm your email address for ${this.siteName}`, {
          nickname: job.nickname,
          url: this.site.url(CONFIRM_PATH + job.code),
        });
      case 'recover-password':
        return this.render('recover-password', job.to, `Recover password for ${this.siteName}`, {
          nickname: job.nickname,
          url: this.site.url(RECOVER_PATH + job.code),
        });
      case 'notify':
        return this.notification(job.nickname, job.activityId);
      case 'report':
        return this.reportMail(job.nickname, job.reportId);
    }
  }

  /** To an admin about a report; null when the admin has no address (any more) or the report is gone. */
  private async reportMail(nickname: string, reportId: string): Promise<MailMessage | null> {
    const admin = await this.repositories.users.findByNickname(nickname);
    const report = await this.repositories.reports.find(reportId);
    if (admin?.email === undefined || report === null) return null;
    return this.render('report', admin.email, `A report on ${this.siteName}`, {
      nickname,
      reporter: report.reporter,
      objectType: report.target.objectType,
      target: report.target.id,
      reason: report.reason,
      url: this.site.url(ADMIN_REPORTS_PATH),
    });
  }

  private async notification(nickname: string, activityId: string): Promise<MailMessage | null> {
    const user = await this.repositories.users.findByNickname(nickname);
    if (user?.email === undefined || user.emailNotifications === false) return null;
    const activity = await this.repositories.activities.findById(activityId);
    if (activity === null || activity.deleted !== undefined) return null;
    const actor = (await this.repositories.objects.findById(activity.actor.id)) ?? activity.actor;
    const object =
      activity.object === undefined
        ? undefined
        : ((await this.repositories.objects.findById(activity.object.id)) ?? activity.object);
    // pump.io's subject (lib/distributor.js); the actor's name makes it tell something in a list of mails.
    return this.render('notification', user.email, `Activity notification from ${nameOf(actor)}`, {
      nickname,
      actorName: nameOf(actor),
      summary: htmlAsText(activity.content ?? `${nameOf(actor)} ${activity.verb}`),
      content: contentOf(object),
      url: urlOf(activity, this.site),
    });
  }

  private render(kind: string, to: string, subject: string, locals: Record<string, unknown>): MailMessage {
    const all = { ...locals, siteName: this.siteName, siteUrl: this.site.url('') };
    return {
      to,
      subject,
      text: this.templates.render(`email/${kind}-text`, all),
      html: this.templates.render(`email/${kind}-html`, all),
    };
  }
}

function nameOf(object: AsObject): string {
  if (typeof object.displayName === 'string' && object.displayName !== '') return object.displayName;
  if (typeof object.preferredUsername === 'string') return object.preferredUsername;
  return object.id;
}

/** The object's content as text, or null when it has none. */
function contentOf(object: AsObject | undefined): string | null {
  const content = object?.content;
  return typeof content === 'string' && content !== '' ? htmlAsText(content) : null;
}

/** Where a reader sees the activity: its `url` when it has one, else its id. */
function urlOf(activity: Activity, site: SiteUrls): string {
  return typeof activity.url === 'string' && activity.url.startsWith(site.url(''))
    ? activity.url
    : activity.id;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/** Stored (sanitized) HTML as plain text for a mail: tags dropped, paragraphs kept apart, entities decoded. */
export function htmlAsText(html: string): string {
  return html
    .replace(/<\/p>\s*<p[^>]*>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? entity)
    .trim();
}
