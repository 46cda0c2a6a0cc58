import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import type { Request, Response } from 'express';

import type { Principal } from '../../../application/auth/principal';
import { viewerOf } from '../../../application/auth/principal';
import type { ReadUserStream } from '../../../application/reading/read-user-stream.use-case';
import type { ReadingRepositories } from '../../../application/reading/reading-repositories';
import type { ReadUploadedFile } from '../../../application/uploads/read-uploaded-file.use-case';
import type { UploadMedia } from '../../../application/uploads/upload-media.use-case';
import { isDomainError } from '../../../domain/errors/domain-error';
import type { SiteUrls } from '../../../domain/site/site-urls';
import { principalOf, type RequestAuthenticator, requireAuth } from '../auth/request-authenticator';
import { type Feature, FeatureRoutes } from '../feature-routes';
import { parseStreamRange } from '../paging/stream-range.parser';
import { As1ActivityPresenter } from '../presenters/as1-activity.presenter';
import { As1ObjectPresenter } from '../presenters/as1-object.presenter';
import { userStreamJson } from '../reading/page-json';
import { type UploadBody, uploadBodyParser } from './upload-body.parser';

/** What the uploads feature needs; the composition root builds it only when uploads are enabled. */
export interface UploadsRouterDeps {
  readonly authenticator: RequestAuthenticator;
  readonly site: SiteUrls;
  readonly repositories: ReadingRepositories;
  readonly uploadMedia: UploadMedia;
  readonly readUploadedFile: ReadUploadedFile;
  readonly readUserStream: ReadUserStream;
  /** The largest file accepted, in bytes: the body parser stops reading past it. */
  readonly maxBytes: number;
}

/**
 * Uploads (docs/protocol.md §10.1): `POST /api/user/:nick/uploads` (3-legged OAuth, counted as an API write by the
 * rate limits like every POST under /api), `GET /api/user/:nick/uploads` (the owner's uploads stream) and the files
 * at `H/uploads/<nick>/...`.
 *
 * Invariants: who may upload and who may read a file are decided by the use cases, never here. A file is read with
 * OAuth (either leg), the browser session, or nothing (an anonymous reader), as pump.io allows; it is sent with the
 * media type recorded when it was stored, `X-Content-Type-Options: nosniff`, a sandboxing Content-Security-Policy,
 * and `Content-Disposition: attachment` unless it is an image, audio or video; `Cache-Control: private`, since who
 * may read it can change (a post deleted).
 */
export function uploadsFeature(deps: UploadsRouterDeps): Feature {
  const { authenticator, site, repositories } = deps;
  const router = new FeatureRoutes();
  const objects = new As1ObjectPresenter(repositories, site);
  const presenters = { objects, activities: new As1ActivityPresenter(objects) };
  const writer = (res: Response) => viewerOf(principalOf(res));

  router.post(
    '/api/user/:nickname/uploads',
    requireAuth(authenticator, 'user'),
    uploadBodyParser(deps.maxBytes),
    async (req: Request, res: Response) => {
      const upload = res.locals.upload as UploadBody;
      const object = await deps.uploadMedia.execute({
        principal: principalOf(res),
        nickname: String(req.params.nickname),
        mimeType: upload.mimeType,
        bytes: upload.bytes,
      });
      res.json(await objects.presentOne(object, writer(res)));
    },
  );

  router.get('/api/user/:nickname/uploads', requireAuth(authenticator, 'userRead'), async (req, res) => {
    const page = await deps.readUserStream.execute({
      nickname: String(req.params.nickname),
      feed: 'uploads',
      range: parseStreamRange(req.query as Record<string, unknown>),
      viewer: writer(res),
    });
    res.json(await userStreamJson(presenters, site, page, writer(res)));
  });

  const sendFile = async (req: Request, res: Response, path: string): Promise<void> => {
    const principal = await readerOf(authenticator, req);
    const file = await deps.readUploadedFile.execute({ path, viewer: viewerOf(principal) });
    res.status(200);
    res.set({
      'Content-Type': file.mimeType,
      'Content-Length': String(file.size),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Cache-Control': 'private',
    });
    if (!file.inline) res.attachment(path.slice(path.lastIndexOf('/') + 1));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // A read that fails after the headers went out ends the response; the error handler logs it.
    await pipeline(Readable.from(file.content), res);
  };
  // `/uploads` itself and anything under it that names no file are 403, as in pump.io.
  router.get('/uploads', async (req, res) => sendFile(req, res, ''));
  router.get('/uploads/*path', async (req, res) => {
    const segments = req.params.path as unknown as string[];
    await sendFile(req, res, segments.join('/'));
  });

  return { name: 'uploads', routes: router.routes };
}

/** Who reads a file: the OAuth or session principal, or nobody when the request carries no credentials at all. */
async function readerOf(authenticator: RequestAuthenticator, req: Request): Promise<Principal | null> {
  try {
    return await authenticator.authenticate(req, 'anyRead');
  } catch (error) {
    if (isDomainError(error, 'unauthenticated') && error.code === 'auth.none') return null;
    throw error;
  }
}
