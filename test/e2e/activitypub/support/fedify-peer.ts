import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { createFederation, generateCryptoKeyPair, type Federation, MemoryKvStore } from '@fedify/fedify';
import {
  Accept,
  Activity,
  type Actor,
  Create,
  Endpoints,
  Follow,
  Like,
  Announce,
  Mention,
  Note,
  Person,
  PUBLIC_COLLECTION,
  type Recipient,
} from '@fedify/vocab';

import type { ServerCertificate } from './test-ca';

/** An activity the peer's inbox took in: Fedify verified its HTTP Signature and that its key owner is its actor. */
export interface ReceivedActivity {
  readonly type: string;
  readonly id: string | undefined;
  readonly actor: string | undefined;
  readonly object: string | undefined;
  /** The activity as JSON-LD, compacted by Fedify. */
  readonly json: Record<string, unknown>;
}

const IDENTIFIER = 'ziggy';

/**
 * A small ActivityPub server that is not Pumphouse (issue 15, "Tests"): Fedify's own `Federation` (routing,
 * WebFinger, HTTP Signatures on both ends, actor and key fetches) with one actor, `ziggy`, served over real HTTPS
 * on port 443 of its name inside the namespace. Its inbox records every activity it accepts, accepts every Follow
 * of its actor and keeps the follower; the test makes it send Follow, Create(Note), Like, Announce and Undo.
 */
export class FedifyPeer {
  readonly received: ReceivedActivity[] = [];
  /** Who follows ziggy, by actor id, with their inboxes (from their actor documents). */
  readonly followers = new Map<string, Recipient>();
  private readonly notes = new Map<string, Note>();

  private constructor(
    readonly host: string,
    private readonly federation: Federation<void>,
    private readonly server: Server,
  ) {}

  get actorId(): string {
    return `https://${this.host}/users/${IDENTIFIER}`;
  }

  get handle(): string {
    return `${IDENTIFIER}@${this.host}`;
  }

