import express, { type Express } from 'express';

import { errorHandler, noRouteHandler } from '../../../../src/adapters/http/error-handler.middleware';
import { usersFeature } from '../../../../src/adapters/http/users/users.router';
import { assembleFeatures } from '../../../../src/adapters/http/route-assembly';
import { BcryptPasswordHasher } from '../../../../src/adapters/system/bcrypt-password-hasher';
import { CryptoIdGenerator } from '../../../../src/adapters/system/crypto-id-generator';
import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import type { Storage } from '../../../../src/application/ports/storage/unit-of-work.port';
import { DeleteUser } from '../../../../src/application/users/delete-user.use-case';
import { ListUsers } from '../../../../src/application/users/list-users.use-case';
import { ReadUser } from '../../../../src/application/users/read-user.use-case';
import { RegisterUser } from '../../../../src/application/users/register-user.use-case';
import { UpdateProfile } from '../../../../src/application/users/update-profile.use-case';
import { UpdateUser } from '../../../../src/application/users/update-user.use-case';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { FakeClock } from '../../../support/fake-clock';
import { publishUseCase } from '../../../support/publish-use-case';
import { TrustingAuthenticator } from '../../../support/http/trusting-authenticator';
import { RecordingLogger } from '../recording-logger';
import { SanitizeHtmlSanitizer } from '../../../../src/adapters/sanitizing/sanitize-html-sanitizer';

/** An express app with the users router over a fresh memory store, wired as the composition root will. */
export function usersApp(base = 'http://localhost:4815'): { app: Express; storage: Storage; site: SiteUrls } {
  const site = SiteUrls.fromBaseUrl(base);
  const clock = new FakeClock('2026-01-02T03:04:05.678Z');
  const storage = createMemoryStorage({ clock });
  const hasher = new BcryptPasswordHasher(4);
  const ids = new CryptoIdGenerator();
  const sanitizer = new SanitizeHtmlSanitizer();
  const publisher = publishUseCase(storage, clock, site, ids);
  const app = express();
  app.use(express.json());
  app.use(
    assembleFeatures([
      usersFeature({
        authenticator: new TrustingAuthenticator(site),
        site,
        registerUser: new RegisterUser(
          publisher,
          hasher,
          ids,
          clock,
          site,
          { siteName: 'Test Pump' },
          sanitizer,
        ),
        listUsers: new ListUsers(storage, site),
        readUser: new ReadUser(storage, site),
        updateUser: new UpdateUser(storage, hasher, clock, site, sanitizer),
        deleteUser: new DeleteUser(storage, {
          post: publisher,
          passwords: hasher,
          clock,
          site,
          logger: new RecordingLogger(),
        }),
        updateProfile: new UpdateProfile(storage, publisher, ids, clock, site, sanitizer),
      }),
    ]),
  );
  app.use(noRouteHandler);
  app.use(errorHandler(new RecordingLogger()));
  return { app, storage, site };
}
