import type { AsObject } from '../../domain/activity-streams/as-object';
import { userStreamName } from '../../domain/distribution/stream-names';
import type { SiteUrls } from '../../domain/site/site-urls';
import {
  type MediaKind,
  SIGNATURE_BYTES,
  essenceOf,
  objectTypeOfKind,
} from '../../domain/uploads/media-types';
import { unsupportedType } from '../../domain/errors/domain-error';
import { checkArrivingFile, checkQuota, type UploadLimits } from '../../domain/uploads/upload-policy';
import {
  type StoredFile,
  UPLOAD_PROPERTY,
  type UploadRecord,
  storedKeysOf,
  uploadKeys,
  uploadRecordOf,
} from '../../domain/uploads/upload-record';
import type { Principal } from '../auth/principal';
import type { Clock } from '../ports/clock.port';
import type { HtmlSanitizer } from '../ports/html-sanitizer.port';
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
  /** The object's `content` (HTML, cleaned here), as pump.io's upload took a `description`; none when absent. */
  readonly content?: string;
  /** An avatar: the thumbnail is a square of AVATAR_SIDE (pump.io's upload-avatar); an image is required. */
  readonly avatar?: boolean;
}

/** What {@link UploadMedia.discard} needs: the uploader, and the object its failed post left unposted. */
export interface DiscardUploadCommand {
  readonly principal: Principal;
  readonly nickname: string;
  readonly objectId: string;
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
      readonly sanitizer: HtmlSanitizer;
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
    if (command.avatar === true && rule.kind !== 'image') {
      throw unsupportedType('upload.avatar-not-image', 'An avatar must be an image.');
    }
    const uuid = this.deps.ids.uuid();
    const now = this.deps.clock.now();
    const objectType = objectTypeOfKind(rule.kind);
    const id = site.objectId(objectType, uuid);
    const image =
      rule.kind === 'image'
        ? await prepareImage(this.deps.images, mimeType, bytes, limits, command.avatar === true)
        : null;
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
      ...this.contentOf(command.content),
      _uuid: uuid,
      [UPLOAD_PROPERTY]: record,
    };
    const files = thumbnail === null ? [original] : [original, thumbnail];
    await this.save(nickname, object, files);
    return object;
  }

  /**
   * Takes back an upload its owner just made whose post then failed (the web composer stores the file, then posts
   * it): the object becomes a tombstone, leaves the uploads stream and its files are deleted, so nothing is left
   * of it. Only for the owner's own upload, and only while it is still in their uploads stream.
   */
  async discard(command: DiscardUploadCommand): Promise<void> {
    const { nickname, objectId } = command;
    assertSameUser(command.principal, nickname);
    const { storage, site, clock } = this.deps;
    const keys = await storage.run(async (tx) => {
      const object = await tx.objects.findById(objectId);
      const record = object === null ? null : uploadRecordOf(object);
      if (object === null || record === null || object.author?.id !== site.personId(nickname)) return [];
      const deleted = clock.now().toISOString();
      const { id, objectType, author, published, _uuid } = object;
      await tx.objects.save({ id, objectType, author, published, _uuid, updated: deleted, deleted });
      await tx.streams.remove(userStreamName(nickname, 'uploads'), id);
      return storedKeysOf(record);
    });
    await Promise.allSettled(keys.map((key) => this.deps.media.delete(key)));
  }

  private contentOf(content: string | undefined): Record<string, string> {
    const clean = content === undefined ? '' : this.deps.sanitizer.html(content);
    return clean === '' ? {} : { content: clean };
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
