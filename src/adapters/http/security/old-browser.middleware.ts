import type { RequestHandler } from 'express';

import { invalid } from '../../../domain/errors/domain-error';

// "MSIE <major>." is how Internet Explorer 10 and older name themselves; 11 says "Trident/7.0; rv:11.0" instead.
const OLD_INTERNET_EXPLORER = /\bMSIE (\d+)\./;

/**
 * Refuses Internet Explorer 10 and older with 400, as pump.io does (its xssblacklist): they ignore the
 * Content-Security-Policy, which is the second line of defence against HTML that slips through the sanitizer
 * (docs/runtime.md §3.1). The error goes through the usual handlers: a page for browsers, JSON on the API.
 */
export const refuseOldInternetExplorer: RequestHandler = (req, _res, next) => {
  const match = OLD_INTERNET_EXPLORER.exec(req.get('user-agent') ?? '');
  if (match !== null && Number(match[1]) <= 10) {
    next(
      invalid(
        'request.old-browser',
        'Internet Explorer 10 and older cannot show this site safely (they ignore its Content-Security-Policy); ' +
          'please use a current browser.',
      ),
    );
    return;
  }
  next();
};
