import { gone, notFound } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Viewer } from '../../domain/visibility/visibility';
import type { Repositories } from '../ports/storage/unit-of-work.port';
import type { UserRecord } from '../ports/storage/user-repository.port';
import { viewUser, type UserView } from './user-view';

/** Whose account, and who is looking. */
export interface ReadUserCommand {
  readonly nickname: string;
  readonly viewer: Viewer;
}

/**
 * The user, or a `not-found` DomainError (`user.not-found`, 404) with pump.io's wording, or for a deleted account a
 * `gone` one (`user.deleted`, 410): whatever names a deleted user answers 410, as its tombstoned objects do.
 */
export async function findUserOrFail(users: Repositories['users'], nickname: string): Promise<UserRecord> {
  const user = await users.findByNickname(nickname);
  if (user === null) throw notFound('user.not-found', `No such user: ${nickname}`);
  if (user.deleted !== undefined) throw gone('user.deleted', `The user ${nickname} was deleted.`);
  return user;
}

/**
 * `GET /api/user/:nickname` and `GET /api/user/:nickname/profile` (docs/protocol.md §3.3, §3.4): the user and
 * their person with feed counts. Unknown user → 404. Anyone authenticated may read; what the viewer may see of
 * the record (email, settings) is the presenter's business, driven by `isSelf`.
 */
export class ReadUser {
  constructor(
    private readonly repositories: Pick<Repositories, 'users' | 'objects' | 'follows' | 'streams'>,
    private readonly site: SiteUrls,
  ) {}

  async execute(command: ReadUserCommand): Promise<UserView> {
    const user = await findUserOrFail(this.repositories.users, command.nickname);
    return viewUser(this.repositories, this.site, user, command.viewer);
  }
}
