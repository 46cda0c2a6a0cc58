import type { Invite } from '../../../src/domain/admin/invite';
import type { Report } from '../../../src/domain/admin/report';
import { expectDomainError } from './expect-domain-error';
import { type OpenTestStore, useTestStore } from './test-store';

function anInvite(overrides: Partial<Invite> = {}): Invite {
  return {
    code: 'code-1',
    createdBy: 'root',
    created: '2026-01-01T00:00:00.000Z',
    expires: '2026-01-08T00:00:00.000Z',
    ...overrides,
  };
}

function aReport(overrides: Partial<Report> = {}): Report {
  return {
    id: 'report-1',
    reporter: 'alice',
    target: { id: 'http://a.test/api/note/1', objectType: 'note' },
    reason: 'spam',
    created: '2026-01-01T00:00:00.000Z',
    status: 'open',
    ...overrides,
  };
}

/** The contracts of InviteRepository and ReportRepository, for any adapter. */
export function describeAdminRepositoriesContract(open: OpenTestStore): void {
  describe('InviteRepository', () => {
    const store = useTestStore(open);
    const invites = () => store().storage.invites;

    it('finds what it stored, lists newest first, and refuses a duplicate code', async () => {
      await invites().create(anInvite());
      await invites().create(anInvite({ code: 'code-2', created: '2026-01-02T00:00:00.000Z' }));
      expect(await invites().find('code-1')).toEqual(anInvite());
      expect(await invites().find('code-3')).toBeNull();
      expect((await invites().list()).map((invite) => invite.code)).toEqual(['code-2', 'code-1']);
      await expectDomainError(invites().create(anInvite()), 'conflict', 'invite.exists');
    });

    it('marks an invite used once: the second use and an unknown code answer false', async () => {
      await invites().create(anInvite());
      expect(await invites().markUsed('code-1', 'alice', '2026-01-02T00:00:00.000Z')).toBe(true);
      expect(await invites().markUsed('code-1', 'bob', '2026-01-03T00:00:00.000Z')).toBe(false);
      expect(await invites().markUsed('nope', 'bob', '2026-01-03T00:00:00.000Z')).toBe(false);
      expect(await invites().find('code-1')).toEqual(
        anInvite({ usedBy: 'alice', used: '2026-01-02T00:00:00.000Z' }),
      );
    });

    it('lets exactly one of two concurrent uses win', async () => {
      await invites().create(anInvite());
      const results = await Promise.all([
        invites().markUsed('code-1', 'alice', '2026-01-02T00:00:00.000Z'),
        invites().markUsed('code-1', 'bob', '2026-01-02T00:00:00.000Z'),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('revokes an invite, and answers false for one it does not hold', async () => {
      await invites().create(anInvite());
      expect(await invites().revoke('code-1')).toBe(true);
      expect(await invites().revoke('code-1')).toBe(false);
      expect(await invites().find('code-1')).toBeNull();
    });

    it('keeps a use made in a unit of work that failed out of the store', async () => {
      await invites().create(anInvite());
      await expect(
        store().storage.run(async (tx) => {
          await tx.invites.markUsed('code-1', 'alice', '2026-01-02T00:00:00.000Z');
          throw new Error('the registration failed');
        }),
      ).rejects.toThrow('the registration failed');
      expect((await invites().find('code-1'))?.usedBy).toBeUndefined();
    });
  });

  describe('ReportRepository', () => {
    const store = useTestStore(open);
    const reports = () => store().storage.reports;

    it('finds what it stored, lists by status newest first, and refuses a duplicate id', async () => {
      await reports().create(aReport());
      await reports().create(aReport({ id: 'report-2', created: '2026-01-02T00:00:00.000Z' }));
      expect(await reports().find('report-1')).toEqual(aReport());
      expect(await reports().find('report-3')).toBeNull();
      expect((await reports().list()).map((report) => report.id)).toEqual(['report-2', 'report-1']);
      expect((await reports().list('open')).map((report) => report.id)).toEqual(['report-2', 'report-1']);
      expect(await reports().list('resolved')).toEqual([]);
      await expectDomainError(reports().create(aReport()), 'conflict', 'report.exists');
    });

    it('resolves an open report once, with who and when', async () => {
      await reports().create(aReport());
      expect(await reports().resolve('report-1', 'root', '2026-01-05T00:00:00.000Z')).toBe(true);
      expect(await reports().resolve('report-1', 'other', '2026-01-06T00:00:00.000Z')).toBe(false);
      expect(await reports().resolve('nope', 'root', '2026-01-06T00:00:00.000Z')).toBe(false);
      expect(await reports().find('report-1')).toEqual(
        aReport({ status: 'resolved', resolvedBy: 'root', resolved: '2026-01-05T00:00:00.000Z' }),
      );
      expect(await reports().list('open')).toEqual([]);
      expect((await reports().list('resolved')).map((report) => report.id)).toEqual(['report-1']);
    });
  });
}
