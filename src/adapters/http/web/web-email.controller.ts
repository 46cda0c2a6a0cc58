import type { AccountStanding } from '../../../application/email/account-standing';
import type { ConfirmEmail } from '../../../application/email/confirm-email.use-case';
import type { EmailSettings } from '../../../application/email/email-settings';
import type {
  RecoverPassword,
  RequestPasswordRecovery,
} from '../../../application/email/password-recovery.use-cases';
import { STATUS_BY_KIND } from '../error-status';
import type { FeatureRoutes } from '../feature-routes';
import { formOutcome } from './web-account.controller';
import type { WebContext } from './web-context';
import { bodyField } from './web-page';

/** The mail use cases the pages call; the composition root provides them. */
export interface WebEmailDeps {
  readonly settings: EmailSettings;
  readonly standing: Pick<AccountStanding, 'assertMayAct'>;
  readonly confirmEmail: Pick<ConfirmEmail, 'execute'>;
  readonly requestRecovery: Pick<RequestPasswordRecovery, 'execute'>;
  readonly recoverPassword: Pick<RecoverPassword, 'execute' | 'works'>;
}

/**
 * The pages of mail (docs/protocol.md §8): following a confirmation link, and recovering a lost password by mail.
 * Mounted only when an SMTP server is configured.
 *
 * Invariants: following a working link logs the browser in (as pump.io), through the WebSession only; the
 * recovery request page answers the same whether or not the nickname or address has an account; a recovery link
 * shows its form only while it works, and a new password goes through RecoverPassword (single use, password rules).
 */
export function mountEmailRoutes(router: FeatureRoutes, web: WebContext, email: WebEmailDeps): void {
  const { pages, deps } = web;

  router.get('/main/confirm/:code', async (req, res) => {
    const user = await email.confirmEmail.execute(String(req.params.code));
    await deps.session.logIn(req, user);
    pages.send(req, res, 'confirmed', { title: 'Email address confirmed' });
  });

  router.get('/main/recover', (req, res) => {
    pages.send(req, res, 'recover', { title: 'Recover your password', login: '' });
  });

  router.post('/main/recover', async (req, res) => {
    await email.requestRecovery.execute(bodyField(req, 'login'));
    pages.send(req, res, 'recover-sent', { title: 'Recovery email sent' });
  });

  router.get('/main/recover/:code', async (req, res) => {
    const code = String(req.params.code);
    if (!(await email.recoverPassword.works(code))) {
      pages.send(
        req,
        res,
        'recover',
        { title: 'Recover your password', login: '', error: LINK_EXPIRED },
        400,
      );
      return;
    }
    pages.send(req, res, 'recover-code', { title: 'Choose a new password', code });
  });

  router.post('/main/recover/:code', async (req, res) => {
    const code = String(req.params.code);
    const password = bodyField(req, 'password');
    if (password !== bodyField(req, 'confirm')) {
      const locals = { title: 'Choose a new password', code, error: 'The two passwords differ.' };
      pages.send(req, res, 'recover-code', locals, 400);
      return;
    }
    const outcome = await formOutcome(email.recoverPassword.execute(code, password));
    if ('refusal' in outcome) {
      const locals = { title: 'Choose a new password', code, error: outcome.refusal.message };
      pages.send(req, res, 'recover-code', locals, STATUS_BY_KIND[outcome.refusal.kind]);
      return;
    }
    await deps.session.logIn(req, outcome.value);
    res.redirect(303, '/');
  });
}

const LINK_EXPIRED = 'This recovery link does not work any more: ask for a new one below.';
