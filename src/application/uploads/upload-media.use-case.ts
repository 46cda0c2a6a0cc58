import type { AsObject } from '../../domain/activity-streams/as-object';
import { userStreamName } from '../../domain/distribution/stream-names';
import type { SiteUrls } from '../../domain/site/site-urls';
import {
  type MediaKind,
  SIGNATURE_BYTES,
  essenceOf,
  objectTypeOfKind,
} from '../../domain/uploads/media-types';
import { checkArrivingFile, checkQuota, type UploadLimits } from '../../domain/uploads/upload-policy';
import {
  type StoredFile,
  UPLOAD_PROPERTY,
  type UploadRecord,
  uploadKeys,
} from '../../domain/uploads/upload-record';
import type { Principal } from '../auth/principal';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { ImageProcessor } from '../ports/image-processor.port';
import type { MediaStorage } from '../ports/media-storage.port';
import type { Storage } from '../ports/storage/unit-of-work.port';
import { assertSameUser } from '../users/same-user';
import { prepareImage } from './image-preparation';
import { storedBytesOfUser } from './upload-usage';

/** What {@link UploadMedia} needs: who uploads, to whose uploads, and the file as it came. */
export interface UploadMediaCommand {
  readonly principal: Principal;
  readonly nickname: string;
  /** The declared media type: the request's Content-Type, or the `mimeType` of a JSON upload. */
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

/** A file to store under a key, once everything about the upload has been checked. */
interface PendingFile {
  readonly stored: StoredFile;
  readonly bytes: Uint8Array;
}

/**
 * `POST /api/user/:nick/uploads` (docs/protocol.md §10.1): stores a file and answers the new object (an image,
 * audio, video or file by its media type), added to the user's uploads stream and not posted.
 *
 * Invariants: only the user named may upload (401 otherwise); the file is checked by the domain's upload policy
 * before anything is stored (empty, type not accepted, too large, content not of the declared type); an image
 * must decode, within the pixel limit, and is stored upright and re-encoded without metadata (no EXIF location),
 * with a thumbnail whose largest side is at most 320; the quota is checked in the same unit of work that saves
 * the object, so two uploads at once cannot both pass it; a refused upload leaves no object, no stream entry and
 * no file behind. The new object is its author's only until it is posted (the domain's `canSeeObject`).
 */
export class UploadMedia {
  constructor(
    private readonly deps: {
      readonly storage: Storage;
      readonly media: MediaStorage;
      readonly images: ImageProcessor;
      readonly site: SiteUrls;
      readonly ids: IdGenerator;
      readonly clock: Clock;
      readonly limits: UploadLimits;
    },
  ) {}

  async execute(command: UploadMediaCommand): Promise<AsObject> {
    const { nickname, bytes } = command;
    assertSameUser(command.principal, nickname);
    const { limits, site } = this.deps;
    const mimeType = essenceOf(command.mimeType);
    const rule = checkArrivingFile(
      { mimeType, size: bytes.length, head: bytes.subarray(0, SIGNATURE_BYTES) },
      limits,
    );
    const uuid = this.deps.ids.uuid();
    const now = this.deps.clock.now();
    const objectType = objectTypeOfKind(rule.kind);
    const id = site.objectId(objectType, uuid);
    const image =
      rule.kind === 'image' ? await prepareImage(this.deps.images, mimeType, bytes, limits) : null;
    const keys = uploadKeys(nickname, uuid, now, rule.extension, image?.thumbnailExtension ?? rule.extension);
    const original: PendingFile = {
      stored: { key: keys.original, mimeType, bytes: (image?.full.bytes ?? bytes).length },
      bytes: image?.full.bytes ?? bytes,
    };
    const thumbnail: PendingFile | null =
      image === null
        ? null
        : {
            stored: {
              key: keys.thumbnail,
              mimeType: image.thumbnail.mimeType,
              bytes: image.thumbnail.bytes.length,
            },
            bytes: image.thumbnail.bytes,
          };
    const record: UploadRecord = {
      kind: rule.kind,
      original: original.stored,
      ...(thumbnail !== null && { thumbnail: thumbnail.stored }),
    };
    const fileUrl = (file: PendingFile) => site.url(`uploads/${file.stored.key}`);
    const object: AsObject = {
      id,
      objectType,
      links: { self: { href: id } },
      url: site.objectPageUrl(nickname, objectType, uuid),
      author: { id: site.personId(nickname), objectType: 'person' },
      published: now.toISOString(),
      updated: now.toISOString(),
      ...mediaProperties(rule.kind, mimeType, fileUrl(original), image, thumbnail && fileUrl(thumbnail)),
      _uuid: uuid,
      [UPLOAD_PROPERTY]: record,
    };
    const files = thumbnail === null ? [original] : [original, thumbnail];
    await this.save(nickname, object, files);
    return object;
  }

  /** Stores the files, then the object and its stream entry in one unit of work; undoes the files if that fails. */
  private async save(nickname: string, object: AsObject, files: readonly PendingFile[]): Promise<void> {
    const { media, storage, limits } = this.deps;
    const added = files.reduce((sum, file) => sum + file.stored.bytes, 0);
    try {
      for (const file of files) await media.put(file.stored.key, file.bytes);
      await storage.run(async (tx) => {
        checkQuota(await storedBytesOfUser(tx, nickname), added, limits);
        await tx.objects.save(object);
        await tx.streams.append(userStreamName(nickname, 'uploads'), object.id);
      });
    } catch (error) {
      await Promise.allSettled(files.map((file) => media.delete(file.stored.key)));
      throw error;
    }
  }
}

/** The properties pump.io gives each kind (docs/protocol.md §5.2): images, their stream, or a file's URL and type. */
function mediaProperties(
  kind: MediaKind,
  mimeType: string,
  url: string,
  image: Awaited<ReturnType<typeof prepareImage>> | null,
  thumbnailUrl: string | null,
): Record<string, unknown> {
  if (image !== null && thumbnailUrl !== null) {
    const { full, thumbnail } = image;
    return {
      image: { url: thumbnailUrl, width: thumbnail.width, height: thumbnail.height },
      fullImage: { url, width: full.width, height: full.height },
    };
  }
  if (kind === 'audio' || kind === 'video') return { stream: { url } };
  return { fileUrl: url, mimeType };
}
