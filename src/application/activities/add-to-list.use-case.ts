import { ObjectType } from '../../domain/activity-streams/object-types';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Principal } from '../auth/principal';
import type { ObjectRepository } from '../ports/storage/object-repository.port';
import { actingUser, objectBody, ownObject } from './object-shortcuts';
import type { PostActivity, PostedActivity } from './post-activity.use-case';

/** What {@link AddToList} needs: who, the list's uuid, and the object to add (the body). */
export interface AddToListCommand {
  readonly principal: Principal;
  readonly listUuid: string;
  readonly body: unknown;
}

/**
 * `POST /api/collection/<uuid>/members` (docs/protocol.md §4.2 shortcuts): the list's author posts an `add`
 * activity with the body as object and the list as target.
 *
 * Invariants: 404 for an unknown list, 410 for a deleted one, 403 for anyone but its author; the list's member
 * types are checked by the add side effect (400).
 */
export class AddToList {
  constructor(
    private readonly post: PostActivity,
    private readonly objects: ObjectRepository,
    private readonly site: SiteUrls,
  ) {}

  async execute(command: AddToListCommand): Promise<PostedActivity> {
    const user = actingUser(command.principal);
    const object = objectBody(command.body);
    const list = await ownObject(this.objects, this.site, user, {
      type: ObjectType.COLLECTION,
      uuid: command.listUuid,
    });
    return this.post.execute({
      origin: { kind: 'local', principal: command.principal, nickname: user.nickname },
      body: { verb: 'add', object, target: { id: list.id, objectType: list.objectType } },
    });
  }
}
