import { assertEmailAddress } from '../../domain/email/email-address';
import type { EmailConfirmations } from '../email/email-confirmations';
import type { AsObject } from '../../domain/activity-streams/as-object';
import { assertInviteUsable } from '../../domain/admin/invite';
import type { NicknameBlockList } from '../../domain/admin/nickname-block-list';
import { conflict, forbidden } from '../../domain/errors/domain-error';
import { localPerson } from '../../domain/site/local-person';
import type { SiteUrls } from '../../domain/site/site-urls';
import { ALL_USERS_STREAM } from '../../domain/distribution/stream-names';
import { assertValidNickname } from '../../domain/users/nickname';
import { assertAcceptablePassword } from '../../domain/users/password';
import { scrubObject } from '../activities/content-scrubbing';
import type { Clock } from '../ports/clock.port';
import type { HtmlSanitizer } from '../ports/html-sanitizer.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { PasswordHasher } from '../ports/password-hasher.port';
import type { AccessToken } from '../ports/storage/oauth-token-repository.port';
import type { Repositories } from '../ports/storage/unit-of-work.port';
import type { UserRecord } from '../ports/storage/user-repository.port';
import type { ActivityPublication } from './activity-publication';
import { registrationWrites } from './registration-writes';
import { isoSeconds } from './timestamps';
import { extraFieldsOf, optionalEmail, userBody } from './user-fields';
import { viewUser, type UserView } from './user-view';

/** A registration: the body the client sent and the client that signed it (null for a browser session). */
export interface RegisterUserCommand {
  readonly body: unknown;
  readonly clientId: string | null;
  /** The registering client as an object, the join activity's `generator` as pump.io stamps it; none for a page. */
  readonly generator?: AsObject | null;
  /**
   * An admin makes the account (`pumphouse ctl users create`): closed or invite-only registration and the
   * nickname block list do not apply. Set only by adapters that checked the caller is an admin.
   */
  readonly byAdmin?: boolean;
}

/** The new user, and the access token of the registering client when there is one. */
export interface Registration {
  readonly view: UserView;
  readonly token: AccessToken | null;
}

/** Site settings registration depends on. */
export interface RegistrationSettings {
  /** The site's name (config `site`), used in the welcome note. */
  readonly siteName: string;
  /** Config `disableRegistration`: every registration is refused with 403. */
  readonly disableRegistration?: boolean;
  /**
   * Config `registration`: `open` (anyone), `invite` (a valid, unused, unexpired invite code in the body's
   * `invite`) or `closed` (as `disableRegistration`); `open` when absent.
   */
  readonly registration?: 'open' | 'invite' | 'closed';
  /** Nicknames no one may register (config `blockedNicknames` and the defaults); none when absent. */
  readonly blockedNicknames?: NicknameBlockList;
}

/** OAuth access tokens are 16 random bytes and their secrets 32, as pump.io makes them. */
const TOKEN_BYTES = 16;
const TOKEN_SECRET_BYTES = 32;

/**
 * `POST /api/users` (docs/protocol.md §3.1): checks the nickname and password, hashes the password, then in ONE
 * unit of work creates the user record, the person, the lists and collections, appends the nickname to `user:all`,
 * gives the registering client an access token, and publishes the join/welcome/list activities through the
 * publish use case, which distributes them (the new user's inbox has them) before the call returns.
 *
 * Invariants: a refused registration changes nothing (bad nickname or password → 400, taken nickname → 409,
 * disabled or closed → 403; a blocked nickname → 400 `user.nickname-blocked`; invite-only without a usable
 * code → 403 `user.invite-*`, and the code is marked used in the same unit of work as the account, so one code
 * makes one account; with `requireEmail`, no or a bad address → 400); an admin's registration (`byAdmin`) skips
 * the registration mode and the block list; the password is never stored, only its hash; extra body properties are kept on the record
 * (`_`-prefixed and server-owned keys are dropped, HTML in them cleaned as an object's, §4.6); the record's
 * `published`/`updated` have no milliseconds. When mail is configured, an address given is
 * kept as pending and a confirmation link is mailed to it in the same unit of work (EmailConfirmations); with
 * `requireEmail` the account may act only once it is confirmed (AccountStanding).
 */
export class RegisterUser {
  constructor(
    private readonly publisher: ActivityPublication,
    private readonly hasher: PasswordHasher,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly site: SiteUrls,
    private readonly settings: RegistrationSettings,
    private readonly sanitizer: HtmlSanitizer,
    private readonly confirmations: EmailConfirmations | null = null,
  ) {}

