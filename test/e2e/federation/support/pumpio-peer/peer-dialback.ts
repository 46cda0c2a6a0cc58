import { request } from 'node:http';
import { request as tlsRequest } from 'node:https';
import { promisify } from 'node:util';

import * as webfinger from 'webfinger';

const FIVE_MINUTES = 5 * 60_000;

/** Who a verified Dialback registration speaks for. */
export type DialbackIdentity = { readonly host: string } | { readonly webfinger: string };

/** The fields of `Dialback host="…", token="…"`, parsed as pump.io does: split on `", "`, then on `=`. */
function dialbackFields(header: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of header.replace(/^Dialback\s+/, '').split(', ')) {
    const [name, value] = part.split('=');
    if (name !== undefined && value !== undefined) fields[name.trim()] = value.replace(/^"|"$/g, '');
  }
  return fields;
}

/** The `dialback` link of the identity: from host-meta for a host, from WebFinger for a user (§7.4). */
async function dialbackEndpoint(identity: DialbackIdentity): Promise<string> {
  const jrd =
    'host' in identity
      ? await promisify(webfinger.hostmeta)(identity.host)
      : await promisify(webfinger.webfinger)(identity.webfinger);
  const link = jrd?.links?.find((candidate) => candidate.rel === 'dialback' && candidate.href !== undefined);
  if (link?.href === undefined) throw new Error('no dialback link');
  return link.href;
}

function postForm(url: string, form: Record<string, string>): Promise<number> {
  const body = new URLSearchParams(form).toString();
  // An https endpoint is a node serving TLS itself (the ActivityPub suite's); pump.io dials back over either.
  const send = url.startsWith('https:') ? tlsRequest : request;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Verifies a Dialback-signed `POST /api/client/register` as a pump.io server does (docs/protocol.md §7.4): the
 * token and one identity, a Date within five minutes, no replay, then a form POST of {host|webfinger, token, date,
 * url} to the identity's dialback endpoint, found through host-meta or WebFinger with pump.io's webfinger library;
 * any 2xx verifies. Answers the identity, or why it is refused.
 */
export async function verifyDialback(
  headers: { authorization?: string; date?: string },
  url: string,
  seen: Set<string>,
): Promise<DialbackIdentity | { refused: string }> {
  if (headers.authorization === undefined || !headers.authorization.startsWith('Dialback ')) {
    return { refused: 'no Dialback Authorization header' };
  }
  const fields = dialbackFields(headers.authorization);
  const identity: DialbackIdentity | undefined =
    fields.host !== undefined
      ? { host: fields.host }
      : fields.webfinger !== undefined
        ? { webfinger: fields.webfinger }
        : undefined;
  if (identity === undefined) return { refused: 'no host or webfinger in the Dialback header' };
  if (fields.token === undefined) return { refused: 'no token in the Dialback header' };
  if (headers.date === undefined) return { refused: 'no Date header' };
  const date = Date.parse(headers.date);
  if (Number.isNaN(date) || Math.abs(Date.now() - date) > FIVE_MINUTES)
    return { refused: 'Date not within 5 minutes' };
  const id = 'host' in identity ? identity.host : identity.webfinger;
  const replayKey = `${id}|${url}|${headers.date}|${fields.token}`;
  if (seen.has(replayKey)) return { refused: 'replayed Dialback request' };
  seen.add(replayKey);
  let endpoint: string;
  try {
    endpoint = await dialbackEndpoint(identity);
  } catch (error) {
    return { refused: `no dialback endpoint for ${id}: ${(error as Error).message}` };
  }
  const form = {
    ...('host' in identity ? { host: id } : { webfinger: id }),
    token: fields.token,
    date: headers.date,
    url,
  };
  const status = await postForm(endpoint, form).catch(() => 0);
  if (status < 200 || status > 299) return { refused: `${endpoint} answered ${status} to the dialback` };
  return identity;
}
