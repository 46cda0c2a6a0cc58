import type { AsObject } from '../../domain/activity-streams/as-object';
import { stubOf } from '../../domain/visibility/visibility';
import type { ObjectRepository } from '../ports/storage/object-repository.port';
import type { RecipientCheck } from './recipient-check';

/**
 * The stored objects a response may embed for one viewer (docs/architecture.md §2b): the one filter every expansion of
 * a reference goes through (an activity's actor, object and target, an object's author and inReplyTo, addresses,
 * inline items), whatever the format (AS1 JSON, the HTML pages, the answer to a write).
 *
 * Invariants: an object the viewer may see embedded (the check's `canSeeEmbedded`, the rule of a direct read) is
 * answered as stored; any other as its id-only stub `{id, objectType}`, and remembered as withheld, so a
 * presenter shows the stub alone (no counts, no feeds, no liked/shared). Ids not stored are not answered, as the
 * repository's `findManyByIds`.
 */
export class EmbeddedObjects implements Pick<ObjectRepository, 'findManyByIds'> {
  private readonly withheldIds = new Set<string>();

  constructor(
    private readonly objects: Pick<ObjectRepository, 'findManyByIds'>,
    readonly check: RecipientCheck,
  ) {}

  /** The documents of `ids` as the viewer may see them embedded: as stored, or as a stub. */
  async findManyByIds(ids: readonly string[]): Promise<Map<string, AsObject>> {
    const found = await this.objects.findManyByIds(ids);
    const stored = [...found.values()];
    const visible = await Promise.all(stored.map((object) => this.check.canSeeEmbedded(object)));
    const answered = new Map<string, AsObject>();
    stored.forEach((object, index) => {
      if (visible[index]) {
        answered.set(object.id, object);
      } else {
        this.withheldIds.add(object.id);
        answered.set(object.id, stubOf(object));
      }
    });
    return answered;
  }

  /** True when `id` was answered as a stub: the viewer may not see what it names. */
  isWithheld(id: string): boolean {
    return this.withheldIds.has(id);
  }
}
