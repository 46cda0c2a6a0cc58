import { ObjectType } from '../../domain/activity-streams/object-types';
import { invalid, isDomainError } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import { parseFollowImport } from '../../domain/users/follow-import';
import type { Principal } from '../auth/principal';
import type { PostActivity } from '../activities/post-activity.use-case';
import type { Repositories } from '../ports/storage/unit-of-work.port';
import { findUserOrFail } from './read-user.use-case';
import { assertSameUser } from './same-user';

/** Who imports into whose account, and the file's text. */
export interface ImportFollowsCommand {
  readonly principal: Principal;
  readonly nickname: string;
  readonly text: string;
}

/** What happened to one line: `followed`, `already-following`, `not-found` (no such local user) or `invalid`. */
export interface ImportedFollow {
  readonly source: string;
  readonly outcome: 'followed' | 'already-following' | 'not-found' | 'invalid';
  readonly id?: string;
  readonly message?: string;
}

/**
 * `POST /api/user/:nickname/following/import` and the account page's import form: each person of a pump.io
 * "following" collection or of a list of addresses (see parseFollowImport) is followed through PostActivity, as a
 * `follow` posted by the user, so a remote follow goes out through federation as any other.
 *
 * Invariants: only the user (401 otherwise); more entries than `maxEntries` → 400 and nothing is followed; an
 * unreadable file → 400; otherwise one outcome per entry, in order, and a bad line never stops the others. A
 * remote person is `followed` once the follow is posted: whether their server knows them is learnt later, by the
 * delivery.
 */
export class ImportFollows {
  constructor(
    private readonly repositories: Pick<Repositories, 'users' | 'follows'>,
    private readonly post: Pick<PostActivity, 'execute'>,
    private readonly site: SiteUrls,
    private readonly maxEntries: number,
  ) {}

  async execute(command: ImportFollowsCommand): Promise<ImportedFollow[]> {
    const user = await findUserOrFail(this.repositories.users, command.nickname);
    assertSameUser(command.principal, user.nickname);
    const entries = parseFollowImport(command.text, this.site);
    if (entries.length > this.maxEntries) {
      throw invalid(
        'follow-import.too-many',
        `An import may hold at most ${this.maxEntries} people; this one holds ${entries.length}.`,
      );
    }
    const results: ImportedFollow[] = [];
    for (const entry of entries) {
      if ('error' in entry) {
        results.push({ source: entry.source, outcome: 'invalid', message: entry.error });
      } else {
        results.push({
          source: entry.source,
          id: entry.personId,
          ...(await this.follow(command, entry.personId)),
        });
      }
    }
    return results;
  }

  private async follow(
    command: ImportFollowsCommand,
    personId: string,
  ): Promise<Pick<ImportedFollow, 'outcome' | 'message'>> {
    if (personId === this.site.personId(command.nickname)) {
      return { outcome: 'invalid', message: 'That is you.' };
    }
    const local = this.site.nicknameOfPersonId(personId);
    if (local !== null) {
      const followee = await this.repositories.users.findByNickname(local);
      if (followee === null || followee.deleted !== undefined) {
        return { outcome: 'not-found', message: `No such user: ${local}` };
      }
    }
    if (await this.repositories.follows.isFollowing(this.site.personId(command.nickname), personId)) {
      return { outcome: 'already-following' };
    }
    const origin = { kind: 'local', principal: command.principal, nickname: command.nickname } as const;
    try {
      await this.post.execute({
        origin,
        body: { verb: 'follow', object: { id: personId, objectType: ObjectType.PERSON } },
      });
      return { outcome: 'followed' };
    } catch (error) {
      // A refusal of this one follow (already following meanwhile, a bad id) is reported on its line.
      if (!isDomainError(error)) throw error;
      const outcome = error.code.endsWith('already-following')
        ? 'already-following'
        : error.kind === 'not-found'
          ? 'not-found'
          : 'invalid';
      return { outcome, message: error.message };
    }
  }
}
