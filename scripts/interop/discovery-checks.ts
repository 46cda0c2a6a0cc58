import type { Checklist } from './checklist';
import type { PumpApi } from './pump-api';

// The rels pump.io's Host.discover needs before it will register with a host or deliver to it (spec §1.1), and
// the Dialback endpoint its dialback-client looks up (spec §7.4).
const HOST_RELS = [
  'registration_endpoint',
  'http://apinamespace.org/oauth/request_token',
  'http://apinamespace.org/oauth/authorize',
  'http://apinamespace.org/oauth/access_token',
  'http://apinamespace.org/activitypub/whoami',
  'dialback',
];
// The rels pump.io's delivery (activity-inbox) and Dialback verification (dialback) take from a user's JRD.
const USER_RELS = ['activity-inbox', 'dialback', 'self'];

/**
 * What pump.io asks a peer before anything else, asked the way pump.io asks it (spec §7.6: no Accept header):
 * host-meta.json and the WebFinger of a user, with the links it needs.
 */
export async function checkDiscovery(list: Checklist, peer: PumpApi, nickname: string): Promise<void> {
  const direction = `pump.io → ${peer.host}`;
  await list.check(`host-meta.json has the rels pump.io needs`, direction, async () =>
    hasRels(await peer.send('GET', '/.well-known/host-meta.json'), HOST_RELS),
  );
  await list.check(`WebFinger of acct:${nickname}@${peer.host} (no Accept)`, direction, async () =>
    hasRels(
      await peer.send('GET', `/.well-known/webfinger?resource=acct:${nickname}@${peer.host}`),
      USER_RELS,
    ),
  );
}

function hasRels(
  answer: { status: number; json: unknown; text: string },
  rels: string[],
): {
  ok: boolean;
  detail: string;
} {
  const links = (answer.json as { links?: { rel?: string }[] } | undefined)?.links;
  if (answer.status !== 200 || !Array.isArray(links)) {
    return { ok: false, detail: `HTTP ${answer.status}: ${answer.text.slice(0, 120)}` };
  }
  const missing = rels.filter((rel) => !links.some((link) => link.rel === rel));
  return missing.length === 0
    ? { ok: true, detail: `${links.length} links` }
    : { ok: false, detail: `missing ${missing.join(', ')}` };
}
