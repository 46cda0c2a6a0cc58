import type { Checklist, Probe } from './checklist';
import { collectionItems, expectJson, getAs, postActivity, type Account } from './pump-api';

const PUBLIC = { objectType: 'collection', id: 'http://activityschema.org/collection/public' };

type Json = Record<string, unknown>;

/** The two users, each on its own node, that follow each other and exchange posts. */
export interface Pair {
  /** The user on pump.io. */
  readonly alice: Account;
  /** The user on Pumphouse. */
  readonly bob: Account;
}

/**
 * The Done-when of issue 12, as users do it: each follows the other, each posts a note, and the other replies,
 * likes and shares it, through the pump.io client API of their own node. Replies, likes and shares go with the
 * server's default recipients, as pump.io's web UI sends them; notes go to Public and the followers. Every
 * activity must then be in the other user's inbox on the other node.
 */
export async function runScenario(list: Checklist, pair: Pair, runId: string): Promise<void> {
  const { alice, bob } = pair;
  const toHouse = 'pump.io → Pumphouse';
  const toPump = 'Pumphouse → pump.io';

  await follow(list, alice, bob, toHouse);
  await follow(list, bob, alice, toPump);

  const aliceNote = await postNote(list, alice, bob, `Hello from pump.io (${runId})`, toHouse);
  const bobNote = await postNote(list, bob, alice, `Hello from Pumphouse (${runId})`, toPump);

  for (const [actor, reader, note, direction] of [
    [bob, alice, aliceNote, toPump],
    [alice, bob, bobNote, toHouse],
  ] as const) {
    if (note === undefined) continue;
    const seen = await seenCopy(actor, note);
    const object = seen ?? { id: note.id, objectType: 'note' };
    await readThroughProxy(list, actor, seen, note, direction);
    await reply(list, actor, reader, object, note, `A reply by ${actor.nickname} (${runId})`, direction);
    await react(list, 'favorite', 'likes', actor, reader, object, note, direction);
    await react(list, 'share', 'shares', actor, reader, object, note, direction);
  }
}

async function follow(list: Checklist, actor: Account, followee: Account, direction: string): Promise<void> {
  const posted = await list.step(`${actor.nickname} follows ${followee.id}`, 'API', async () =>
    expectJson(
      await postActivity(actor, { verb: 'follow', object: { objectType: 'person', id: followee.id } }),
      `follow by ${actor.id}`,
    ),
  );
  if (posted === undefined) return;
  await list.check(`follow arrives in ${followee.nickname}'s inbox`, direction, () =>
    findInInbox(followee, (item) => item.verb === 'follow' && actorId(item) === actor.id),
  );
  await list.check(`${followee.nickname}'s followers list ${actor.nickname}`, direction, async () => {
    const ids = (await collectionItems(followee, 'followers')).map((person) => person.id);
    return { ok: ids.includes(actor.id), detail: `followers: ${JSON.stringify(ids)}` };
  });
}

/** A public note to the author's followers; answers the note as its author's node stored it. */
async function postNote(
  list: Checklist,
  author: Account,
  reader: Account,
  content: string,
  direction: string,
): Promise<Json | undefined> {
  const activity = await list.step(`${author.nickname} posts a note`, 'API', async () => {
    const followers = (author.profile.followers as { url?: string } | undefined)?.url;
    const cc = followers === undefined ? [] : [{ objectType: 'collection', id: followers }];
    const answer = await postActivity(author, {
      verb: 'post',
      to: [PUBLIC],
      cc,
      object: { objectType: 'note', content },
    });
    return expectJson(answer, `note by ${author.id}`) as Json;
  });
  const note = activity?.object as Json | undefined;
  if (note === undefined) return undefined;
  await list.check(`note arrives in ${reader.nickname}'s inbox`, direction, () =>
    findInInbox(
      reader,
      (item) => item.verb === 'post' && actorId(item) === author.id && objectOf(item).id === note.id,
    ),
  );
  return note;
}