  async execute(command: RegisterUserCommand): Promise<Registration> {
    const mode =
      this.settings.disableRegistration === true ? 'closed' : (this.settings.registration ?? 'open');
    const byAdmin = command.byAdmin === true;
    if (mode === 'closed' && !byAdmin) {
      throw forbidden('user.registration-disabled', 'No registration allowed.');
    }
    const body = userBody(command.body);
    const nickname = assertValidNickname(body.nickname);
    if (!byAdmin) this.settings.blockedNicknames?.assertAllowed(nickname);
    const inviteCode = mode === 'invite' && !byAdmin ? inviteCodeOf(body) : null;
    const password = assertAcceptablePassword(body.password);
    const requireEmail = this.confirmations?.settings.requireEmail === true;
    const email = requireEmail ? assertEmailAddress(body.email) : optionalEmail(body);
    // With mail, an address is the user's only once its link was followed; without, there is no way to check it.
    const confirmByMail = email !== undefined && this.confirmations?.confirmsByMail === true;
    const extra = scrubObject(extraFieldsOf(body), this.sanitizer);
    // bcrypt is slow on purpose: hash before the unit of work, which may hold a store-wide lock.
    const passwordHash = await this.hasher.hash(password);
    const now = isoSeconds(this.clock.now());
    const user: UserRecord = {
      nickname,
      passwordHash,
      profileId: this.site.personId(nickname),
      ...(email === undefined || confirmByMail ? {} : { email }),
      ...(Object.keys(extra).length === 0 ? {} : { extra }),
      published: now,
      updated: now,
    };
    const person = localPerson(this.site, nickname);
    const writes = registrationWrites({
      site: this.site,
      siteName: this.settings.siteName,
      nickname,
      now,
      uuid: () => this.ids.uuid(),
      generator: command.generator ?? null,
    });
    const candidate: AccessToken | null =
      command.clientId === null
        ? null
        : {
            token: this.ids.token(TOKEN_BYTES),
            secret: this.ids.token(TOKEN_SECRET_BYTES),
            clientId: command.clientId,
            nickname,
            created: this.clock.now().toISOString(),
          };

    const registration = await this.publisher.publishComposed(async (tx) => {
      const existing = await tx.users.findByNickname(nickname);
      if (existing?.deleted !== undefined) {
        // The marker DeleteUser leaves (a case variant of it is refused by `create` as any taken nickname).
        throw conflict('user.nickname-retired', `The nickname ${nickname} belonged to a deleted account.`);
      }
      if (existing !== null) {
        throw conflict('user.exists', `A user named ${nickname} already exists.`);
      }
      if (inviteCode !== null) await useInvite(tx, inviteCode, nickname, this.clock.now());
      const stored =
        confirmByMail && email !== undefined && this.confirmations !== null
          ? await this.confirmations.request(tx, user, email)
          : user;
      await tx.users.create(stored);
      await tx.objects.save(person);
      for (const object of writes.objects) await tx.objects.save(object);
      for (const [stream, item] of writes.appends) await tx.streams.append(stream, item);
      await tx.streams.append(ALL_USERS_STREAM, nickname);
      const token = candidate === null ? null : await tx.tokens.findOrCreateAccessToken(candidate);
      const view = await viewUser(tx, this.site, stored, { id: user.profileId });
      return { activities: writes.activities, value: { view, token } };
    });
    if (confirmByMail) this.confirmations?.queued();
    return registration;
  }
}

/** The `invite` of a registration body: a non-empty string, or undefined (refused as missing). */
function inviteCodeOf(body: Record<string, unknown>): string | undefined {
  return typeof body.invite === 'string' && body.invite.trim() !== '' ? body.invite.trim() : undefined;
}

/** Marks the invite used by `nickname`, or throws why it cannot be (see {@link assertInviteUsable}). */
async function useInvite(
  tx: Pick<Repositories, 'invites'>,
  code: string | undefined,
  nickname: string,
  now: Date,
): Promise<void> {
  const invite = code === undefined ? null : await tx.invites.find(code);
  assertInviteUsable(invite, code, now);
  if (code === undefined || !(await tx.invites.markUsed(code, nickname, now.toISOString()))) {
    throw forbidden('user.invite-used', 'This invite code was already used.');
  }
}
