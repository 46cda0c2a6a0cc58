import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Express } from 'express';
import type { Container } from 'inversify';
import OAuth from 'oauth-1.0a';
import request from 'supertest';

import { Storage } from '../../../../src/application/ports/storage/unit-of-work.port';
import { loadConfig } from '../../../../src/infrastructure/config/config.loader';
import { type ContainerOverrides, createContainer } from '../../../../src/infrastructure/container/container';
import { HttpApp } from '../../../../src/infrastructure/container/tokens';
import { RecordingLogger } from '../recording-logger';
import { cookiesOf, csrfOf, sessionCookieOf } from '../security/security-test-app';

/** The public URL of the app under test: requests carry its Host header and clients sign against it. */
export const BASE = 'http://localhost:31337';
const HOST = 'localhost:31337';

/** An OAuth 1.0a consumer key and secret, or an access token and its secret. */
export interface KeyPair {
  readonly key: string;
  readonly secret: string;
}

/** Everything the composition root builds, in this process, over a store that lives as long as the test file. */
export interface FullApp {
  readonly app: Express;
  readonly container: Container;
  readonly storage: Storage;
  readonly logger: RecordingLogger;
  /** The sqlite file, when the app runs on sqlite. */
  readonly databaseFile: string | null;
  /** A request with the public Host header (so the canonical-host redirect stays out of the way). */
  send(method: string, path: string): request.Test;
  /** A request signed with OAuth 1.0a HMAC-SHA1 (2-legged without `token`); a JSON body is not signed. */
  signed(
    method: string,
    path: string,
    consumer: KeyPair,
    token?: KeyPair,
    form?: Record<string, string>,
  ): request.Test;
  /** Registers an OAuth client and answers its key and secret. */
  registerClient(): Promise<KeyPair>;
  /** Registers a user through `POST /api/users` and answers the access token it comes with. */
  registerUser(consumer: KeyPair, nickname: string, password?: string): Promise<KeyPair>;
  /** Logs in through the web login form as a browser does, and answers the session cookie (`name=value`). */
  logInWithBrowser(nickname: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The whole HTTP app as `pumphouse start` builds it (createContainer with the real modules), but in-process and
 * answered through supertest: fast, and every router, guard and error handler is the real one. bcrypt cost 4.
 */
export function startFullApp(
  options: {
    driver?: 'memory' | 'sqlite';
    settings?: Record<string, unknown>;
    arrangeFeatures?: ContainerOverrides['arrangeFeatures'];
    /** Fakes of the ports that read other servers (see federation.module). */
    remoteObjects?: ContainerOverrides['remoteObjects'];
    signedRemoteFetch?: ContainerOverrides['signedRemoteFetch'];
    /** Fakes of the network: the guarded HTTP client and remote discovery. */
    outboundHttp?: ContainerOverrides['outboundHttp'];
    remoteDiscovery?: ContainerOverrides['remoteDiscovery'];
  } = {},
): FullApp {
  const cwd = mkdtempSync(join(tmpdir(), 'pumphouse-full-app-'));
  const driver = options.driver ?? 'memory';
  const configFile = options.settings === undefined ? undefined : join(cwd, 'pumphouse.json');
  if (configFile !== undefined) writeFileSync(configFile, JSON.stringify(options.settings));
  const config = loadConfig({
    configFile,
    env: { PUMPHOUSE_SECRET: 'a test secret', PUMPHOUSE_DRIVER: driver, PUMPHOUSE_BCRYPT_COST: '4' },
    cwd,
  });
  const logger = new RecordingLogger();
  const container = createContainer(config, {
    logger,
    arrangeFeatures: options.arrangeFeatures,
    remoteObjects: options.remoteObjects,
    signedRemoteFetch: options.signedRemoteFetch,
    outboundHttp: options.outboundHttp,
    remoteDiscovery: options.remoteDiscovery,
  });
  const storage = container.get<Storage>(Storage);
  const app = container.get<Express>(HttpApp);
  const send = (method: string, path: string): request.Test =>
    request(app)[method.toLowerCase() as 'get'](path).set('Host', HOST);
  const signed = (
    method: string,
    path: string,
    consumer: KeyPair,
    token?: KeyPair,
    form?: Record<string, string>,
  ) => send(method, path).set(authorization(method, BASE + path, consumer, token, form));
  return {
    app,
    container,
    storage,
    logger,
    databaseFile: driver === 'sqlite' ? config.databaseFile : null,
    send,
    signed,
    async registerClient() {
      const answer = await send('POST', '/api/client/register').send({
        type: 'client_associate',
        application_name: 'full app test',
        application_type: 'native',
      });
      if (answer.status !== 200) throw new Error(`client registration: ${answer.status} ${answer.text}`);
      return { key: answer.body.client_id as string, secret: answer.body.client_secret as string };
    },
    async registerUser(consumer, nickname, password = `${nickname} password 1`) {
      const answer = await signed('POST', '/api/users', consumer).send({ nickname, password });
      if (answer.status !== 200)
        throw new Error(`registration of ${nickname}: ${answer.status} ${answer.text}`);
      return { key: answer.body.token as string, secret: answer.body.secret as string };
    },
    async logInWithBrowser(nickname, password = `${nickname} password 1`) {
      const page = await send('GET', '/main/login').set('Accept', 'text/html');
      const login = await send('POST', '/main/login')
        .set('Cookie', cookiesOf(page.headers['set-cookie']))
        .type('form')
        .send({ _csrf: csrfOf(page.text), nickname, password });
      const cookie = sessionCookieOf(login.headers['set-cookie']);
      if (login.status !== 303 || cookie === undefined)
        throw new Error(`web login of ${nickname}: ${login.status}`);
      return cookie;
    },
    async close() {
      await storage.close();
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

/** The `Authorization: OAuth ...` header of a request, made by the oauth-1.0a library as a real client does. */
export function authorization(
  method: string,
  url: string,
  consumer: KeyPair,
  token?: KeyPair,
  form?: Record<string, string>,
): Record<string, string> {
  const oauth = new OAuth({
    consumer,
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
  return { ...oauth.toHeader(oauth.authorize({ url, method, data: form }, token)) };
}
