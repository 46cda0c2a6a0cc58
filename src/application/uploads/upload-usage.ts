import { userStreamName } from '../../domain/distribution/stream-names';
import { storedBytesOf, uploadRecordOf } from '../../domain/uploads/upload-record';
import type { Repositories } from '../ports/storage/unit-of-work.port';

// How many object ids one read of the uploads stream takes.
const CHUNK = 500;

/**
 * The bytes a user's uploads take in the media store: every upload in their uploads stream that is not deleted.
 * Read inside the unit of work that adds an upload, so the sum and the addition are one step.
 */
export async function storedBytesOfUser(
  tx: Pick<Repositories, 'streams' | 'objects'>,
  nickname: string,
): Promise<number> {
  const stream = userStreamName(nickname, 'uploads');
  let total = 0;
  for (let offset = 0; ; offset += CHUNK) {
    const ids = await tx.streams.page(stream, { offset, count: CHUNK });
    if (ids.length === 0) return total;
    const objects = await tx.objects.findManyByIds(ids);
    for (const object of objects.values()) {
      const record = uploadRecordOf(object);
      if (record !== null) total += storedBytesOf(record);
    }
    if (ids.length < CHUNK) return total;
  }
}
