import type { Request, Response } from 'express';

import type { AuthenticatedUser } from '../../../application/auth/principal';
import { publicCollectionAddress } from '../../../domain/activity-streams/well-known-ids';
import type { AsObject } from '../../../domain/activity-streams/as-object';
import { invalid } from '../../../domain/errors/domain-error';
import { STATUS_BY_KIND } from '../error-status';
import type { FeatureRoutes } from '../feature-routes';
import { formFileOf } from '../security/multipart-form.middleware';
import { formOutcome } from './web-account.controller';
import type { WebContext } from './web-context';
import { loggedInUser, requireLogin } from './web-page';
import { browserPrincipal } from './web-session';
import { htmlToText } from './web-text';
import { localLink } from './web-media';

/** What the settings page shows besides its messages: the profile's fields and the avatar. */
export async function settingsValues(
  web: WebContext,
  user: AuthenticatedUser,
): Promise<Record<string, unknown>> {
  const person = await web.deps.repositories.objects.findById(user.personId);
  const image = person?.image as { url?: unknown } | undefined;
  return {
    displayName: typeof person?.displayName === 'string' ? person.displayName : '',
    summary: typeof person?.summary === 'string' ? htmlToText(person.summary) : '',
    takesUploads: web.takesUploads,
    avatar: localLink(web.deps.site, image?.url),
  };
}

/**
 * Setting an avatar from the settings page, as pump.io's web UI does (its `upload-avatar`, then a public post of
 * the image, then the profile's `image` and `pump_io.fullImage`; docs/protocol.md §5.2): the image is stored
 * through UploadMedia with a 96x96 square thumbnail, posted to the public through the publish use case (so the
 * uploads' own rule, "its post's recipients may read it", lets anyone see it, as everyone sees the profile), then
 * set on the person through UpdateProfile, so the API and federation see it too.
 *
 * Invariants: a refused file (not an image, too large, bad bytes) shows the settings page again with the message
 * and its 4xx, with nothing stored, posted or changed.
 */
export function mountAvatarRoutes(router: FeatureRoutes, web: WebContext): void {
  const { deps } = web;
  router.post('/main/settings/avatar', requireLogin(deps.session), async (req: Request, res: Response) => {
    const user = loggedInUser(deps.session, req);
    const outcome = await formOutcome(setAvatar(req, web, user));
    if ('refusal' in outcome) {
      const values = { ...(await settingsValues(web, user)), avatarError: outcome.refusal.message };
      web.pages.send(req, res, 'settings', values, STATUS_BY_KIND[outcome.refusal.kind]);
      return;
    }
    res.redirect(303, '/main/settings?saved=avatar');
  });
}

async function setAvatar(req: Request, web: WebContext, user: AuthenticatedUser): Promise<void> {
  const form = formFileOf(req);
  if ('refusal' in form) throw form.refusal;
  if (form.file === null) throw invalid('web.no-avatar', 'Choose an image.');
  const upload: AsObject = await web.upload(user, form.file, { avatar: true });
  await web.publishUpload(user, upload, { cc: [publicCollectionAddress()] });
  await web.deps.updateProfile.execute({
    principal: browserPrincipal(user),
    nickname: user.nickname,
    body: { image: upload.image, pump_io: { fullImage: upload.fullImage } },
  });
}
