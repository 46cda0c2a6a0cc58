import { invalid } from '../errors/domain-error';

/** A person on another server, named as people type them: `user@host` (or `acct:user@host`, RFC 7565). */
export interface RemoteAccount {
  readonly user: string;
  /** Lower-cased, with its port when one was given. */
  readonly host: string;
  /** `acct:user@host`: the person id pump.io servers give people on the default ports (docs/protocol.md §1.3). */
  readonly id: string;
}

// RFC 7565 §7: the user part is unreserved characters, sub-delims and percent-encoded octets. pump.io's own
// nicknames (letters, digits, `-`, `_`, `.`) are a subset. `@` is excluded: it separates the host.
const USER_PART = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2}){1,64}$/;
// A DNS name of at least two labels (RFC 1123 §2.1), optionally with a port: an address on the web.
const HOST_PART =
  /^(?=.{1,253}(?::|$))(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?(?::([1-9]\d{0,4}))?$/;
const MAX_TYPED = 320;

/**
 * Reads an address someone typed to reach a person on another server: `user@host`, `@user@host` or
 * `acct:user@host`, surrounding blanks ignored, the host lower-cased.
 *
 * Throws an `invalid` DomainError with a message meant for the person who typed it:
 * `remote-account.empty`, `remote-account.shape` (not `user@host`), `remote-account.user` (characters an
 * account name cannot have), `remote-account.host` (not a host name with a dot, or a bad port), and
 * `remote-account.local` when the host is `localHost` (this server's own people are followed from their page).
 */
export function parseRemoteAccount(typed: string, localHost: string): RemoteAccount {
  const value = typed
    .trim()
    .replace(/^acct:/i, '')
    .replace(/^@/, '');
  if (value === '') {
    throw invalid('remote-account.empty', 'Type the address of the person to follow, like bob@example.net.');
  }
  const at = value.lastIndexOf('@');
  if (value.length > MAX_TYPED || at <= 0 || at === value.length - 1 || /\s/.test(value)) {
    throw invalid(
      'remote-account.shape',
      'That is not an address like bob@example.net: a name, an @, and the name of their server.',
    );
  }
  const user = value.slice(0, at);
  const host = value.slice(at + 1).toLowerCase();
  if (!USER_PART.test(user)) {
    throw invalid('remote-account.user', `"${user}" cannot be an account name on another server.`);
  }
  const port = HOST_PART.exec(host);
  if (port === null || (port[1] !== undefined && Number(port[1]) > 65535)) {
    throw invalid('remote-account.host', `"${host}" is not the name of a server, like example.net.`);
  }
  if (host === localHost.toLowerCase() || host.split(':')[0] === localHost.toLowerCase()) {
    throw invalid(
      'remote-account.local',
      `${user}@${host} is on this server: follow them from their page here.`,
    );
  }
  return { user, host, id: `acct:${user}@${host}` };
}
