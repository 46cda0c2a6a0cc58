import type { SigningKey } from './http-signatures.port';

/** An ActivityPub JSON document as fetched: a plain JSON object, nothing checked beyond that. */
export type FetchedAs2Document = Readonly<Record<string, unknown>>;

/**
 * Fetches ActivityPub documents (actors, objects) by their ids (docs/activitypub.md §8).
 *
 * Every adapter honours: it asks for `application/activity+json` over the guarded outbound client; with a
 * signing key it signs the GET (draft-cavage, what servers in Mastodon's authorized-fetch mode require); it
 * answers the document only when the answer is a 2xx JSON object whose `id` is the URL asked for, fetched from
 * that URL's own origin (a redirect elsewhere, or a document naming another id, is null: only an object's origin
 * speaks for it); anything else (a network failure, a refused destination, a body too large) is null, never a throw.
 */
export interface ActivityPubDocuments {
  fetch(id: string, signAs?: SigningKey): Promise<FetchedAs2Document | null>;
}
export const ActivityPubDocuments = Symbol('ActivityPubDocuments');
