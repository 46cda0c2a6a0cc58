import { forbidden, notFound } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import { isInlineMedia, mediaTypeRuleOf } from '../../domain/uploads/media-types';
import { parseUploadPath, storedFileNamed, uploadRecordOf } from '../../domain/uploads/upload-record';
import type { Viewer } from '../../domain/visibility/visibility';
import type { MediaStorage, StoredMedia } from '../ports/media-storage.port';
import type { ReadingRepositories } from '../reading/reading-repositories';
import { RecipientCheck } from '../reading/recipient-check';

/** What {@link ReadUploadedFile} needs: the path after `H/uploads/`, and who is looking. */
export interface ReadUploadedFileCommand {
  readonly path: string;
  readonly viewer: Viewer;
}

/** A file to send: its bytes, its media type, and whether a browser may show it in the page or must download it. */
export interface UploadedFile extends StoredMedia {
  readonly mimeType: string;
  readonly inline: boolean;
}

const notAllowed = () => forbidden('upload.not-allowed', 'Not allowed');

/**
 * `GET H/uploads/<path>` (docs/protocol.md §10.1): an uploaded file, under the same rule as its object.
 *
 * Invariants: a path that names no upload's file by its form (no extension, an extension of no accepted type,
 * `..`) is 403 "Not allowed", as in pump.io; a well-formed path of no stored upload, or of a deleted one, is 404;
 * the viewer must be allowed to see the object (the domain's `canSeeObject`: its author always, anyone else only as
 * a recipient of its post, so nobody but the author before it is posted), else 403 "Not allowed". Only the keys
 * the upload's record holds are ever read from the media store, never the path as given. The media type sent is
 * the one recorded when the file was stored.
 */
export class ReadUploadedFile {
  constructor(
    private readonly deps: {
      readonly repositories: Pick<ReadingRepositories, 'objects' | 'activities' | 'follows' | 'streams'>;
      readonly media: MediaStorage;
      readonly site: SiteUrls;
    },
  ) {}

  async execute(command: ReadUploadedFileCommand): Promise<UploadedFile> {
    const { repositories, site, media } = this.deps;
    const path = parseUploadPath(command.path);
    const kind = path === null ? undefined : mediaTypeRuleOf(path.mimeType)?.kind;
    if (path === null || kind === undefined) throw notAllowed();
    const object = await repositories.objects.findById(site.objectId(kind, path.uuid));
    const record = object === null ? null : uploadRecordOf(object);
    const file = record === null ? null : storedFileNamed(record, path.key);
    if (object === null || record === null || file === null) {
      throw notFound('upload.not-found', 'No such file');
    }
    if (!(await new RecipientCheck(repositories, site, command.viewer).canSeeObject(object))) {
      throw notAllowed();
    }
    const stored = await media.open(file.key);
    if (stored === null) throw notFound('upload.not-found', 'No such file');
    return { ...stored, mimeType: file.mimeType, inline: isInlineMedia(record.kind) };
  }
}
