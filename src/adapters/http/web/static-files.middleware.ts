import express, { type RequestHandler } from 'express';

/** How long browsers may reuse a stylesheet or script before asking again (they revalidate with the ETag). */
const MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Serves the project's `public/` folder (mounted under `/public` by the web feature) (`public` is a reserved nickname, so no profile page is
 * shadowed): the stylesheet and our own scripts, all self-hosted (no CDN).
 *
 * Invariants: only GET and HEAD; no directory listings or index files; dotfiles are refused; responses carry an
 * ETag and Last-Modified and may be cached for an hour, then revalidated; `X-Content-Type-Options: nosniff`, so a
 * file is only ever used as the type it is served with; a missing file falls through to the 404.
 */
export function staticFiles(publicDir: string): RequestHandler {
  return express.static(publicDir, {
    index: false,
    dotfiles: 'deny',
    redirect: false,
    maxAge: MAX_AGE_MS,
    setHeaders: (res) => {
      res.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });
}
