import { decideRemoteCopy, needsFetch, type RemoteCopyRefusal } from '../../domain/federation/remote-copy';
import type { SiteUrls } from '../../domain/site/site-urls';
import { scrubObject } from '../activities/content-scrubbing';
import { isoSeconds } from '../activities/timestamps';
import type { Clock } from '../ports/clock.port';
import type { HtmlSanitizer } from '../ports/html-sanitizer.port';
import type { Logger } from '../ports/logger.port';
import type { RemoteObjects } from '../ports/remote-objects.port';
import type { Storage } from '../ports/storage/unit-of-work.port';

/** What {@link RefreshRemoteObject} fetches: the id of a remote object. */
export interface RefreshRemoteObjectCommand {
  readonly id: string;
}

/**
 * What a refresh did: `saved` the origin's copy; nothing to do because the copy is `fresh` (or the id is not a
 * remote one); the origin said `not-found`; the answer was `refused` (see RemoteCopyRefusal); or the origin was
 * `unavailable` and the fetch should be tried again later.
 */
export type RefreshResult =
  | { readonly outcome: 'saved' | 'fresh' | 'not-found' }
  | { readonly outcome: 'refused'; readonly reason: RemoteCopyRefusal }
  | { readonly outcome: 'unavailable'; readonly reason: string };

/**
 * Fetches a remote object from its origin and keeps the answer with its provenance (docs/protocol.md §7, remote objects,
 * docs/architecture.md §2c).
 *
 * Invariants: a local id, or a copy fetched less than a day ago, is never fetched; the fetch runs outside any unit
 * of work (the unit of work may hold a store-wide lock, docs: UnitOfWork); the answer is saved only when it carries
 * exactly the id asked (the RemoteObjects port promises it; checked again here) and is not older than the stored
 * copy, decided again inside the unit of work that saves it, against the copy as it is then; the answer's HTML
 * is scrubbed as any incoming object's (§4.6); nothing is saved on `not-found`, `unavailable` or a refusal.
 */
export class RefreshRemoteObject {
  constructor(
    private readonly storage: Storage,
    private readonly remoteObjects: RemoteObjects,
    private readonly site: SiteUrls,
    private readonly clock: Clock,
    private readonly sanitizer: HtmlSanitizer,
    private readonly logger: Logger,
  ) {}

  async execute(command: RefreshRemoteObjectCommand): Promise<RefreshResult> {
    const { id } = command;
    const localHost = this.site.hostname;
    if (!needsFetch(id, await this.storage.objects.findById(id), localHost, this.clock.now())) {
      return { outcome: 'fresh' };
    }
    const lookup = await this.remoteObjects.fetch(id);
    if (lookup.outcome !== 'found') return lookup;
    const fetched = scrubObject(lookup.object, this.sanitizer);
    const result = await this.storage.run(async (tx): Promise<RefreshResult> => {
      const stored = await tx.objects.findById(id);
      const now = isoSeconds(this.clock.now());
      const decision = decideRemoteCopy({ askedId: id, fetched, stored, localHost, now });
      if (!decision.save) return { outcome: 'refused', reason: decision.reason };
      await tx.objects.save(decision.object);
      return { outcome: 'saved' };
    });
    if (result.outcome === 'refused') {
      this.logger.warn({ id, reason: result.reason }, 'remote object answer not kept');
    }
    return result;
  }
}
