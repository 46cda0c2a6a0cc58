import { userStreamName } from '../../domain/distribution/stream-names';
import type { SiteUrls } from '../../domain/site/site-urls';
import { storedKeysOf, uploadRecordOf } from '../../domain/uploads/upload-record';
import type { Principal } from '../auth/principal';
import type { MediaStorage, StoredMedia } from '../ports/media-storage.port';
import type { Repositories } from '../ports/storage/unit-of-work.port';
import { allItemsOf } from './own-objects';
import { findUserOrFail } from './read-user.use-case';
import { assertSameUser } from './same-user';

// How many upload objects one read takes.
const UPLOADS_PER_READ = 200;

/** Who asks for whose archive. */
export interface ExportAccountCommand {
  readonly principal: Principal;
  readonly nickname: string;
}

/** One stored file of an upload, by its key in the media store (also its path under `H/uploads/`). */
export interface ExportedFile {
  readonly key: string;
  /** Opens the bytes when the archive reaches the file; null when the store no longer holds it. */
  open(): Promise<StoredMedia | null>;
}

/** What goes into an account's archive besides what the reading use cases serve (feeds, lists, the user). */
export interface AccountExport {
  readonly nickname: string;
  readonly personId: string;
  /** The ids of the user's lists of persons, newest first (their members are read per list). */
  readonly listIds: readonly string[];
  /** The files of the user's uploads that are not deleted, in the uploads stream's order. */
  readonly files: readonly ExportedFile[];
}

/**
 * `GET /api/user/:nickname/export` and the account page's export button: who may take the archive (only the
 * user: 401 for anyone else, pump.io's "Not authorized"; 404 unknown, 410 deleted) and what it holds beyond
 * the feeds (the lists to expand, the upload files to copy). The caller writes the archive from the same reading
 * use cases as the API, so the archive shows exactly what the API shows the owner.
 */
export class ExportAccount {
  constructor(
    private readonly repositories: Pick<Repositories, 'users' | 'streams' | 'objects'>,
    private readonly site: SiteUrls,
    private readonly media: Pick<MediaStorage, 'open'> | null,
  ) {}

  async execute(command: ExportAccountCommand): Promise<AccountExport> {
    const user = await findUserOrFail(this.repositories.users, command.nickname);
    assertSameUser(command.principal, user.nickname);
    const { streams, objects } = this.repositories;
    const listIds = await allItemsOf(streams, userStreamName(user.nickname, 'lists:person'));
    const uploadIds = await allItemsOf(streams, userStreamName(user.nickname, 'uploads'));
    const files: ExportedFile[] = [];
    const media = this.media;
    for (let start = 0; media !== null && start < uploadIds.length; start += UPLOADS_PER_READ) {
      const found = await objects.findManyByIds(uploadIds.slice(start, start + UPLOADS_PER_READ));
      for (const object of found.values()) {
        const record = uploadRecordOf(object);
        if (record === null) continue;
        for (const key of storedKeysOf(record)) files.push({ key, open: () => media.open(key) });
      }
    }
    return { nickname: user.nickname, personId: this.site.personId(user.nickname), listIds, files };
  }
}