async function reply(
  list: Checklist,
  actor: Account,
  reader: Account,
  object: Json,
  note: Json,
  content: string,
  direction: string,
): Promise<void> {
  const posted = await list.step(`${actor.nickname} replies to ${reader.nickname}'s note`, 'API', async () =>
    expectJson(
      await postActivity(actor, {
        verb: 'post',
        object: { objectType: 'comment', content, inReplyTo: object },
      }),
      `reply by ${actor.id}`,
    ),
  );
  if (posted === undefined) return;
  await list.check(`reply arrives in ${reader.nickname}'s inbox`, direction, () =>
    findInInbox(
      reader,
      (item) =>
        item.verb === 'post' &&
        actorId(item) === actor.id &&
        (objectOf(item).inReplyTo as Json | undefined)?.id === note.id,
    ),
  );
  await list.check(`reply counted on ${reader.nickname}'s note at home`, direction, () =>
    countOn(reader, note, 'replies'),
  );
}

async function react(
  list: Checklist,
  verb: 'favorite' | 'share',
  collection: 'likes' | 'shares',
  actor: Account,
  reader: Account,
  object: Json,
  note: Json,
  direction: string,
): Promise<void> {
  const noun = verb === 'favorite' ? 'like' : 'share';
  const posted = await list.step(`${actor.nickname} ${noun}s ${reader.nickname}'s note`, 'API', async () =>
    expectJson(await postActivity(actor, { verb, object }), `${verb} by ${actor.id}`),
  );
  if (posted === undefined) return;
  await list.check(`${noun} arrives in ${reader.nickname}'s inbox`, direction, () =>
    findInInbox(
      reader,
      (item) =>
        (item.verb === verb || (verb === 'favorite' && item.verb === 'like')) &&
        actorId(item) === actor.id &&
        objectOf(item).id === note.id,
    ),
  );
  await list.check(`${noun} counted on ${reader.nickname}'s note at home`, direction, () =>
    countOn(reader, note, collection),
  );
}

/**
 * The reader opens the other node's note through their own node's `/api/proxy` (the `pump_io.proxyURL` their node
 * put on its copy), as pump.io's web UI does for remote objects: their node fetches it signed and passes it on.
 * It must come back as the pump.io object (ActivityStreams 1, `application/json`).
 */
async function readThroughProxy(
  list: Checklist,
  reader: Account,
  copy: Json | undefined,
  note: Json,
  direction: string,
): Promise<void> {
  const proxyURL = (copy?.pump_io as Json | undefined)?.proxyURL;
  await list.check(
    `${reader.nickname} opens the note through ${reader.api.host}/api/proxy`,
    direction,
    async () => {
      if (typeof proxyURL !== 'string')
        return { ok: false, final: true, detail: 'the copy has no pump_io.proxyURL' };
      const answer = await getAs(reader, proxyURL);
      const body = (answer.json ?? {}) as Json;
      const asOne =
        /^application\/json/.test(answer.contentType) && body.id === note.id && 'objectType' in body;
      return {
        ok: answer.status === 200 && asOne,
        final: answer.status === 200 && !asOne,
        detail: `HTTP ${answer.status} ${answer.contentType}: ${answer.text.slice(0, 100)}`,
      };
    },
  );
}

/** The note as the reacting user's node has it (from that user's inbox), the way a client would send it back. */
async function seenCopy(actor: Account, note: Json): Promise<Json | undefined> {
  const items = await collectionItems(actor, 'inbox');
  const found = items.find((item) => objectOf(item).id === note.id);
  return found === undefined ? undefined : objectOf(found);
}

async function findInInbox(owner: Account, match: (item: Json) => boolean): Promise<Probe> {
  const items = await collectionItems(owner, 'inbox');
  const hit = items.find(match);
  if (hit !== undefined) return { ok: true, detail: String(hit.id ?? '') };
  const seen = items.slice(0, 6).map((item) => `${String(item.verb)} by ${actorId(item)}`);
  return { ok: false, detail: `${items.length} items; newest: ${seen.join(', ') || 'none'}` };
}

/** The note, read by its author on its home node, counts at least one item in `collection`. */
async function countOn(author: Account, note: Json, collection: string): Promise<Probe> {
  const answer = await getAs(author, String(note.id));
  const total = ((answer.json as Json | undefined)?.[collection] as { totalItems?: number } | undefined)
    ?.totalItems;
  return {
    ok: typeof total === 'number' && total >= 1,
    detail: `HTTP ${answer.status}, ${collection}.totalItems=${total}`,
  };
}

function actorId(item: Json): string {
  return String((item.actor as Json | undefined)?.id ?? '');
}

function objectOf(item: Json): Json {
  return (item.object as Json | undefined) ?? {};
}
