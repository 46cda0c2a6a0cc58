import { ObjectType } from '../../domain/activity-streams/object-types';
import { publicCollectionAddress } from '../../domain/activity-streams/well-known-ids';
import { PERSON_FILTERS, personFilterStreamName } from '../../domain/blocking/person-filters';
import { ALL_USERS_STREAM } from '../../domain/distribution/stream-names';
import { gone, invalid, isDomainError, notFound } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Principal } from '../auth/principal';
import type { PostActivity } from '../activities/post-activity.use-case';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { PasswordHasher } from '../ports/password-hasher.port';
import type { Repositories, UnitOfWork } from '../ports/storage/unit-of-work.port';
import type { UserRecord } from '../ports/storage/user-repository.port';
import { ownLiveObjects } from './own-objects';
import { assertSameUser } from './same-user';
import { isoSeconds } from './timestamps';

/** A deletion of a user: who asks and whose account. */
export interface DeleteUserCommand {
  readonly principal: Principal;
  readonly nickname: string;
  /**
   * The password asked again (the web form sends it); when given it must be the user's. The API's `DELETE`, as
   * pump.io's, asks none: its OAuth token is the proof.
   */
  readonly password?: string;
  /**
   * Done by an admin (`pumphouse ctl users delete`): the principal need not be the user and no password is asked.
   * It also finishes a deletion that was cut short (a deleted account is then cleaned up again, not refused).
   */
  readonly byAdmin?: boolean;
}

/** What {@link DeleteUser} works with. */
export interface DeleteUserDependencies {
  /** Publishes the `delete` activities: the object tombstones and the person's (DeleteObject's path). */
  readonly post: Pick<PostActivity, 'execute'>;
  readonly passwords: Pick<PasswordHasher, 'verify'>;
  readonly clock: Clock;
  readonly site: SiteUrls;
  /** Told of an object the delete verb refused (the deletion goes on without it). */
  readonly logger: Pick<Logger, 'warn'>;
}

/**
 * `DELETE /api/user/:nickname` (docs/protocol.md §3.3), the account page's delete form, and the admin's delete:
 * 1. in one unit of work the record becomes a deleted marker (no password, address or extras; `deleted` set),
 *    the nickname leaves `user:all`, every access token, bearer token and web session of the user is revoked;
 * 2. each live object the user authored (outbox and uploads) gets a `delete` activity posted for the user, exactly
 *    as `DELETE /api/<type>/<uuid>` does: a tombstone, the usual recipients told, an upload's files removed;
 * 3. a `delete` of the person goes to their followers (local inboxes and every remote server that has one, through
 *    the distribution and delivery queues) and the public.
 *
 * Invariants: unknown user → 404, a deleted one → 410 (unless `byAdmin`); anyone but that user → 401 unless
 * `byAdmin`; a wrong `password` → 400 and nothing changes. The marker keeps the nickname taken in every case
 * (`UserRepository.create` compares without case), so it can never be registered again; the person, activities
 * and follow graph stay, so others' copies and references resolve (to tombstones).
 */
export class DeleteUser {
  constructor(
    private readonly storage: UnitOfWork & Repositories,
    private readonly deps: DeleteUserDependencies,
  ) {}

  async execute(command: DeleteUserCommand): Promise<void> {
    const { nickname } = command;
    const user = await this.storage.users.findByNickname(nickname);
    if (user === null) throw notFound('user.not-found', `No such user: ${nickname}`);
    if (command.byAdmin !== true) {
      assertSameUser(command.principal, nickname);
      if (user.deleted !== undefined) throw gone('user.deleted', `The user ${nickname} was deleted.`);
      await this.checkPassword(user, command.password);
    }
    await this.retire(nickname);
    const principal: Principal = {
      clientId: null,
      user: { nickname, personId: user.profileId },
      remoteActor: null,
      generator: null,
    };
    const origin = { kind: 'local', principal, nickname } as const;
    const self = { id: user.profileId, objectType: ObjectType.PERSON };
    for (const object of await ownLiveObjects(this.storage, nickname, user.profileId)) {
      // To the user alone: an object never posted (an upload kept back) has no audience to copy, and a list's
      // creation went to the followers of its day (none, for the lists of a registration): today's followers'
      // servers never had it and would refuse its delete, turning the deletion into dead letters.
      const toSelfOnly =
        object.objectType === ObjectType.COLLECTION ||
        (await this.storage.activities.findCreation(object.id)) === null;
      const body = {
        verb: 'delete',
        object: { id: object.id, objectType: object.objectType },
        ...(toSelfOnly && { to: [self] }),
      };
      try {
        await this.deps.post.execute({ origin, body });
      } catch (error) {
        // One object the delete verb refuses must not leave the rest of the account standing.
        if (!isDomainError(error)) throw error;
        this.deps.logger.warn({ nickname, objectId: object.id, code: error.code }, 'object kept at deletion');
      }
    }
    const person = await this.storage.objects.findById(user.profileId);
    if (person !== null && person.deleted === undefined) {
      await this.deps.post.execute({
        origin,
        body: {
          verb: 'delete',
          object: { id: person.id, objectType: ObjectType.PERSON },
          to: [{ id: this.deps.site.followersCollectionId(nickname), objectType: ObjectType.COLLECTION }],
          cc: [publicCollectionAddress()],
        },
      });
    }
  }

  private async checkPassword(user: UserRecord, password: string | undefined): Promise<void> {
    if (password === undefined) return;
    if (!(await this.deps.passwords.verify(password, user.passwordHash))) {
      throw invalid('user.wrong-password', 'The password is wrong; the account was not deleted.');
    }
  }

  private async retire(nickname: string): Promise<void> {
    const now = isoSeconds(this.deps.clock.now());
    await this.storage.run(async (tx) => {
      const stored = await tx.users.findByNickname(nickname);
      if (stored === null) throw notFound('user.not-found', `No such user: ${nickname}`);
      const marker: UserRecord = {
        nickname: stored.nickname,
        passwordHash: '',
        profileId: stored.profileId,
        published: stored.published,
        updated: now,
        deleted: stored.deleted ?? now,
      };
      await tx.users.update(marker);
      await tx.streams.remove(ALL_USERS_STREAM, nickname);
      await tx.tokens.revokeAccessTokens(nickname);
      await tx.oauth2.revokeBearerTokensOf(nickname);
      await tx.sessions.destroyOfUser(nickname);
      // Whom the user blocked and muted is theirs alone (README, "Blocking and muting"): it goes with the account.
      for (const filter of PERSON_FILTERS) {
        const stream = personFilterStreamName(nickname, filter);
        for (let page = await tx.streams.page(stream, { count: 200 }); page.length > 0;) {
          for (const person of page) await tx.streams.remove(stream, person);
          page = await tx.streams.page(stream, { count: 200 });
        }
      }
    });
  }
}
