import type { AsObject } from './as-object';

/** The four audience fields, in the order pump.io reads them. */
export const AUDIENCE_FIELDS = ['to', 'cc', 'bto', 'bcc'] as const;
export type AudienceField = (typeof AUDIENCE_FIELDS)[number];

/**
 * An activity: an actor did `verb` to `object`, optionally into `target`, addressed to to/cc/bto/bcc.
 * `_received` lists the local inboxes (users' person ids, local group ids) a remote activity was delivered to
 * (pump.io's `_received`), which makes those users recipients even when no address names them; it is the server's
 * bookkeeping, never shown. `received` is when this server received a remote activity (docs/protocol.md §7.2).
 */
export interface Activity {
  id: string;
  verb: string;
  actor: AsObject;
  object?: AsObject;
  target?: AsObject;
  to?: AsObject[];
  cc?: AsObject[];
  bto?: AsObject[];
  bcc?: AsObject[];
  generator?: AsObject;
  content?: string;
  published?: string;
  updated?: string;
  deleted?: string;
  received?: string;
  _received?: string[];
  [key: string]: unknown;
}
