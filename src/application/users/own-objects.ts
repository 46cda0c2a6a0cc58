import type { AsObject } from '../../domain/activity-streams/as-object';
import { ObjectType } from '../../domain/activity-streams/object-types';
import { userStreamName } from '../../domain/distribution/stream-names';
import type { Repositories } from '../ports/storage/unit-of-work.port';

// How many stream items one read takes.
const CHUNK = 200;

/** Every item of a stream, newest first, read a chunk at a time. */
export async function allItemsOf(streams: Repositories['streams'], stream: string): Promise<string[]> {
  const items: string[] = [];
  for (let offset = 0; ; offset += CHUNK) {
    const page = await streams.page(stream, { offset, count: CHUNK });
    items.push(...page);
    if (page.length < CHUNK) return items;
  }
}

/**
 * The live objects a local user authored: the objects of the activities in their outbox and their uploads (an
 * upload never posted is in no activity), each once, newest first; not the person itself, not tombstones, not
 * objects by others the user acted on (a favorite, a share). The ids are all read before the caller changes
 * anything, so activities it posts meanwhile cannot shift the pages.
 */
export async function ownLiveObjects(
  repositories: Pick<Repositories, 'streams' | 'activities' | 'objects'>,
  nickname: string,
  personId: string,
): Promise<AsObject[]> {
  const activityIds = await allItemsOf(repositories.streams, userStreamName(nickname, 'outbox'));
  const uploadIds = await allItemsOf(repositories.streams, userStreamName(nickname, 'uploads'));
  const objectIds = new Set<string>();
  for (let start = 0; start < activityIds.length; start += CHUNK) {
    const activities = await repositories.activities.findManyByIds(activityIds.slice(start, start + CHUNK));
    for (const activity of activities.values()) {
      if (activity.object?.id !== undefined) objectIds.add(activity.object.id);
    }
  }
  for (const id of uploadIds) objectIds.add(id);
  const ids = [...objectIds];
  const own: AsObject[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const objects = await repositories.objects.findManyByIds(ids.slice(start, start + CHUNK));
    for (const object of objects.values()) {
      const mine = object.author?.id === personId && object.objectType !== ObjectType.PERSON;
      if (mine && object.deleted === undefined) own.push(object);
    }
  }
  return own;
}
