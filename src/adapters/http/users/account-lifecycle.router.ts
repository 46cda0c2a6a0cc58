import express, { type Request, type Response } from 'express';

import type { ExportAccount } from '../../../application/users/export-account.use-case';
import type { ImportFollows, ImportedFollow } from '../../../application/users/import-follows.use-case';
import { invalid } from '../../../domain/errors/domain-error';
import { principalOf, requireAuth, type RequestAuthenticator } from '../auth/request-authenticator';
import { type Feature, FeatureRoutes } from '../feature-routes';
import { type AccountArchiveDeps, streamAccountArchive } from './account-archive';

/** What the export and import routes need; the composition root builds them. */
export interface AccountLifecycleRouterDependencies {
  readonly authenticator: RequestAuthenticator;
  readonly exportAccount: Pick<ExportAccount, 'execute'>;
  readonly importFollows: Pick<ImportFollows, 'execute'>;
  readonly archive: AccountArchiveDeps;
  /** The most bytes an import body may have. */
  readonly importLimitBytes: number;
}

const nicknameOf = (req: Request): string => String(req.params.nickname);

/**
 * The text of an import request: a `text/plain` body as it is, a JSON body as the collection it is (pump.io's
 * "following" answer) or `{"text": "..."}`.
 */
export function importTextOf(body: unknown): string {
  if (typeof body === 'string') return body;
  if (typeof body === 'object' && body !== null) {
    const text = (body as { text?: unknown }).text;
    return typeof text === 'string' ? text : JSON.stringify(body);
  }
  throw invalid(
    'follow-import.empty',
    'Send the people to follow: a "following" collection as JSON, or text.',
  );
}

/** The JSON answer of an import: one line per entry and the count of each outcome. */
export function importReport(results: readonly ImportedFollow[]): Record<string, unknown> {
  const counts: Record<string, number> = { followed: 0, 'already-following': 0, 'not-found': 0, invalid: 0 };
  for (const result of results) counts[result.outcome] = (counts[result.outcome] ?? 0) + 1;
  return { totalItems: results.length, counts, items: results };
}

/**
 * Ours, in pump.io's style (README "Account lifecycle"): `GET /api/user/:nickname/export` streams the owner's zip
 * archive; `POST /api/user/:nickname/following/import` follows each person of a "following" collection or a list
 * of addresses. Both need the user's own OAuth token (3-legged): anyone else gets 401, as pump.io's other
 * owner-only routes; the refusals come from the use cases, before any byte of an archive is sent.
 */
export function accountLifecycleFeature(deps: AccountLifecycleRouterDependencies): Feature {
  const routes = new FeatureRoutes();
  const parseText = express.text({ type: 'text/plain', limit: deps.importLimitBytes });
  routes.get(
    '/api/user/:nickname/export',
    requireAuth(deps.authenticator, 'user'),
    async (req: Request, res: Response) => {
      const plan = await deps.exportAccount.execute({
        principal: principalOf(res),
        nickname: nicknameOf(req),
      });
      streamAccountArchive(deps.archive, plan, res);
    },
  );
  routes.post(
    '/api/user/:nickname/following/import',
    requireAuth(deps.authenticator, 'user'),
    parseText,
    async (req: Request, res: Response) => {
      const results = await deps.importFollows.execute({
        principal: principalOf(res),
        nickname: nicknameOf(req),
        text: importTextOf(req.body),
      });
      res.json(importReport(results));
    },
  );
  return { name: 'account-lifecycle', routes: routes.routes };
}
