import { invalid } from '../errors/domain-error';
import { nicknameKey } from '../users/nickname';

/**
 * Names a node keeps away from new accounts by default (config `blockedNicknames` adds to them): names a
 * reader would take for the site speaking (admin, support, ...) and common service host names. The site's own
 * route words (`api`, `main`, ...) are refused already as bad nicknames (nickname.ts).
 */
export const DEFAULT_BLOCKED_NICKNAMES: readonly string[] = Object.freeze([
  'abuse',
  'admin',
  'administrator',
  'api',
  'help',
  'hostmaster',
  'info',
  'mail',
  'main',
  'moderator',
  'noreply',
  'no-reply',
  'oauth',
  'postmaster',
  'root',
  'security',
  'staff',
  'support',
  'sysadmin',
  'system',
  'webmaster',
  'www',
]);

/**
 * The nicknames registration refuses, compared without regard to ASCII case (as nicknames are told apart).
 *
 * Invariants: `assertAllowed` throws an `invalid` DomainError `user.nickname-blocked` (400) naming the
 * nickname for a blocked one, and returns for any other.
 */
export class NicknameBlockList {
  private readonly keys: ReadonlySet<string>;

  constructor(names: readonly string[]) {
    this.keys = new Set(names.map(nicknameKey));
  }

  /**
   * The default list plus `extra` (config `blockedNicknames`), less the node's own admins (config `admins`): a
   * node whose admin is called `root` lets `root` register.
   */
  static withDefaults(extra: readonly string[] = [], admins: readonly string[] = []): NicknameBlockList {
    const allowed = new Set(admins.map(nicknameKey));
    return new NicknameBlockList(
      [...DEFAULT_BLOCKED_NICKNAMES, ...extra].filter((name) => !allowed.has(nicknameKey(name))),
    );
  }

  has(nickname: string): boolean {
    return this.keys.has(nicknameKey(nickname));
  }

  assertAllowed(nickname: string): void {
    if (this.has(nickname)) {
      throw invalid('user.nickname-blocked', `The nickname '${nickname}' is reserved on this server.`);
    }
  }
}
