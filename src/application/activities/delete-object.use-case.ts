import type { SiteUrls } from '../../domain/site/site-urls';
import type { Principal } from '../auth/principal';
import type { ObjectRepository } from '../ports/storage/object-repository.port';
import { actingUser, type ObjectAddress, ownObject } from './object-shortcuts';
import type { PostActivity, PostedActivity } from './post-activity.use-case';

/** What {@link DeleteObject} needs: who, and which object. */
export interface DeleteObjectCommand {
  readonly principal: Principal;
  readonly address: ObjectAddress;
}

/**
 * `DELETE /api/<type>/<uuid>` (docs/protocol.md §4.2 shortcuts, §4.7): the author posts a `delete` activity;
 * the object becomes a tombstone (410 from then on) and recipients default to those of its creation.
 *
 * Invariants: 404/410/403 as {@link ownObject}; everything else is {@link PostActivity}'s.
 */
export class DeleteObject {
  constructor(
    private readonly post: PostActivity,
    private readonly objects: ObjectRepository,
    private readonly site: SiteUrls,
  ) {}

  async execute(command: DeleteObjectCommand): Promise<PostedActivity> {
    const user = actingUser(command.principal);
    const object = await ownObject(this.objects, this.site, user, command.address);
    return this.post.execute({
      origin: { kind: 'local', principal: command.principal, nickname: user.nickname },
      body: { verb: 'delete', object: { id: object.id, objectType: object.objectType } },
    });
  }
}
