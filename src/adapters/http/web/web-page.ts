import type { Request, RequestHandler, Response } from 'express';

import type { AuthenticatedUser } from '../../../application/auth/principal';
import type { Clock } from '../../../application/ports/clock.port';
import type { TemplateRenderer } from '../../../application/ports/templating/template-renderer.port';
import type { Viewer } from '../../../domain/visibility/visibility';
import type { WebSession } from './web-session';
import { type ShownTime, shownTime, timeLocaleOf } from './web-time';

/** The `<title>` of each page, unless the controller gives one (a person's name, an error's). */
const PAGE_TITLES: Readonly<Record<string, string>> = {
  landing: 'Welcome',
  home: 'Home',
  login: 'Log in',
  register: 'Create an account',
  settings: 'Settings',
  javascript: 'JavaScript license information',
};

/** What every page template receives besides its own values. */
export interface PageBasics {
  readonly siteName: string;
  readonly viewer: AuthenticatedUser | null;
  /**
   * The session's CSRF token, made on the first call. A function, so only a page that really renders a form
   * calls it: making the token stores a session, and an anonymous reader of a public page must not cost a row.
   */
  readonly csrfToken: () => string;
  readonly cspNonce: string;
  /** The path and query of this page: forms post it back as `back`, so actions return here. */
  readonly currentPath: string;
  /** A timestamp in the browser's language relative to the time of this page ("5 minutes ago"), or null. */
  readonly timeOf: (iso: unknown) => ShownTime | null;
}

const SYSTEM_CLOCK: Clock = { now: () => new Date() };

/**
 * Renders the web pages (`views/web/<name>.pug`) with the locals every page needs.
 *
 * Invariants: the viewer comes from the {@link WebSession}, never from the request body; `csrfToken` is read from
 * `res.locals` only when a template calls it (a form is rendered), never for a page without a form; it and
 * `cspNonce` are what the security middleware left in `res.locals` (empty when it is not mounted, so forms still
 * render and the missing middleware shows up as refused posts, not as broken pages); every page is
 * `text/html; charset=utf-8` and never cached by shared caches, since it depends on the session.
 */
export class PageRenderer {
  constructor(
    private readonly templates: TemplateRenderer,
    private readonly session: WebSession,
    private readonly siteName: string,
    private readonly clock: Clock = SYSTEM_CLOCK,
  ) {}

  /** The logged-in user of `req`, or null. */
  userOf(req: Request): AuthenticatedUser | null {
    return this.session.userOf(req);
  }

  /** The locals every page gets. */
  basics(req: Request, res: Response): PageBasics {
    const locals = res.locals as Partial<Record<'csrfToken' | 'cspNonce', unknown>>;
    const now = this.clock.now();
    const locale = timeLocaleOf(req.acceptsLanguages());
    return {
      siteName: this.siteName,
      viewer: this.session.userOf(req),
      csrfToken: () => (typeof locals.csrfToken === 'string' ? locals.csrfToken : ''),
      cspNonce: typeof locals.cspNonce === 'string' ? locals.cspNonce : '',
      currentPath: req.originalUrl,
      timeOf: (iso) => shownTime(iso, now, locale),
    };
  }

  /** Sends `views/web/<template>.pug` with `status` (200 unless given). */
  send(
    req: Request,
    res: Response,
    template: string,
    locals: Readonly<Record<string, unknown>>,
    status = 200,
  ): void {
    const title = locals.title ?? PAGE_TITLES[template] ?? locals.nickname;
    // The basics go last: a page's own locals can never replace the logged-in viewer, its token or its nonce (a
    // person page once passed its visibility `viewer` and broke the header's own links).
    const html = this.templates.render(`web/${template}`, { ...locals, title, ...this.basics(req, res) });
    res.status(status).type('html').set('Cache-Control', 'private, no-cache').send(html);
  }
}

/** The viewer the visibility rules judge for a browser user. */
export function viewerOfUser(user: AuthenticatedUser | null): Viewer {
  return user === null ? null : { id: user.personId };
}

/**
 * A path on this site safe to redirect to: starts with one `/`, not `//` or `/\` (which browsers read as another
 * host), and holds no control characters. Anything else gives `fallback`.
 */
export function localPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return fallback;
  // eslint-disable-next-line no-control-regex
  if (value.startsWith('/\\') || /[\u0000-\u001f\u007f]/.test(value)) return fallback;
  return value;
}

/** Pages that need a login send anonymous browsers to the login page, which brings them back afterwards. */
export function requireLogin(session: WebSession): RequestHandler {
  return (req, res, next) => {
    if (session.userOf(req) !== null) {
      next();
      return;
    }
    const back = req.method === 'GET' ? req.originalUrl : localPath(bodyField(req, 'back'));
    res.redirect(303, `/main/login?continue=${encodeURIComponent(back)}`);
  };
}

/** The logged-in user of a request that passed {@link requireLogin}. */
export function loggedInUser(session: WebSession, req: Request): AuthenticatedUser {
  const user = session.userOf(req);
  if (user === null) throw new Error('requireLogin must run before this handler');
  return user;
}

/** One string field of a urlencoded form body; '' when absent or repeated. */
export function bodyField(req: Request, name: string): string {
  const body: unknown = req.body;
  if (body === null || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

/** After a form post, back to the page the form was on (its `back` field), with 303 so the browser GETs it. */
export function redirectBack(req: Request, res: Response, fallback = '/'): void {
  res.redirect(303, localPath(bodyField(req, 'back'), fallback));
}
