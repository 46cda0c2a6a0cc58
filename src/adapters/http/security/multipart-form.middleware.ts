import type { Request, RequestHandler } from 'express';
import multer from 'multer';

import { forbidden, invalid } from '../../../domain/errors/domain-error';
import { tooLargeFile } from '../../../domain/uploads/upload-policy';
import { isCsrfExempt } from './csrf-protection.middleware';

/** A web form's file, as the multipart parser read it. */
export interface FormFile {
  /** The form field that carried it. */
  readonly field: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

/** What a page's multipart form brought: its one file (null when none was chosen), or why it was refused. */
export type FormFileOutcome = { readonly file: FormFile | null } | { readonly refusal: unknown };

const OUTCOME = Symbol('formFile');

/** The outcome the parser left on `req`; `{file: null}` for a request that was no multipart form. */
export function formFileOf(req: Request): FormFileOutcome {
  return (req as unknown as Record<symbol, FormFileOutcome | undefined>)[OUTCOME] ?? { file: null };
}

const isMultipart = (req: Request): boolean =>
  req.method !== 'GET' && req.method !== 'HEAD' && req.is('multipart/form-data') === 'multipart/form-data';

/**
 * Reads the multipart forms of the web pages (a file with a post, an avatar), so that the CSRF check that comes
 * right after it finds the form's `_csrf` field in `req.body` like any other form's.
 *
 * Why parse before the check rather than send the token in the URL or a header: a token in the query string ends
 * up in logs, history and Referer headers (OWASP's CSRF prevention cheat sheet advises against it), and a header
 * needs JavaScript, while the pages must work without it. Parsing first is made safe by what comes before it: only
 * a browser with a logged-in session gets its form read (the session cookie is SameSite=Lax, so another site's
 * form arrives without it), anything else is refused before a byte is read; the parser keeps at most one file of
 * `maxBytes` in memory and a few small fields; the API and the OAuth-signed paths are never touched (the API's
 * upload route reads its own body).
 *
 * A file over `maxBytes` is not an error here: the fields before it (the token comes first in the form) are kept,
 * the refusal is left for the page, which shows it in the form once the CSRF check has passed. Any other malformed
 * form is a 400.
 */
export function multipartForms(options: {
  readonly maxBytes: number | null;
  readonly loggedIn: (req: Request) => boolean;
}): RequestHandler {
  const parse =
    options.maxBytes === null
      ? null
      : multer({
          storage: multer.memoryStorage(),
          limits: { fileSize: options.maxBytes, files: 1, fields: 20, fieldSize: 128 * 1024 },
        }).any();
  return (req, res, next) => {
    if (!isMultipart(req) || isCsrfExempt(req.path)) {
      next();
      return;
    }
    if (parse === null || !options.loggedIn(req)) {
      next(forbidden('csrf.invalid', 'Invalid or missing form token. Reload the page and try again.'));
      return;
    }
    const store = (outcome: FormFileOutcome) => {
      (req as unknown as Record<symbol, FormFileOutcome>)[OUTCOME] = outcome;
    };
    parse(req, res, (error?: unknown) => {
      if (error !== undefined && error !== null) {
        if ((error as { code?: unknown }).code !== 'LIMIT_FILE_SIZE') {
          next(invalid('web.bad-form', `Bad form: ${(error as Error).message}`));
          return;
        }
        req.body = req.body ?? {};
        store({ refusal: tooLargeFile(options.maxBytes ?? 0) });
        next();
        return;
      }
      store({ file: chosenFile(req) });
      next();
    });
  };
}

/** The form's file; a file input left empty arrives as a part with no name and no bytes, which is no file. */
function chosenFile(req: Request): FormFile | null {
  const file = ((req.files ?? []) as Express.Multer.File[])[0];
  if (file === undefined || (file.originalname === '' && file.size === 0)) return null;
  return { field: file.fieldname, mimeType: file.mimetype, bytes: file.buffer };
}
