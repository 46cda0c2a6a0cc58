import {
  ListAccounts,
  ResetAccountPassword,
  SetAccountDisabled,
} from '../../application/admin/account-admin.use-cases';
import { CreateInvite, ListInvites, RevokeInvite } from '../../application/admin/invites.use-cases';
import { FileReport, ListReports, ResolveReport } from '../../application/admin/reports.use-cases';
import type { Email } from './email';
import type { Ports } from './ports';

/** The admin tools (README "Admin tools"): accounts, invites and reports, each built once. */
export interface AdminUseCases {
  readonly listAccounts: ListAccounts;
  readonly setAccountDisabled: SetAccountDisabled;
  readonly resetPassword: ResetAccountPassword;
  readonly createInvite: CreateInvite;
  readonly listInvites: ListInvites;
  readonly revokeInvite: RevokeInvite;
  readonly fileReport: FileReport;
  readonly listReports: ListReports;
  readonly resolveReport: ResolveReport;
}

/** Builds {@link AdminUseCases} from the ports. */
export function buildAdmin(ports: Ports, email: Email): AdminUseCases {
  const { storage, clock, ids, passwords, config } = ports;
  // With mail, the admins hear of each report (README "Admin tools").
  const reportMail = email.settings.enabled ? { admins: config.admins, mailQueued: email.mailQueued } : null;
  return {
    listAccounts: new ListAccounts(storage),
    setAccountDisabled: new SetAccountDisabled(storage, clock),
    resetPassword: new ResetAccountPassword(storage, passwords, ids, clock),
    createInvite: new CreateInvite(storage.invites, ids, clock),
    listInvites: new ListInvites(storage.invites),
    revokeInvite: new RevokeInvite(storage.invites),
    fileReport: new FileReport(storage, ids, clock, reportMail),
    listReports: new ListReports(storage),
    resolveReport: new ResolveReport(storage.reports, clock),
  };
}
