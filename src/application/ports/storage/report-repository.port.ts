import type { Report } from '../../../domain/admin/report';

/**
 * Reports of posts and people by users to the admins, shared by every worker.
 *
 * Every adapter honours: `create` stores a new report (a duplicate id is a `conflict` `report.exists`);
 * `find` answers the report with this id, or null; `list` answers the reports with the given status (every
 * report without one), newest `created` first; `resolve` marks an open report resolved by `by` at `at` and
 * answers whether it did (false for an unknown or already resolved report, which it leaves as it is).
 */
export interface ReportRepository {
  create(report: Report): Promise<void>;
  find(id: string): Promise<Report | null>;
  list(status?: Report['status']): Promise<Report[]>;
  resolve(id: string, by: string, at: string): Promise<boolean>;
}
export const ReportRepository = Symbol('ReportRepository');
