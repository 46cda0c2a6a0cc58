import {
  actorKeyId,
  INSTANCE_ACTOR_KEY_NAME,
  instanceActorId,
  instanceActorKeyId,
} from '../../domain/activitypub/actor-addresses';
import { notFound } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Clock } from '../ports/clock.port';
import type { SigningKey } from '../ports/http-signatures.port';
import type { KeyPairGenerator } from '../ports/key-pair-generator.port';
import type { ActorKeyPair } from '../ports/storage/actor-key-repository.port';
import type { Repositories } from '../ports/storage/unit-of-work.port';

/** The public half of a local actor's key, as the actor document publishes it (`publicKey`). */
export interface PublishedKey {
  readonly id: string;
  readonly owner: string;
  readonly publicKeyPem: string;
}

/**
 * The signing keys of local actors (docs/activitypub.md §3), made on first use: a user who registered before
 * ActivityPub existed gets a pair the first time their actor is fetched or signs.
 *
 * Invariants: a user has one pair for good (two workers that race both end with the stored winner); the private
 * key is answered only by {@link signingKeyOf}, which only the signing side calls, and never by
 * {@link publishedKeyOf}; a nickname without a user gets a `not-found` error and no pair.
 */
export class ActorKeys {
  constructor(
    private readonly repositories: Pick<Repositories, 'users' | 'actorKeys'>,
    private readonly generator: KeyPairGenerator,
    private readonly clock: Clock,
    private readonly site: SiteUrls,
  ) {}

  async publishedKeyOf(nickname: string): Promise<PublishedKey> {
    const pair = await this.pairOf(nickname);
    return {
      id: actorKeyId(this.site, nickname),
      owner: this.site.profilePageUrl(nickname),
      publicKeyPem: pair.publicKeyPem,
    };
  }

  async signingKeyOf(nickname: string): Promise<SigningKey> {
    const pair = await this.pairOf(nickname);
    return { keyId: actorKeyId(this.site, nickname), privateKeyPem: pair.privateKeyPem };
  }

  /** The instance actor's public key, for its actor document (`H/api/activitypub/actor`). */
  async instancePublishedKey(): Promise<PublishedKey> {
    const pair = await this.pairOf(INSTANCE_ACTOR_KEY_NAME);
    return {
      id: instanceActorKeyId(this.site),
      owner: instanceActorId(this.site),
      publicKeyPem: pair.publicKeyPem,
    };
  }

  /** The key the server signs its own GETs with (docs/activitypub.md §4): the instance actor's. */
  async instanceSigningKey(): Promise<SigningKey> {
    const pair = await this.pairOf(INSTANCE_ACTOR_KEY_NAME);
    return { keyId: instanceActorKeyId(this.site), privateKeyPem: pair.privateKeyPem };
  }

  private async pairOf(nickname: string): Promise<ActorKeyPair> {
    const stored = await this.repositories.actorKeys.find(nickname);
    if (stored !== null) return stored;
    if (
      nickname !== INSTANCE_ACTOR_KEY_NAME &&
      (await this.repositories.users.findByNickname(nickname)) === null
    ) {
      throw notFound('user.not-found', `No such user: ${nickname}`);
    }
    const fresh = await this.generator.generate();
    return this.repositories.actorKeys.addIfAbsent({
      nickname,
      ...fresh,
      created: this.clock.now().toISOString(),
    });
  }
}
