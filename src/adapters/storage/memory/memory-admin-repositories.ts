import type { InviteRepository } from '../../../application/ports/storage/invite-repository.port';
import type { ReportRepository } from '../../../application/ports/storage/report-repository.port';
import type { Invite } from '../../../domain/admin/invite';
import type { Report } from '../../../domain/admin/report';
import { conflict } from '../../../domain/errors/domain-error';
import { copyJson } from './json-copy';
import type { MemoryGate } from './memory-gate';
import { MemoryTable } from './memory-table';

/** The invites and reports of a memory store. */
export class MemoryAdminTables {
  readonly invites = new MemoryTable<Invite>();
  readonly reports = new MemoryTable<Report>();
}

const newestFirst = <T extends { created: string }>(rows: Iterable<T>): T[] =>
  [...rows].sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0));

/** {@link InviteRepository} over process memory; records are frozen copies. */
export class MemoryInviteRepository implements InviteRepository {
  constructor(
    private readonly tables: MemoryAdminTables,
    private readonly gate: MemoryGate,
  ) {}

  create(invite: Invite): Promise<void> {
    const copy = Object.freeze(copyJson(invite));
    return this.gate.run((undo) => {
      if (this.tables.invites.has(copy.code)) throw conflict('invite.exists', 'This invite code exists.');
      this.tables.invites.set(copy.code, copy, undo);
    });
  }

  find(code: string): Promise<Invite | null> {
    return this.gate.run(() => this.tables.invites.get(code) ?? null);
  }

  list(): Promise<Invite[]> {
    return this.gate.run(() =>
      newestFirst(Array.from(this.tables.invites.entries(), ([, invite]) => invite)),
    );
  }

  markUsed(code: string, nickname: string, at: string): Promise<boolean> {
    return this.gate.run((undo) => {
      const invite = this.tables.invites.get(code);
      if (invite === undefined || invite.usedBy !== undefined) return false;
      this.tables.invites.set(code, Object.freeze({ ...invite, usedBy: nickname, used: at }), undo);
      return true;
    });
  }

  revoke(code: string): Promise<boolean> {
    return this.gate.run((undo) => this.tables.invites.delete(code, undo));
  }
}

/** {@link ReportRepository} over process memory; records are frozen copies. */
export class MemoryReportRepository implements ReportRepository {
  constructor(
    private readonly tables: MemoryAdminTables,
    private readonly gate: MemoryGate,
  ) {}

  create(report: Report): Promise<void> {
    const copy = Object.freeze(copyJson(report));
    return this.gate.run((undo) => {
      if (this.tables.reports.has(copy.id)) throw conflict('report.exists', 'This report exists.');
      this.tables.reports.set(copy.id, copy, undo);
    });
  }

  find(id: string): Promise<Report | null> {
    return this.gate.run(() => this.tables.reports.get(id) ?? null);
  }

  list(status?: Report['status']): Promise<Report[]> {
    return this.gate.run(() =>
      newestFirst(
        Array.from(this.tables.reports.entries(), ([, report]) => report).filter(
          (report) => status === undefined || report.status === status,
        ),
      ),
    );
  }

  resolve(id: string, by: string, at: string): Promise<boolean> {
    return this.gate.run((undo) => {
      const report = this.tables.reports.get(id);
      if (report === undefined || report.status !== 'open') return false;
      const resolved: Report = { ...report, status: 'resolved', resolvedBy: by, resolved: at };
      this.tables.reports.set(id, Object.freeze(resolved), undo);
      return true;
    });
  }
}
