import type Database from 'better-sqlite3';

import type { InviteRepository } from '../../../application/ports/storage/invite-repository.port';
import type { ReportRepository } from '../../../application/ports/storage/report-repository.port';
import type { Invite } from '../../../domain/admin/invite';
import type { Report } from '../../../domain/admin/report';
import { conflict } from '../../../domain/errors/domain-error';
import type { PortMethods, Synchronous } from './port-binding';
import { isUniqueViolation } from './sqlite-errors';

export const INVITE_REPOSITORY_METHODS: PortMethods<InviteRepository> = {
  create: true,
  find: true,
  list: true,
  markUsed: true,
  revoke: true,
};

export const REPORT_REPOSITORY_METHODS: PortMethods<ReportRepository> = {
  create: true,
  find: true,
  list: true,
  resolve: true,
};

interface DocRow {
  doc: string;
}

const parsed = <T>(row: DocRow | undefined): T | null =>
  row === undefined ? null : (JSON.parse(row.doc) as T);

/**
 * The synchronous body of {@link InviteRepository} over `invites` (the invite whole as JSON, keyed by code).
 * `markUsed` is one UPDATE guarded by `usedBy` being absent, so two processes using one code cannot both win.
 */
export class SqliteInviteRepository implements Synchronous<InviteRepository> {
  private readonly insert: Database.Statement<[string, string, string]>;
  private readonly select: Database.Statement<[string], DocRow>;
  private readonly selectAll: Database.Statement<[], DocRow>;
  private readonly use: Database.Statement<[string, string, string]>;
  private readonly remove: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO invites (code, created, doc) VALUES (?, ?, ?)');
    this.select = db.prepare('SELECT doc FROM invites WHERE code = ?');
    this.selectAll = db.prepare('SELECT doc FROM invites ORDER BY created DESC');
    this.use = db.prepare(
      "UPDATE invites SET doc = json_set(doc, '$.usedBy', ?, '$.used', ?) " +
        "WHERE code = ? AND json_extract(doc, '$.usedBy') IS NULL",
    );
    this.remove = db.prepare('DELETE FROM invites WHERE code = ?');
  }

  create(invite: Invite): void {
    try {
      this.insert.run(invite.code, invite.created, JSON.stringify(invite));
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('invite.exists', 'This invite code exists.');
      throw error;
    }
  }

  find(code: string): Invite | null {
    return parsed<Invite>(this.select.get(code));
  }

  list(): Invite[] {
    return this.selectAll.all().map((row) => JSON.parse(row.doc) as Invite);
  }

  markUsed(code: string, nickname: string, at: string): boolean {
    return this.use.run(nickname, at, code).changes > 0;
  }

  revoke(code: string): boolean {
    return this.remove.run(code).changes > 0;
  }
}

/**
 * The synchronous body of {@link ReportRepository} over `reports` (the report whole as JSON, with its status
 * beside it for the admin page's lists). `resolve` is one UPDATE guarded by the status.
 */
export class SqliteReportRepository implements Synchronous<ReportRepository> {
  private readonly insert: Database.Statement<[string, string, string, string]>;
  private readonly select: Database.Statement<[string], DocRow>;
  private readonly selectAll: Database.Statement<[], DocRow>;
  private readonly selectByStatus: Database.Statement<[string], DocRow>;
  private readonly markResolved: Database.Statement<[string, string, string]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO reports (id, status, created, doc) VALUES (?, ?, ?, ?)');
    this.select = db.prepare('SELECT doc FROM reports WHERE id = ?');
    this.selectAll = db.prepare('SELECT doc FROM reports ORDER BY created DESC');
    this.selectByStatus = db.prepare('SELECT doc FROM reports WHERE status = ? ORDER BY created DESC');
    this.markResolved = db.prepare(
      "UPDATE reports SET status = 'resolved', " +
        "doc = json_set(doc, '$.status', 'resolved', '$.resolvedBy', ?, '$.resolved', ?) " +
        "WHERE id = ? AND status = 'open'",
    );
  }

  create(report: Report): void {
    try {
      this.insert.run(report.id, report.status, report.created, JSON.stringify(report));
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('report.exists', 'This report exists.');
      throw error;
    }
  }

  find(id: string): Report | null {
    return parsed<Report>(this.select.get(id));
  }

  list(status?: Report['status']): Report[] {
    const rows = status === undefined ? this.selectAll.all() : this.selectByStatus.all(status);
    return rows.map((row) => JSON.parse(row.doc) as Report);
  }

  resolve(id: string, by: string, at: string): boolean {
    return this.markResolved.run(by, at, id).changes > 0;
  }
}
