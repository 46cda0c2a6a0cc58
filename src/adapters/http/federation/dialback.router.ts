import type { AnswerDialback } from '../../../application/federation/answer-dialback.use-case';
import { type Feature, FeatureRoutes } from '../feature-routes';

/** What the dialback endpoint needs; the composition root builds it. */
export interface DialbackDeps {
  readonly answerDialback: Pick<AnswerDialback, 'execute'>;
}

/**
 * `POST /api/dialback` (docs/protocol.md §7.4): another server asks whether we sent a Dialback-signed request,
 * with the form (or JSON) fields `host` or `webfinger`, `token`, `date` and `url`. No OAuth: the question carries
 * nothing secret, and the answer only confirms what the asker already holds.
 *
 * Invariants: answers as pump.io does, because a pump.io peer reads it: 200 `OK` when we sent exactly that,
 * otherwise 400 with pump.io's words (`Incorrect host`, `No identity`, `No token`, `No date`, `Invalid date`,
 * `Not my token`), always as text/plain and never cached; a body that is not an object is a question with no
 * fields.
 */
export function dialbackFeature(deps: DialbackDeps): Feature {
  const routes = new FeatureRoutes();
  routes.post('/api/dialback', async (req, res) => {
    const body: unknown = req.body;
    const question = body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {};
    const answer = await deps.answerDialback.execute(question);
    res.set('Cache-Control', 'no-store').type('text/plain');
    if (answer.sent) res.status(200).send('OK');
    else res.status(400).send(answer.refusal);
  });
  return { name: 'dialback', routes: routes.routes };
}
