import { unauthenticated } from '../../domain/errors/domain-error';
import type { Principal } from '../auth/principal';

/**
 * pump.io's `sameUser` (docs/protocol.md §2.3): only the user named in the path may act on it. Anyone else, a
 * client acting for nobody included, gets a 401 "Not authorized" (not a 403).
 */
export function assertSameUser(principal: Principal, nickname: string): void {
  if (principal.user === null || principal.user.nickname !== nickname) {
    throw unauthenticated('auth.not-same-user', 'Not authorized');
  }
}
