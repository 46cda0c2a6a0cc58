import type { RequestHandler } from 'express';

import { MAX_NESTING_DEPTH } from '../../domain/activity-streams/field-limits';
import { invalid } from '../../domain/errors/domain-error';

/**
 * Refuses a request whose path is not valid percent-encoding (RFC 3986 §2.1: `%` and two hex digits forming
 * UTF-8), e.g. `/%ff`, with a 400, before any router tries to decode its parameters (which would throw).
 */
export const rejectUndecodablePath: RequestHandler = (req, _res, next) => {
  try {
    decodeURIComponent(req.path);
  } catch {
    next(invalid('http.bad-path', 'The path is not valid percent-encoded UTF-8.'));
    return;
  }
  next();
};

/**
 * Refuses a JSON body that nests deeper than the field limits allow ({@link MAX_NESTING_DEPTH}) with a 400,
 * right after parsing: the code that reads bodies may walk them recursively, and nothing that deep is ever
 * stored. The check is iterative and stops at the first level too deep.
 */
export const rejectDeepJson: RequestHandler = (req, _res, next) => {
  if (typeof req.body === 'object' && req.body !== null && nestsDeeperThan(req.body, MAX_NESTING_DEPTH)) {
    next(invalid('http.too-deep', `The JSON body nests deeper than ${MAX_NESTING_DEPTH} levels.`));
    return;
  }
  next();
};

function nestsDeeperThan(root: object, max: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 1 }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value, depth } = item;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(value)) pending.push({ value: child, depth: depth + 1 });
  }
  return false;
}
