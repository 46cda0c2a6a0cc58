/**
 * ActivityStreams 1.0 as pump.io uses it. Objects are open documents: any property a client sends is kept and echoed
 * back (docs/protocol.md §4.4), so the model names the properties the rules read and lets the rest through.
 */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

/** A link as pump.io writes it in `links`: `{ "self": { "href": ... } }`. */
export interface LinkRef {
  href: string;
  [key: string]: unknown;
}

/** A collection property of an object (`likes`, `replies`, `followers`, ...). */
export interface CollectionRef {
  url: string;
  totalItems?: number;
  items?: AsObject[];
  [key: string]: unknown;
}

/** The properties every object may carry, whether or not it has been given an id yet. */
export interface AsObjectProperties {
  objectType: string;
  displayName?: string;
  content?: string;
  summary?: string;
  url?: string;
  published?: string;
  updated?: string;
  deleted?: string;
  author?: AsObject;
  inReplyTo?: AsObject;
  links?: Record<string, LinkRef>;
  [key: string]: unknown;
}

/** Any ActivityStreams object: a note, a person, a collection, a group, the Public collection, ... */
export interface AsObject extends AsObjectProperties {
  id: string;
}

/** An object as a client may send it for creation: the server assigns the id when it is missing. */
export interface NewAsObject extends AsObjectProperties {
  id?: string;
}

/** The smallest reference to an object: what streams and lists hold. */
export interface ObjectRef {
  id: string;
  objectType: string;
}

export const toRef = (object: ObjectRef): ObjectRef => ({ id: object.id, objectType: object.objectType });
