import type { WebAccountLifecycleDeps } from './web-account-lifecycle.controller';
import type { PostActivity, PostedActivity } from '../../../application/activities/post-activity.use-case';
import type { FileReport } from '../../../application/admin/reports.use-cases';
import type { AuthenticatedUser } from '../../../application/auth/principal';
import type { ChangePersonFilter } from '../../../application/blocking/change-person-filter.use-case';
import type { AccountStanding } from '../../../application/email/account-standing';
import type { Clock } from '../../../application/ports/clock.port';
import type { HtmlSanitizer } from '../../../application/ports/html-sanitizer.port';
import type { Logger } from '../../../application/ports/logger.port';
import type { PasswordHasher } from '../../../application/ports/password-hasher.port';
import type { TemplateRenderer } from '../../../application/ports/templating/template-renderer.port';
import type { ReadingRepositories } from '../../../application/reading/reading-repositories';
import type { RegisterUser } from '../../../application/users/register-user.use-case';
import type { UpdateProfile } from '../../../application/users/update-profile.use-case';
import type { UpdateUser } from '../../../application/users/update-user.use-case';
import type { UploadMedia } from '../../../application/uploads/upload-media.use-case';
import type { AsObject } from '../../../domain/activity-streams/as-object';
import { unsupportedType } from '../../../domain/errors/domain-error';
import type { FormFile } from '../security/multipart-form.middleware';
import type { SiteUrls } from '../../../domain/site/site-urls';
import type { LiveUpdates } from './live/web-live.controller';
import { As1ActivityPresenter } from '../presenters/as1-activity.presenter';
import { As1ObjectPresenter } from '../presenters/as1-object.presenter';
import type { ProxyUrls } from '../presenters/proxy-urls';
import type { ReadingUseCases } from '../reading/reading.router';
import type { WebEmailDeps } from './web-email.controller';
import { PageRenderer } from './web-page';
import { browserPrincipal, type WebSession } from './web-session';
import { WebStreams } from './web-streams';
import { ViewModels } from './web-view-models';

/** What the web pages need; the composition root provides it. */
export interface WebRouterDeps {
  readonly session: WebSession;
  readonly site: SiteUrls;
  /** Config `site`: the name in every page's title and header. */
  readonly siteName: string;
  readonly templates: TemplateRenderer;
  readonly repositories: ReadingRepositories;
  readonly passwords: PasswordHasher;
  /** Cleans stored HTML once more as pages show it. */
  readonly sanitizer: HtmlSanitizer;
  readonly logger: Logger;
  readonly registerUser: RegisterUser;
  readonly updateProfile: UpdateProfile;
  readonly updateUser: UpdateUser;
  /** The publish use case, through which every page that writes an activity goes. */
  readonly postActivity: PostActivity;
  /** Block, unblock, mute, unmute (the person page's buttons); the buttons are absent without it (tests). */
  readonly changePersonFilter?: ChangePersonFilter;
  /** The API's reading use cases: a page shows a viewer what the API would. */
  readonly reading: ReadingUseCases;
  /** The folder served under `/public` (stylesheet, scripts); none when absent (tests). */
  readonly publicDir?: string;
  /** The time pages show timestamps relative to; the system's when absent. */
  readonly clock?: Clock;
  /** Proxy URLs for remote avatars and links, for logged-in viewers; none when absent. */
  readonly proxyUrls?: ProxyUrls;
  /** Live updates and the notifications page; none when absent (config `sockjs: false`, tests). */
  readonly live?: LiveUpdates;
  /** Uploads (config `enableUploads`): the composer's file and the avatar; none when uploads are off. */
  readonly uploadMedia?: UploadMedia;
  /** Mail: confirmation links, password recovery, unconfirmed accounts; none when no SMTP server is configured. */
  readonly email?: WebEmailDeps;
  /** Whether an account may log in and act (disabled accounts, unconfirmed addresses); every account when absent. */
  readonly standing?: Pick<AccountStanding, 'assertMayAct'>;
  /** Config `registration`: the form asks for an invite code when it is `invite`. */
  readonly registration?: 'open' | 'invite' | 'closed';
  /** The "Report" forms on posts and person pages; none when absent. */
  readonly fileReport?: FileReport;
  /** The account page: export, import of follows, deletion; none when absent (tests of other pages). */
  readonly accountLifecycle?: WebAccountLifecycleDeps;
}

/**
 * Everything the page controllers share, built once per feature: the renderer, the presenters and view models,
 * the reading use cases (the composition root's), and {@link WebContext.publish}, the one way a page writes an
 * activity.
 */
export class WebContext {
  readonly pages: PageRenderer;
  readonly views: ViewModels;
  readonly streams: WebStreams;
  readonly reading: ReadingUseCases;

  constructor(readonly deps: WebRouterDeps) {
    const { repositories, site } = deps;
    this.pages = new PageRenderer(deps.templates, deps.session, deps.siteName, deps.clock);
    this.views = new ViewModels(site, deps.sanitizer);
    const objects = new As1ObjectPresenter(repositories, site);
    this.streams = new WebStreams(new As1ActivityPresenter(objects), objects, this.views, deps.proxyUrls);
    this.reading = deps.reading;
  }

  /**
   * Posts `body` as the user, through the same publish use case as the API's `POST /api/user/<nick>/feed`, which
   * fans it out locally before answering, so the next page anyone loads shows it.
   */
  publish(user: AuthenticatedUser, body: Record<string, unknown>): Promise<PostedActivity> {
    const origin = { kind: 'local', principal: browserPrincipal(user), nickname: user.nickname } as const;
    return this.deps.postActivity.execute({ origin, body });
  }

  /** Whether the pages take files (the composer's, the avatar). */
  get takesUploads(): boolean {
    return this.deps.uploadMedia !== undefined;
  }

  /**
   * Stores `file` through the same upload use case as the API's `POST /api/user/<nick>/uploads`, with `extra` for
   * the upload (its content, or the avatar's square thumbnail). A refusal stores nothing.
   */
  upload(
    user: AuthenticatedUser,
    file: FormFile,
    extra: { readonly content?: string; readonly avatar?: boolean },
  ): Promise<AsObject> {
    const uploadMedia = this.deps.uploadMedia;
    if (uploadMedia === undefined) throw unsupportedType('web.uploads-off', 'This site takes no uploads.');
    const principal = browserPrincipal(user);
    return uploadMedia.execute({
      principal,
      nickname: user.nickname,
      mimeType: file.mimeType,
      bytes: file.bytes,
      ...extra,
    });
  }

  /**
   * Posts an upload the user just made with `body` (its `object` set to the upload); when the post is refused the
   * upload is taken back (its object and files), so a refused form leaves nothing stored.
   */
  async publishUpload(
    user: AuthenticatedUser,
    upload: AsObject,
    body: Record<string, unknown>,
  ): Promise<PostedActivity> {
    try {
      return await this.publish(user, {
        ...body,
        verb: 'post',
        object: { id: upload.id, objectType: upload.objectType },
      });
    } catch (error) {
      const command = { principal: browserPrincipal(user), nickname: user.nickname, objectId: upload.id };
      await this.deps.uploadMedia?.discard(command);
      throw error;
    }
  }
}
