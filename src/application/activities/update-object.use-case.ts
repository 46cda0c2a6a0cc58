import type { SiteUrls } from '../../domain/site/site-urls';
import type { Principal } from '../auth/principal';
import type { ObjectRepository } from '../ports/storage/object-repository.port';
import { actingUser, type ObjectAddress, objectBody, ownObject } from './object-shortcuts';
import type { PostActivity, PostedActivity } from './post-activity.use-case';

/** What {@link UpdateObject} needs: who, which object, and the properties to merge into it. */
export interface UpdateObjectCommand {
  readonly principal: Principal;
  readonly address: ObjectAddress;
  readonly body: unknown;
}

/**
 * `PUT /api/<type>/<uuid>` (docs/protocol.md §4.2 shortcuts, §4.7): the author posts an `update` activity whose
 * object is the body merged into the stored object; recipients default to those of the object's creation.
 *
 * Invariants: 404/410/403 as {@link ownObject}; everything else is {@link PostActivity}'s (one unit of work, a
 * durable distribution job). The answer's `object` is the updated object.
 */
export class UpdateObject {
  constructor(
    private readonly post: PostActivity,
    private readonly objects: ObjectRepository,
    private readonly site: SiteUrls,
  ) {}

  async execute(command: UpdateObjectCommand): Promise<PostedActivity> {
    const user = actingUser(command.principal);
    const changes = objectBody(command.body);
    const object = await ownObject(this.objects, this.site, user, command.address);
    return this.post.execute({
      origin: { kind: 'local', principal: command.principal, nickname: user.nickname },
      body: { verb: 'update', object: { ...changes, id: object.id, objectType: object.objectType } },
    });
  }
}
