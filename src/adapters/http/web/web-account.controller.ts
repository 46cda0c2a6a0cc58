import { type DomainError, isDomainError } from '../../../domain/errors/domain-error';
import { STATUS_BY_KIND } from '../error-status';
import type { FeatureRoutes } from '../feature-routes';
import type { WebContext } from './web-context';
import { bodyField, localPath, loggedInUser, requireLogin } from './web-page';
import { browserPrincipal } from './web-session';
import { textToHtml } from './web-text';
import { settingsValues } from './web-avatar.controller';

/**
 * The outcome of a use case behind a form: its value, or the refusal the form shows again next to the fields.
 * Only refusals a person can fix by editing the form are caught (bad input, taken nickname, wrong password,
 * registration closed); everything else still goes to the error handler.
 */
export async function formOutcome<T>(work: Promise<T>): Promise<{ value: T } | { refusal: DomainError }> {
  try {
    return { value: await work };
  } catch (error) {
    if (isDomainError(error) && error.kind !== 'not-found' && error.kind !== 'gone')
      return { refusal: error };
    throw error;
  }
}

const SAVED_NOTICES: Readonly<Record<string, string>> = {
  profile: 'Profile saved.',
  password: 'Password changed.',
  avatar: 'Avatar set.',
};

// The same answer for an unknown nickname and a wrong password, so the form tells no one who has an account.
const WRONG_LOGIN = 'Wrong nickname or password.';
const UNCONFIRMED = 'Follow the link in the mail we sent you to confirm your email address first.';

/**
 * Registering, logging in and out, and the settings page (docs/protocol.md §8).
 *
 * Invariants: a login checks the password only through the PasswordHasher port, and starts the session only
 * through {@link WebSession.logIn} (which rotates the session id); a refused form renders again with the
 * refusal's status (400, 401, 403, 409) and keeps what was typed, except passwords; redirects after a login go to
 * local paths only; every change of the account goes through its use case (RegisterUser, UpdateProfile,
 * UpdateUser).
 */
export function mountAccountRoutes(router: FeatureRoutes, web: WebContext): void {
  const { pages, deps } = web;
  const loginRequired = requireLogin(deps.session);
  // The way to /main/recover, which exists only when mail can be sent (README, "Email").
  const canRecover = deps.email?.settings.enabled === true;

  router.get('/main/login', (req, res) => {
    pages.send(req, res, 'login', { continueTo: localPath(req.query.continue), nickname: '', canRecover });
  });

  router.post('/main/login', async (req, res) => {
    const nickname = bodyField(req, 'nickname').trim();
    const continueTo = localPath(bodyField(req, 'continue'));
    const user = nickname === '' ? null : await deps.repositories.users.findByNickname(nickname);
    const correct =
      user !== null && (await deps.passwords.verify(bodyField(req, 'password'), user.passwordHash));
    if (!correct) {
      pages.send(req, res, 'login', { continueTo, nickname, error: WRONG_LOGIN, canRecover }, 401);
      return;
    }
    // Told only to who knows the password: an account waiting for its address to be confirmed.
    const standing = await formOutcome(
      (deps.standing ?? deps.email?.standing)?.assertMayAct(user.nickname) ?? Promise.resolve(),
    );
    if ('refusal' in standing) {
      const error = standing.refusal.code === 'user.disabled' ? standing.refusal.message : UNCONFIRMED;
      pages.send(req, res, 'login', { continueTo, nickname, error, canRecover }, 403);
      return;
    }
    await deps.session.logIn(req, { nickname: user.nickname, personId: user.profileId });
    res.redirect(303, continueTo);
  });

  router.post('/main/logout', async (req, res) => {
    await deps.session.logOut(req);
    res.redirect(303, '/');
  });

  const askEmail = deps.email?.settings.enabled === true;
  const requireEmail = deps.email?.settings.requireEmail === true;
  const askInvite = deps.registration === 'invite';
  router.get('/main/register', (req, res) => {
    const invite = typeof req.query.invite === 'string' ? req.query.invite : '';
    pages.send(req, res, 'register', { nickname: '', email: '', askEmail, requireEmail, askInvite, invite });
  });

  router.post('/main/register', async (req, res) => {
    const nickname = bodyField(req, 'nickname').trim();
    const password = bodyField(req, 'password');
    const email = bodyField(req, 'email').trim();
    const invite = bodyField(req, 'invite').trim();
    const form = { nickname, email, askEmail, requireEmail, askInvite, invite };
    if (password !== bodyField(req, 'confirm')) {
      pages.send(req, res, 'register', { ...form, error: 'The two passwords differ.' }, 400);
      return;
    }
    const body = {
      nickname,
      password,
      ...(askEmail && email !== '' && { email }),
      ...(askInvite && invite !== '' && { invite }),
    };
    const outcome = await formOutcome(deps.registerUser.execute({ body, clientId: null }));
    if ('refusal' in outcome) {
      const { refusal } = outcome;
      pages.send(req, res, 'register', { ...form, error: refusal.message }, STATUS_BY_KIND[refusal.kind]);
      return;
    }
    if (requireEmail) {
      pages.send(req, res, 'confirm-email-sent', { title: 'Confirm your email address', email });
      return;
    }
    await deps.session.logIn(req, { nickname, personId: deps.site.personId(nickname) });
    res.redirect(303, '/');
  });

  router.get('/main/settings', loginRequired, async (req, res) => {
    const user = loggedInUser(deps.session, req);
    const saved = typeof req.query.saved === 'string' ? req.query.saved : '';
    pages.send(req, res, 'settings', {
      ...(await settingsValues(web, user)),
      notice: SAVED_NOTICES[saved] ?? null,
    });
  });

  router.post('/main/settings/profile', loginRequired, async (req, res) => {
    const user = loggedInUser(deps.session, req);
    const displayName = bodyField(req, 'displayName').trim();
    const summaryText = bodyField(req, 'summary').trim();
    const body = {
      displayName: displayName === '' ? user.nickname : displayName,
      summary: textToHtml(summaryText),
    };
    const outcome = await formOutcome(
      deps.updateProfile.execute({ principal: browserPrincipal(user), nickname: user.nickname, body }),
    );
    if ('refusal' in outcome) {
      const values = {
        ...(await settingsValues(web, user)),
        displayName,
        summary: summaryText,
        profileError: outcome.refusal.message,
      };
      pages.send(req, res, 'settings', values, STATUS_BY_KIND[outcome.refusal.kind]);
      return;
    }
    res.redirect(303, '/main/settings?saved=profile');
  });

  router.post('/main/settings/password', loginRequired, async (req, res) => {
    const user = loggedInUser(deps.session, req);
    const values = await settingsValues(web, user);
    const again = (passwordError: string, status: number): void => {
      pages.send(req, res, 'settings', { ...values, passwordError }, status);
    };
    const password = bodyField(req, 'password');
    if (password !== bodyField(req, 'confirm')) {
      again('The two new passwords differ.', 400);
      return;
    }
    // UpdateUser asks for the current password, so a browser left logged in cannot be used to take the account.
    const command = {
      principal: browserPrincipal(user),
      nickname: user.nickname,
      body: { nickname: user.nickname, password, currentPassword: bodyField(req, 'current') },
    };
    const outcome = await formOutcome(deps.updateUser.execute(command));
    if ('refusal' in outcome) {
      again(outcome.refusal.message, STATUS_BY_KIND[outcome.refusal.kind]);
      return;
    }
    res.redirect(303, '/main/settings?saved=password');
  });
}
