// The parts of pump.io's own federation libraries (old callback-style JavaScript, no types of their own) that the
// test peer uses, as their code in node_modules defines them.

declare module 'databank' {
  export interface Databank {
    connect(params: Record<string, unknown>, callback: (error: Error | null) => void): void;
    disconnect(callback: (error: Error | null) => void): void;
  }
  export const Databank: {
    get(driver: 'memory', params: { schema: Record<string, unknown> }): Databank;
  };
}

declare module 'dialback-client' {
  import type { IncomingMessage } from 'node:http';
  import type { Databank } from 'databank';

  /** What dialback-client needs of an app: it mounts its verification route on it. */
  interface RouteHost {
    post(path: string, handler: (...args: never[]) => void): unknown;
  }

  class DialbackClient {
    static schema: Record<string, unknown>;
    constructor(options: {
      hostname: string;
      app: RouteHost;
      bank: Databank;
      url?: string;
      userAgent?: string;
    });
    /** POSTs `body` to `endpoint` signed as `id` (`host` or `user@host`); remembers the token for the dialback. */
    post(
      endpoint: string,
      id: string,
      body: string,
      contentType: string,
      callback: (error: Error | null, response: IncomingMessage | null, body: string | null) => void,
    ): void;
    cleanup: NodeJS.Timeout;
  }
  export = DialbackClient;
}

declare module 'webfinger' {
  export interface Link {
    rel?: string;
    href?: string;
    template?: string;
    type?: string;
  }
  export interface Jrd {
    links?: Link[];
  }
  type Callback = (error: Error | null, jrd: Jrd | null) => void;
  export function hostmeta(host: string, callback: Callback): void;
  export function webfinger(resource: string, callback: Callback): void;
}

declare module 'oauth-evanp' {
  import type { IncomingMessage } from 'node:http';

  type Callback = (
    error: { statusCode: number; data?: string } | Error | null,
    data: string,
    response?: IncomingMessage,
  ) => void;

  export class OAuth {
    constructor(
      requestUrl: string | null,
      accessUrl: string | null,
      consumerKey: string,
      consumerSecret: string,
      version: string,
      authorizeCallback: string | null,
      signatureMethod: 'HMAC-SHA1',
      nonceSize?: number | null,
      customHeaders?: Record<string, string>,
    );
    get(url: string, token: string | null, tokenSecret: string | null, callback: Callback): void;
    post(
      url: string,
      token: string | null,
      tokenSecret: string | null,
      body: string,
      contentType: string,
      callback: Callback,
    ): void;
    _normaliseRequestParams(parameters: Record<string, string>): string;
    _getSignature(method: string, url: string, normalisedParameters: string, tokenSecret: string): string;
  }
}