  static async start(host: string, address: string, certificate: ServerCertificate): Promise<FedifyPeer> {
    const keys = await generateCryptoKeyPair('RSASSA-PKCS1-v1_5');
    const federation = createFederation<void>({
      kv: new MemoryKvStore(),
      // Fedify refuses to fetch from private and loopback addresses (its SSRF guard); the namespace's names are
      // all on 127.0.70.x, so this test-only switch turns the guard off. Fedify's own docs: "Mostly useful for
      // testing purposes. Do not use in production." No queue: sendActivity delivers before it returns, so a
      // refused delivery fails the step that sent it.
      allowPrivateAddress: true,
    });
    const server = createServer(
      { key: readFileSync(certificate.keyFile), cert: readFileSync(certificate.certFile) },
      (req, res) => void serve(federation, host, req, res),
    );
    const peer = new FedifyPeer(host, federation, server);
    peer.route(keys);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(443, address, () => resolve());
    });
    return peer;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private route(keys: Awaited<ReturnType<typeof generateCryptoKeyPair>>): void {
    const federation = this.federation;
    federation
      .setActorDispatcher('/users/{identifier}', async (ctx, identifier) => {
        if (identifier !== IDENTIFIER) return null;
        const [pair] = await ctx.getActorKeyPairs(identifier);
        return new Person({
          id: ctx.getActorUri(identifier),
          preferredUsername: identifier,
          name: 'Ziggy (Fedify peer)',
          inbox: ctx.getInboxUri(identifier),
          endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
          followers: ctx.getFollowersUri(identifier),
          publicKey: pair?.cryptographicKey,
        });
      })
      .setKeyPairsDispatcher((_ctx, identifier) => (identifier === IDENTIFIER ? [keys] : []));

    federation.setFollowersDispatcher('/users/{identifier}/followers', (_ctx, identifier) =>
      identifier === IDENTIFIER ? { items: [...this.followers.values()] } : null,
    );

    federation.setObjectDispatcher(Note, '/users/{identifier}/notes/{id}', (_ctx, values) =>
      values.identifier === IDENTIFIER ? (this.notes.get(values.id) ?? null) : null,
    );

    federation
      .setInboxListeners('/users/{identifier}/inbox', '/inbox')
      .on(Follow, async (ctx, follow) => {
        await this.record(follow);
        if (follow.objectId?.href !== this.actorId) return;
        const follower = await follow.getActor(ctx);
        if (follower === null || follower.id === null) return;
        this.followers.set(follower.id.href, recipientOf(follower));
        await ctx.sendActivity(
          { identifier: IDENTIFIER },
          follower,
          new Accept({ id: this.newId('accepts'), actor: new URL(this.actorId), object: follow }),
        );
      })
      // Fedify dispatches on the class hierarchy: every other activity lands here.
      .on(Activity, (_ctx, activity) => this.record(activity));
  }

  private async record(activity: Activity): Promise<void> {
    const json = (await activity.toJsonLd({ format: 'compact' })) as Record<string, unknown>;
    this.received.push({
      type: String(json.type),
      id: activity.id?.href,
      actor: activity.actorId?.href,
      object: activity.objectId?.href,
      json,
    });
  }

  private newId(kind: string): URL {
    return new URL(`https://${this.host}/users/${IDENTIFIER}/${kind}/${randomUUID()}`);
  }

  private context() {
    return this.federation.createContext(new URL(`https://${this.host}/`), undefined);
  }

  /** Looks a handle (`nick@host`) or URL up the way Mastodon does: WebFinger, then the actor document. */
  async lookUp(identifier: string): Promise<Actor> {
    const found = await this.context().lookupObject(identifier);
    if (found === null || !(found instanceof Person)) {
      throw new Error(`${identifier}: Fedify found ${found === null ? 'nothing' : found.constructor.name}`);
    }
    return found;
  }

  /** Sends a Follow of `actor` to its inbox; answers the Follow's id. */
  async follow(actor: Actor): Promise<string> {
    const follow = new Follow({ id: this.newId('follows'), actor: new URL(this.actorId), object: actor.id });
    await this.context().sendActivity({ identifier: IDENTIFIER }, actor, follow);
    return follow.id!.href;
  }

  /**
   * Publishes a public note: a Create to the peer's followers, and to `mentioned` (whose inbox gets it too, and
   * who is tagged with a Mention, as Mastodon does). Answers the note's id.
   */
  async post(content: string, mentioned?: Actor): Promise<string> {
    const noteId = randomUUID();
    const ctx = this.context();
    const id = ctx.getObjectUri(Note, { identifier: IDENTIFIER, id: noteId });
    const actor = new URL(this.actorId);
    const followers = ctx.getFollowersUri(IDENTIFIER);
    const note = new Note({
      id,
      attribution: actor,
      content,
      to: PUBLIC_COLLECTION,
      ccs: mentioned?.id ? [followers, mentioned.id] : [followers],
      tags: mentioned?.id
        ? [new Mention({ href: mentioned.id, name: `@${mentioned.preferredUsername}` })]
        : [],
    });
    this.notes.set(noteId, note);
    const create = new Create({
      id: new URL(`${id.href}/activity`),
      actor,
      object: note,
      to: PUBLIC_COLLECTION,
      ccs: note.ccIds,
    });
    if (this.followers.size > 0) await ctx.sendActivity({ identifier: IDENTIFIER }, 'followers', create);
    if (mentioned !== undefined) await ctx.sendActivity({ identifier: IDENTIFIER }, mentioned, create);
    return id.href;
  }

  /** Sends a Like or an Announce of `objectId` to `to`'s inbox; answers the activity's id. */
  async react(kind: 'Like' | 'Announce', objectId: string, to: Actor): Promise<string> {
    const values = {
      id: this.newId(kind.toLowerCase()),
      actor: new URL(this.actorId),
      object: new URL(objectId),
    };
    const activity = kind === 'Like' ? new Like(values) : new Announce({ ...values, to: PUBLIC_COLLECTION });
    await this.context().sendActivity({ identifier: IDENTIFIER }, to, activity);
    return activity.id!.href;
  }

  /** The first activity received of `type` that `matches`, or undefined. */
  find(
    type: string,
    matches: (activity: ReceivedActivity) => boolean = () => true,
  ): ReceivedActivity | undefined {
    return this.received.find((activity) => activity.type === type && matches(activity));
  }

  /** What the inbox took in so far, one line each, for failure messages. */
  describe(): string {
    const lines = this.received.map((a) => `${a.type} ${a.id ?? '(no id)'} by ${a.actor} of ${a.object}`);
    return `the Fedify peer received ${this.received.length} activities${lines.length ? `:\n${lines.join('\n')}` : ''}`;
  }
}

function recipientOf(actor: Actor): Recipient {
  return {
    id: actor.id,
    inboxId: actor.inboxId,
    endpoints: actor.endpoints === null ? null : { sharedInbox: actor.endpoints.sharedInbox },
  };
}

/** Node's HTTPS server to Fedify's fetch-style handler and back. */
async function serve(
  federation: Federation<void>,
  host: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
        headers.append(name, one);
    }
    const method = req.method ?? 'GET';
    const request = new Request(`https://${host}${req.url ?? '/'}`, {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks),
    });
    const response = await federation.fetch(request, {
      contextData: undefined,
      onNotFound: () => new Response('not found', { status: 404 }),
      onNotAcceptable: () => new Response('not acceptable', { status: 406 }),
    });
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(error instanceof Error ? error.stack : String(error));
  }
}
