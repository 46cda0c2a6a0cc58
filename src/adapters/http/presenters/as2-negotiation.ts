import type { Request, Response } from 'express';

import { type As1Document, type As2Site, toAs2Document } from '../../../domain/as2/as1-to-as2';

/** The media type of every AS2 answer, as pump.io sends it and ActivityPub names it (https://www.w3.org/TR/activitypub/#retrieving-objects). */
export const AS2_MEDIA_TYPE = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"';

const AS1_MEDIA_TYPE = 'application/stream+json';
const AS2_MEDIA_TYPES = [AS2_MEDIA_TYPE, 'application/activity+json'];

/**
 * True when the request asks for ActivityStreams 2.0 (docs/protocol.md §10.1): of
 * `application/stream+json`, the ld+json AS profile and `application/activity+json`, it prefers an AS2 type.
 *
 * So a request with no Accept header (pump.io's server-to-server GETs and ours send none), `*` `/` `*` or
 * `application/stream+json` gets AS1. Stricter than pump.io: an Accept that names none of the three
 * (`application/json`, `text/html`) gets AS1 too, where pump.io answers AS2; every released pump.io answered AS1
 * to those clients, and they still expect it.
 */
export function wantsAs2(req: Request): boolean {
  if (req.get('accept') === undefined) return false;
  const choice = req.accepts([AS1_MEDIA_TYPE, ...AS2_MEDIA_TYPES]);
  return typeof choice === 'string' && choice !== AS1_MEDIA_TYPE;
}

/**
 * What the person URL `H/<nick>` answers (docs/protocol.md §8, §10.1; docs/activitypub.md §5): the profile page
 * to a browser (a request that prefers text/html to JSON); to a request that asks for AS2, pump.io's AS2 reading
 * of the profile (`as2`) when it carries API credentials (OAuth 1.0a, a bearer token, a session cookie), else the
 * ActivityPub actor (`activitypub`: what Mastodon, Fedify and the rest fetch, unauthenticated or HTTP-signed);
 * and nothing (null: not found) otherwise, a request with no Accept header included. The web UI, the users API
 * and the ActivityPub actor each serve one of these, and all ask this one function, so no request is served by
 * two.
 */
export function personUrlRepresentation(req: Request): 'html' | 'as2' | 'activitypub' | null {
  if (wantsHtml(req)) return 'html';
  if (!wantsAs2(req)) return null;
  return carriesApiCredentials(req) ? 'as2' : 'activitypub';
}

/**
 * Who an object's API URL `H/api/<type>/<uuid>` (its id) answers (docs/activitypub.md §10): a request that asks
 * for AS2 and carries no API credentials is an ActivityPub server dereferencing the id (anonymously or with an HTTP
 * signature), served public objects only; every other request is the pump.io API's, exactly as before.
 */
export function objectUrlRepresentation(req: Request): 'activitypub' | 'api' {
  return wantsAs2(req) && !carriesApiCredentials(req) ? 'activitypub' : 'api';
}

/**
 * True when the request carries credentials of the pump.io API: an `Authorization` header other than an HTTP
 * signature (some servers send `Authorization: Signature …`), OAuth parameters in the query, or a cookie.
 */
function carriesApiCredentials(req: Request): boolean {
  const authorization = req.get('authorization');
  if (authorization !== undefined && !/^Signature\s/i.test(authorization)) return true;
  if (req.get('cookie') !== undefined) return true;
  return Object.keys(req.query).some((key) => key.startsWith('oauth_'));
}

function wantsHtml(req: Request): boolean {
  if (req.get('accept') === undefined) return false;
  return (
    req.accepts(['text/html', 'application/json', 'application/activity+json', 'application/ld+json']) ===
    'text/html'
  );
}

/**
 * Answers the AS2 rendering of an AS1 document with the exact AS2 media type (no charset parameter: pump.io's
 * tests compare the header). The document is what the read side built for the viewer; the mapping only formats it.
 */
export function sendAs2(res: Response, as1: As1Document, site: As2Site): void {
  res.vary('Accept');
  res.set('Content-Type', AS2_MEDIA_TYPE);
  // A Buffer, so that express keeps the Content-Type as set (a string body would get `; charset=utf-8`).
  res.send(Buffer.from(JSON.stringify(toAs2Document(as1, site))));
}

/**
 * Answers AS2 when the request asks for it ({@link wantsAs2}), else the AS1 document through `sendAs1` (by default
 * `res.json`), byte for byte as without negotiation. Either answer varies by Accept.
 */
export function sendAs1OrAs2(
  req: Request,
  res: Response,
  as1: As1Document,
  site: As2Site,
  sendAs1: (document: As1Document) => void = (document) => {
    res.json(document);
  },
): void {
  if (wantsAs2(req)) {
    sendAs2(res, as1, site);
    return;
  }
  res.vary('Accept');
  sendAs1(as1);
}
