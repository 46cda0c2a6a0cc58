import type { Report } from '../../domain/admin/report';
import { reportReason } from '../../domain/admin/report';
import { isPlainObject } from '../../domain/activity-streams/json-guards';
import { invalid, notFound } from '../../domain/errors/domain-error';
import type { Principal } from '../auth/principal';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { Repositories, UnitOfWork } from '../ports/storage/unit-of-work.port';
import { mailJob } from '../email/mail-jobs';
import type { MailQueued } from '../email/password-recovery.use-cases';
import { assertSameUser } from '../users/same-user';

/** A report as a user files it: who, as whom, and the body `{object: {id}, content?}`. */
export interface FileReportCommand {
  readonly principal: Principal;
  /** The nickname of the path (`/api/user/:nickname/reports`): only that user may report through it. */
  readonly nickname: string;
  readonly body: unknown;
}

/** Who is mailed about a new report: the admins (config `admins`) who have a confirmed address. */
export interface ReportMail {
  readonly admins: readonly string[];
  readonly mailQueued: MailQueued;
}

/**
 * A user reports a post or a person to the node's admins (`POST /api/user/:nickname/reports`, the web UI's
 * "Report" forms). The admins find it on `/main/admin/reports`.
 *
 * Invariants: only the user of the path (401 "Not authorized" for anyone else, as pump.io's `sameUser`); the body
 * names `object.id` (400 `report.bad-object` without), an object or person this server knows (404
 * `report.unknown-object` otherwise); `content`, the reason, is optional text of at most 2000 characters (400
 * `report.bad-reason`); the object's type is the stored one, not what the reporter said; nothing is stored on a
 * refusal. With mail configured (`mail`), each admin with a confirmed address gets a mail about it, queued in the
 * same unit of work as the report (the mail queue is durable, so a mail server that is down delays it only).
 */
export class FileReport {
  constructor(
    private readonly storage: UnitOfWork & Pick<Repositories, 'objects'>,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly mail: ReportMail | null = null,
  ) {}

  async execute(command: FileReportCommand): Promise<Report> {
    assertSameUser(command.principal, command.nickname);
    const body = isPlainObject(command.body) ? command.body : {};
    const object = isPlainObject(body.object) ? body.object : undefined;
    if (object === undefined || typeof object.id !== 'string' || object.id === '') {
      throw invalid('report.bad-object', 'A report names what it is about: object.id.');
    }
    const reason = reportReason(body.content);
    const stored = await this.storage.objects.findById(object.id);
    if (stored === null) throw notFound('report.unknown-object', 'There is no such object or person here.');
    const report: Report = {
      id: this.ids.uuid(),
      reporter: command.nickname,
      target: { id: stored.id, objectType: stored.objectType },
      reason,
      created: this.clock.now().toISOString(),
      status: 'open',
    };
    const mailed = await this.storage.run(async (tx) => {
      await tx.reports.create(report);
      let count = 0;
      for (const admin of this.mail?.admins ?? []) {
        const user = await tx.users.findByNickname(admin);
        if (user?.email === undefined) continue;
        await tx.jobs.enqueue(mailJob({ kind: 'report', nickname: user.nickname, reportId: report.id }));
        count += 1;
      }
      return count;
    });
    if (mailed > 0) this.mail?.mailQueued.nudge();
    return report;
  }
}

/** A report with what the admin page links to: the target's page (its `url`, else its id) and its name. */
export interface ReportListing {
  readonly report: Report;
  readonly targetUrl: string;
  readonly targetName: string | null;
}

/**
 * The reports for the admin page: open ones (the default) or resolved ones, newest first, each with a link to
 * what it is about (an object or person gone since keeps its id as the link).
 */
export class ListReports {
  constructor(private readonly repositories: Pick<Repositories, 'reports' | 'objects'>) {}

  async execute(status: Report['status'] = 'open'): Promise<ReportListing[]> {
    const reports = await this.repositories.reports.list(status);
    const targets = await this.repositories.objects.findManyByIds(reports.map((report) => report.target.id));
    return reports.map((report) => {
      const target = targets.get(report.target.id);
      const url = typeof target?.url === 'string' ? target.url : report.target.id;
      const name = target?.displayName;
      return { report, targetUrl: url, targetName: typeof name === 'string' ? name : null };
    });
  }
}

/** An admin marks a report dealt with; an unknown or already resolved report is a 404 `report.not-open`. */
export class ResolveReport {
  constructor(
    private readonly reports: Repositories['reports'],
    private readonly clock: Clock,
  ) {}

  async execute(id: string, admin: string): Promise<void> {
    if (!(await this.reports.resolve(id, admin, this.clock.now().toISOString()))) {
      throw notFound('report.not-open', 'No open report has this id.');
    }
  }
}
