import { assertEmailAddress } from '../../domain/email/email-address';
import type { EmailConfirmations } from '../email/email-confirmations';
import type { AsObject } from '../../domain/activity-streams/as-object';
import { conflict, invalid } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import { assertAcceptablePassword } from '../../domain/users/password';
import type { Principal } from '../auth/principal';
import { scrubObject } from '../activities/content-scrubbing';
import type { Clock } from '../ports/clock.port';
import type { HtmlSanitizer } from '../ports/html-sanitizer.port';
import type { PasswordHasher } from '../ports/password-hasher.port';
import type { Repositories, UnitOfWork } from '../ports/storage/unit-of-work.port';
import type { UserRecord } from '../ports/storage/user-repository.port';
import { findUserOrFail } from './read-user.use-case';
import { assertSameUser } from './same-user';
import { isoSeconds } from './timestamps';
import { extraFieldsOf, optionalEmail, userBody } from './user-fields';
import { viewUser, type UserView } from './user-view';

/** A PUT of a user: who asks, whose account, and the body as sent. */
export interface UpdateUserCommand {
  readonly principal: Principal;
  readonly nickname: string;
  readonly body: unknown;
}

/**
 * `PUT /api/user/:nickname` (docs/protocol.md §3.3): the user changes their password, email and extra
 * properties.
 *
 * Invariants: unknown user → 404, then anyone but that user → 401 "Not authorized"; the body must repeat the
 * nickname and carry an acceptable password (re-hashed); a password other than the one in use is a change, and
 * a change needs proof of the current password in `currentPassword` (stricter than pump.io: whoever holds a
 * token, or a browser left logged in, cannot lock the owner out); `published`, `updated` and `profile` (id,
 * objectType, displayName) may be sent only unchanged; other properties are shallow-merged into the stored
 * extras, their HTML cleaned as an object's (§4.6). With mail configured, a new `email` is confirmed at the new
 * address before it replaces the one in use (EmailConfirmations). Every violation is a 400 (pump.io answers 500) and changes
 * nothing.
 */
export class UpdateUser {
  constructor(
    private readonly storage: UnitOfWork & Pick<Repositories, 'users'>,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly site: SiteUrls,
    private readonly sanitizer: HtmlSanitizer,
    private readonly confirmations: EmailConfirmations | null = null,
  ) {}

  async execute(command: UpdateUserCommand): Promise<UserView> {
    const { nickname, principal } = command;
    // pump.io's order: the user must exist (404) before the sameUser check (401); both before the slow hash.
    const before = await findUserOrFail(this.storage.users, nickname);
    assertSameUser(principal, nickname);
    const body = userBody(command.body);
    if (body.nickname !== nickname) {
      throw invalid('user.nickname-mismatch', 'Nickname in the body must match the user.');
    }
    const password = assertAcceptablePassword(body.password);
    const sent = optionalEmail(body);
    const notifications = body.emailNotifications;
    if (notifications !== undefined && typeof notifications !== 'boolean') {
      throw invalid('user.bad-email-notifications', "'emailNotifications' must be true or false.");
    }
    const email = sent === undefined || this.confirmations === null ? sent : assertEmailAddress(sent);
    await this.assertProofOfCurrentPassword(body.currentPassword, password, before.passwordHash);
    const passwordHash = await this.hasher.hash(password);
    let mailed = false;
    const view = await this.storage.run(async (tx) => {
      const stored = await findUserOrFail(tx.users, nickname);
      if (stored.passwordHash !== before.passwordHash) {
        // The proof above was checked against a password changed since: make the caller prove it again.
        throw conflict('user.password-changed', 'The password was changed meanwhile; try again.');
      }
      const person = await tx.objects.findById(stored.profileId);
      assertUnchanged(body, stored, person);
      const changed: UserRecord = {
        ...stored,
        passwordHash,
        ...(notifications === undefined ? {} : { emailNotifications: notifications }),
        extra: { ...(stored.extra ?? {}), ...scrubObject(extraFieldsOf(body), this.sanitizer) },
        updated: isoSeconds(this.clock.now()),
      };
      const updated = await this.withEmail(tx, changed, email);
      mailed = updated.pendingEmail !== stored.pendingEmail && updated.pendingEmail !== undefined;
      await tx.users.update(updated);
      return viewUser(tx, this.site, updated, { id: updated.profileId });
    });
    if (mailed) this.confirmations?.queued();
    return view;
  }

  /**
   * A new address takes effect at once when mail is not configured (there is no way to check it); with mail, it
   * is pending and confirmed at the new address, the current one staying in use until then. The address in use
   * sent again changes nothing.
   */
  private async withEmail(
    tx: Repositories,
    user: UserRecord,
    email: string | undefined,
  ): Promise<UserRecord> {
    if (email === undefined || email === user.email) return user;
    if (this.confirmations === null || !this.confirmations.confirmsByMail) return { ...user, email };
    if (user.pendingEmail?.address === email) return user;
    return this.confirmations.request(tx, user, email);
  }

  /**
   * A new password needs the current one. pump.io clients send `password` on every PUT, so sending the password
   * already in use is no change and proves itself; anything else needs `currentPassword` to match.
   */
  private async assertProofOfCurrentPassword(
    currentPassword: unknown,
    password: string,
    storedHash: string,
  ): Promise<void> {
    if (currentPassword === undefined || currentPassword === '') {
      if (await this.hasher.verify(password, storedHash)) return;
      throw invalid(
        'user.current-password-required',
        "A new password needs the current one, sent as 'currentPassword'.",
      );
    }
    if (typeof currentPassword !== 'string' || !(await this.hasher.verify(currentPassword, storedHash))) {
      throw invalid('user.wrong-current-password', 'The current password is wrong.');
    }
  }
}

/** `published`, `updated` and the profile's id, objectType and displayName may only be sent as stored. */
function assertUnchanged(body: Record<string, unknown>, user: UserRecord, person: AsObject | null): void {
  const mismatch = (field: string): never => {
    throw invalid('user.immutable', `Cannot change '${field}' of a user.`);
  };
  if (body.published !== undefined && body.published !== user.published) mismatch('published');
  if (body.updated !== undefined && body.updated !== user.updated) mismatch('updated');
  if (body.profile === undefined) return;
  const profile = body.profile;
  if (profile === null || typeof profile !== 'object' || Array.isArray(profile)) mismatch('profile');
  const sent = profile as Record<string, unknown>;
  for (const key of ['id', 'objectType', 'displayName'] as const) {
    if (sent[key] !== undefined && sent[key] !== (person?.[key] ?? undefined)) mismatch(`profile.${key}`);
  }
}
