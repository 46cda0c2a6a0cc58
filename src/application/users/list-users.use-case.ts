import { ALL_USERS_STREAM } from '../../domain/distribution/stream-names';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Viewer } from '../../domain/visibility/visibility';
import type { StreamRange } from '../ports/storage/stream-repository.port';
import type { Repositories } from '../ports/storage/unit-of-work.port';
import type { UserRecord } from '../ports/storage/user-repository.port';
import { viewUser, type UserView } from './user-view';

/** Which page of the users, and who is looking. */
export interface ListUsersCommand {
  readonly range: StreamRange;
  readonly viewer: Viewer;
}

/** A page of `/api/users`: the users in stream order, and the size of the whole list. */
export interface UsersPage {
  readonly totalItems: number;
  readonly users: readonly UserView[];
}

/**
 * `GET /api/users` (docs/protocol.md §3.2): the users registered through the API, newest first, paged by
 * offset or by nickname (`since`/`before`).
 *
 * Invariants: config-seeded users are not in `user:all`, so they are not listed (as in pump.io); a nickname in
 * the stream whose user was deleted meanwhile is skipped rather than failing the page; an unknown cursor is the
 * stream's `invalid` error (400).
 */
export class ListUsers {
  constructor(
    private readonly repositories: Pick<Repositories, 'users' | 'objects' | 'follows' | 'streams'>,
    private readonly site: SiteUrls,
  ) {}

  async execute(command: ListUsersCommand): Promise<UsersPage> {
    const { streams, users } = this.repositories;
    const [totalItems, nicknames] = await Promise.all([
      streams.count(ALL_USERS_STREAM),
      streams.page(ALL_USERS_STREAM, command.range),
    ]);
    const records = await Promise.all(nicknames.map((nickname) => users.findByNickname(nickname)));
    const present = records.filter((record): record is UserRecord => record !== null);
    const views = await Promise.all(
      present.map((user) => viewUser(this.repositories, this.site, user, command.viewer)),
    );
    return { totalItems, users: views };
  }
}
