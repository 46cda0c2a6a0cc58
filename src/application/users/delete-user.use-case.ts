import { ALL_USERS_STREAM } from '../../domain/distribution/stream-names';
import type { Principal } from '../auth/principal';
import type { Repositories, UnitOfWork } from '../ports/storage/unit-of-work.port';
import { findUserOrFail } from './read-user.use-case';
import { assertSameUser } from './same-user';

/** A DELETE of a user: who asks and whose account. */
export interface DeleteUserCommand {
  readonly principal: Principal;
  readonly nickname: string;
  /**
   * An admin deletes the account (`pumphouse ctl users delete`, `/main/admin/users`): the same-user rule does not
   * apply. Set only by adapters that checked the caller is an admin.
   */
  readonly byAdmin?: boolean;
}

/**
 * `DELETE /api/user/:nickname` (docs/protocol.md §3.3): in one unit of work, removes the user record, takes the
 * nickname out of `user:all` and revokes every access token and OAuth 2 bearer token of the user, so no client
 * can act for them again.
 *
 * Invariants: unknown user → 404, then anyone but that user → 401 "Not authorized"; the person, activities and
 * follow graph stay in place, as in pump.io (others' copies and references keep resolving).
 */
export class DeleteUser {
  constructor(private readonly storage: UnitOfWork & Pick<Repositories, 'users'>) {}

  async execute(command: DeleteUserCommand): Promise<void> {
    await findUserOrFail(this.storage.users, command.nickname);
    if (command.byAdmin !== true) assertSameUser(command.principal, command.nickname);
    await this.storage.run(async (tx) => {
      await findUserOrFail(tx.users, command.nickname);
      await tx.users.delete(command.nickname);
      await tx.streams.remove(ALL_USERS_STREAM, command.nickname);
      await tx.tokens.revokeAccessTokens(command.nickname);
      await tx.oauth2.revokeBearerTokensOf(command.nickname);
    });
  }
}
