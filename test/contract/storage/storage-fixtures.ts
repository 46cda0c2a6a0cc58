import type { NonceUse } from '../../../src/application/ports/storage/nonce-repository.port';
import type { OAuthClient } from '../../../src/application/ports/storage/oauth-client-repository.port';
import type {
  AccessToken,
  RequestToken,
} from '../../../src/application/ports/storage/oauth-token-repository.port';
import type { UserRecord } from '../../../src/application/ports/storage/user-repository.port';
import type { Activity } from '../../../src/domain/activity-streams/activity';
import type { AsObject } from '../../../src/domain/activity-streams/as-object';

// Test data builders: one valid record each, with overrides for what a test is about.

const WHEN = '2026-01-01T00:00:00.000Z';

/** A local user whose profile id is `acct:<nickname>@example.test`. */
export function aUser(nickname: string, overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    nickname,
    passwordHash: '$2b$10$abcdefghijklmnopqrstuuJ0mYkJ0mYkJ0mYkJ0mYkJ0mYkJ0mYk',
    profileId: `acct:${nickname}@example.test`,
    published: WHEN,
    updated: WHEN,
    ...overrides,
  };
}

/** The person object of a local user, as activities embed it. */
export function aPerson(nickname: string): AsObject {
  return {
    id: `acct:${nickname}@example.test`,
    objectType: 'person',
    displayName: nickname,
    links: { self: { href: `https://example.test/api/user/${nickname}/profile` } },
  };
}

/** A note by alice. */
export function aNote(id: string, overrides: Partial<AsObject> = {}): AsObject {
  return {
    id,
    objectType: 'note',
    content: `The note ${id}.`,
    author: aPerson('alice'),
    published: WHEN,
    updated: WHEN,
    ...overrides,
  };
}

/** An activity by alice, addressed to the public. */
export function anActivity(
  id: string,
  verb: string,
  object: AsObject,
  overrides: Partial<Activity> = {},
): Activity {
  return {
    id,
    verb,
    actor: aPerson('alice'),
    object,
    to: [{ id: 'http://activityschema.org/collection/public', objectType: 'collection' }],
    published: WHEN,
    updated: WHEN,
    ...overrides,
  };
}

/** A web OAuth client. */
export function aClient(id: string, overrides: Partial<OAuthClient> = {}): OAuthClient {
  return {
    id,
    secret: `secret-of-${id}`,
    title: `Client ${id}`,
    type: 'web',
    contacts: ['admin@example.test'],
    redirectUris: ['https://client.example/callback'],
    created: WHEN,
    updated: WHEN,
    ...overrides,
  };
}

/** A request token of client-1, not yet authorized. */
export function aRequestToken(token: string, overrides: Partial<RequestToken> = {}): RequestToken {
  return {
    token,
    secret: `secret-of-${token}`,
    clientId: 'client-1',
    callback: 'oob',
    verifier: `verifier-of-${token}`,
    nickname: null,
    created: WHEN,
    updated: WHEN,
    ...overrides,
  };
}

/** alice's access token for client-1. */
export function anAccessToken(token: string, overrides: Partial<AccessToken> = {}): AccessToken {
  return {
    token,
    secret: `secret-of-${token}`,
    clientId: 'client-1',
    nickname: 'alice',
    created: WHEN,
    ...overrides,
  };
}

/** One use of a nonce by client-1 with token-1. */
export function aNonceUse(overrides: Partial<NonceUse> = {}): NonceUse {
  return {
    clientId: 'client-1',
    token: 'token-1',
    timestamp: 1_767_225_600,
    nonce: 'nonce-1',
    expiresAt: new Date('2026-01-01T00:10:00.000Z'),
    ...overrides,
  };
}

/**
 * A document with what clients really send: nested unknown properties, arrays of objects, numbers of every
 * shape, booleans, nulls, empty containers and text in many scripts.
 */
export function aRichNote(id: string): AsObject {
  return aNote(id, {
    content: 'Grüße 👋🏽 — 日本語, العربية, עברית, e\u0301 and "quotes" \\ <b>tags</b>\n\ttabs',
    displayName: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🇫🇷',
    'x-client-extension': {
      nested: { deeper: { list: [1, 2.5, -3, 1e21, 0.1, Number.MAX_SAFE_INTEGER] } },
      flags: [true, false, null],
      empty: {},
      none: [],
      mixed: [{ a: 1 }, 'two', [3, [4]], { 'b-c': { d: null } }],
    },
    location: { displayName: 'Île-de-France', lat: 48.8566, lon: 2.3522 },
    upstreamDuplicates: ['https://remote.example/note/1'],
  });
}
