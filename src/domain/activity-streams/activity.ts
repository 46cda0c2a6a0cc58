import type { AsObject } from './as-object';

/** The four audience fields, in the order pump.io reads them. */
export const AUDIENCE_FIELDS = ['to', 'cc', 'bto', 'bcc'] as const;
export type AudienceField = (typeof AUDIENCE_FIELDS)[number];

/**
 * An activity: an actor did `verb` to `object`, optionally into `target`, addressed to to/cc/bto/bcc.
 * `received` lists the local users a remote activity was delivered to (pump.io's `_received`), which makes them
 * recipients even when no address names them.
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
  received?: string[];
  [key: string]: unknown;
}
