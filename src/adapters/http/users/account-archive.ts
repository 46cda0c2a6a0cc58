import { Readable } from 'node:stream';

import type { Response } from 'express';
import { ZipFile } from 'yazl';

import type { Logger } from '../../../application/ports/logger.port';
import type { AccountExport } from '../../../application/users/export-account.use-case';
import type { ReadUser } from '../../../application/users/read-user.use-case';
import type { SiteUrls } from '../../../domain/site/site-urls';
import type { Viewer } from '../../../domain/visibility/visibility';
import type { ReadingUseCases } from '../reading/reading.router';
import { objectCollectionJson, type PagePresenters, userStreamJson } from '../reading/page-json';
import { presentUser } from './user.presenter';

/** What writing an archive reads with: the API's own use cases and presenters. */
export interface AccountArchiveDeps {
  readonly site: SiteUrls;
  readonly readUser: Pick<ReadUser, 'execute'>;
  readonly reading: Pick<ReadingUseCases, 'readUserStream' | 'readObjectCollection'>;
  readonly presenters: PagePresenters;
  readonly logger: Logger;
}

// Items per page read from a feed: each page is presented and written before the next is read.
const PAGE = 100;

const README = `This archive holds one account of a pump.io-compatible server, as its API showed it to the owner.

profile.json     the user and their person (GET /api/user/<nick>)
activities.json  every activity in the user's feed, newest first, as AS1 JSON (GET /api/user/<nick>/feed)
followers.json   the persons following the user (GET /api/user/<nick>/followers)
following.json   the persons the user follows (GET /api/user/<nick>/following); it can be imported again
favorites.json   the objects the user favorited (GET /api/user/<nick>/favorites)
lists.json       the user's lists of persons, each with its "members" collection
uploads/         the files the user uploaded, under their path below /uploads/ on the server
`;

// Paging links make no sense in a file: the whole collection is in it.
const PAGING_KEYS = new Set(['items', 'links', 'next', 'prev']);

/**
 * A whole collection as one JSON document, written one item at a time: the first page's properties (title,
 * author, totalItems, url), then `items` from every page in order. Too long a collection never sits in memory.
 */
async function* collectionText(
  pages: (offset: number) => Promise<Record<string, unknown>>,
): AsyncGenerator<string> {
  let first = true;
  for (let offset = 0; ; offset += PAGE) {
    const document = await pages(offset);
    const items = Array.isArray(document.items) ? (document.items as unknown[]) : [];
    if (offset === 0) {
      const header = Object.entries(document).filter(([key]) => !PAGING_KEYS.has(key));
      const opening = JSON.stringify({ ...Object.fromEntries(header), items: [] });
      yield opening.slice(0, -2); // `{..., "items":[` without its closing `]}`
    }
    for (const item of items) {
      yield `${first ? '' : ','}\n${JSON.stringify(item)}`;
      first = false;
    }
    if (items.length < PAGE) break;
  }
  yield '\n]}\n';
}

async function* utf8(parts: AsyncIterable<string>): AsyncGenerator<Buffer> {
  for await (const part of parts) yield Buffer.from(part, 'utf8');
}

/**
 * Streams the zip archive of an account to `res` (docs: README "Account lifecycle"): each entry is read when
 * the zip writer reaches it, a page of a feed at a time and upload files from the media store, so a big account
 * never sits in memory whole. Whatever fails once the answer has begun ends the connection (the download is
 * then visibly broken) and is logged; the checks that may refuse the export ran before this is called.
 */
export function streamAccountArchive(deps: AccountArchiveDeps, plan: AccountExport, res: Response): void {
  const { nickname } = plan;
  const viewer: Viewer = { id: plan.personId };
  const zip = new ZipFile();
  const fail = (error: unknown): void => {
    deps.logger.error({ err: error, nickname }, 'account export failed while streaming');
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  };
  const entry = (name: string, text: () => AsyncGenerator<string>): void => {
    // Bytes, not strings: the zip writer counts sizes and checksums in bytes.
    const stream = Readable.from(utf8(text()));
    stream.on('error', fail);
    zip.addReadStream(stream, name);
  };
  const feed = (name: string, path: string): void => {
    entry(name, () =>
      collectionText(async (offset) => {
        const page = await deps.reading.readUserStream.execute({
          nickname,
          feed: path,
          range: { count: PAGE, offset },
          viewer,
        });
        return userStreamJson(deps.presenters, deps.site, page, viewer);
      }),
    );
  };

  res.status(200);
  res.setHeader('Content-Type', 'application/zip');
  res.setHeader('Content-Disposition', `attachment; filename="${nickname}-export.zip"`);
  res.setHeader('Cache-Control', 'no-store');
  zip.outputStream.on('error', fail);
  zip.outputStream.pipe(res);

  zip.addBuffer(Buffer.from(README), 'README.txt');
  entry('profile.json', async function* () {
    yield `${JSON.stringify(presentUser(await deps.readUser.execute({ nickname, viewer })), null, 1)}\n`;
  });
  feed('activities.json', 'feed');
  feed('followers.json', 'followers');
  feed('following.json', 'following');
  feed('favorites.json', 'favorites');
  entry('lists.json', () => listsText(deps, plan, viewer));
  for (const file of plan.files) {
    zip.addReadStreamLazy(`uploads/${file.key}`, (done) => {
      file.open().then(
        (media) => done(null, Readable.from(media?.content ?? [])),
        (error: unknown) => done(error, Readable.from([])),
      );
    });
  }
  zip.end();
}

/** The lists, each as the members collection `GET /api/collection/<uuid>/members` answers (title, author, items). */
async function* listsText(
  deps: AccountArchiveDeps,
  plan: AccountExport,
  viewer: Viewer,
): AsyncGenerator<string> {
  yield '{"items":[';
  let first = true;
  for (const id of plan.listIds) {
    const members = collectionText(async (offset) => {
      const page = await deps.reading.readObjectCollection.execute({
        locator: { type: 'collection', id },
        feed: 'members',
        range: { count: PAGE, offset },
        viewer,
      });
      return objectCollectionJson(deps.presenters, deps.site, page, viewer);
    });
    yield `${first ? '' : ','}\n{"id":${JSON.stringify(id)},"members":`;
    first = false;
    for await (const part of members) yield part;
    yield '}';
  }
  yield '\n]}\n';
}
