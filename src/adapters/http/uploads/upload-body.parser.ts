import express, { type Request, type RequestHandler } from 'express';
import multer from 'multer';

import { invalid } from '../../../domain/errors/domain-error';
import { tooLargeFile } from '../../../domain/uploads/upload-policy';

/** The file of an upload request, as its body gave it. */
export interface UploadBody {
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

const isJson = (req: Request): boolean => req.is(['application/json', 'application/*+json']) !== false;
const isMultipart = (req: Request): boolean => req.is('multipart/form-data') !== false;

/**
 * True for the requests whose body the uploads route reads itself (a POST to `/api/user/<nick>/uploads`): the
 * app's JSON parser, with its 1 MiB limit, must leave them alone.
 */
export function readsUploadBody(req: Request): boolean {
  return req.method === 'POST' && /^\/api\/user\/[^/]+\/uploads\/?$/i.test(req.path);
}

/**
 * Reads an upload's file from the request (docs/protocol.md §10.1), into `res.locals.upload`: the raw body with its
 * Content-Type (what pump.io's clients send), JSON `{mimeType, data}` with the data in base64 or base64url, or a
 * multipart form with one file (what a browser's form sends). A body over `maxBytes` (its base64 allowing for the
 * encoding) is refused as it arrives, with the upload policy's 413, and is never held whole.
 */
export function uploadBodyParser(maxBytes: number): RequestHandler {
  const raw = express.raw({ type: () => true, limit: maxBytes });
  // base64 takes 4 bytes for 3, and the JSON around it a little more.
  const json = express.json({ type: () => true, limit: Math.ceil((maxBytes * 4) / 3) + 64 * 1024 });
  const form = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 20 },
  }).any();

  return (req, res, next) => {
    const done = (error?: unknown) => {
      if (error !== undefined && error !== null) {
        next(bodyError(error, maxBytes, isMultipart(req)));
        return;
      }
      try {
        res.locals.upload = uploadOf(req);
        next();
      } catch (refusal) {
        next(refusal);
      }
    };
    if (isJson(req)) json(req, res, done);
    else if (isMultipart(req)) form(req, res, done);
    else raw(req, res, done);
  };
}

/** The file the parsers left on the request. */
function uploadOf(req: Request): UploadBody {
  if (isMultipart(req)) {
    const files = (req.files ?? []) as Express.Multer.File[];
    if (files.length === 0) throw invalid('upload.no-file', 'The form holds no file.');
    return { mimeType: files[0].mimetype, bytes: files[0].buffer };
  }
  if (isJson(req)) return binaryJson(req.body);
  const bytes: unknown = req.body;
  return {
    mimeType: req.get('content-type') ?? '',
    bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.alloc(0),
  };
}

/** pump.io's JSON upload: `{mimeType, data}`, the data base64url (its test) or plain base64. */
function binaryJson(body: unknown): UploadBody {
  const { mimeType, data } = (typeof body === 'object' && body !== null ? body : {}) as Record<
    string,
    unknown
  >;
  if (typeof mimeType !== 'string' || mimeType === '') throw invalid('upload.no-mime-type', 'No mime type');
  if (typeof data !== 'string') throw invalid('upload.no-data', 'No data');
  if (!BASE64.test(data)) throw invalid('upload.bad-data', 'data is not base64.');
  return { mimeType, bytes: Buffer.from(data, 'base64') };
}

/** A body refused as it arrived: too large is the policy's 413, anything else a 400 saying what was wrong. */
function bodyError(error: unknown, maxBytes: number, multipart: boolean): unknown {
  const { type, code } = error as { type?: unknown; code?: unknown };
  if (type === 'entity.too.large' || code === 'LIMIT_FILE_SIZE') return tooLargeFile(maxBytes);
  // A malformed form (busboy's plain errors included) is the client's; body-parser's own errors (malformed JSON,
  // an unknown charset, an aborted request) carry their 4xx already.
  if (multipart) return invalid('upload.bad-form', `Bad upload form: ${(error as Error).message}`);
  return error;
}
