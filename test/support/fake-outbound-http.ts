import type {
  OutboundHttp,
  OutboundRequest,
  OutboundResponse,
} from '../../src/application/ports/outbound-http.port';

/** What a route of {@link FakeOutboundHttp} answers: a response, or an OutboundHttpError to throw. */
export type FakeAnswer =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string | object }
  | Error;

/** Answers one request; may look at it (headers, body). */
export type FakeRoute = (request: OutboundRequest) => FakeAnswer | Promise<FakeAnswer>;

/**
 * An OutboundHttp that touches no network: each URL (exactly as requested) has a route; anything else is a 404.
 * Records every request. JSON bodies (objects) are sent as `application/json` unless a content type is given.
 */
export class FakeOutboundHttp implements OutboundHttp {
  readonly requests: OutboundRequest[] = [];
  private readonly routes = new Map<string, FakeRoute>();

  on(url: string, route: FakeRoute | FakeAnswer): this {
    this.routes.set(url, typeof route === 'function' ? route : () => route);
    return this;
  }

  /** The URLs requested, in order. */
  get urls(): string[] {
    return this.requests.map((request) => request.url);
  }

  async request(request: OutboundRequest): Promise<OutboundResponse> {
    this.requests.push(request);
    const route = this.routes.get(request.url);
    const answer = route === undefined ? { status: 404, body: 'not here' } : await route(request);
    if (answer instanceof Error) throw answer;
    const isJson = typeof answer.body === 'object';
    const headers: Record<string, string> = {
      ...(isJson ? { 'content-type': 'application/json' } : {}),
      ...Object.fromEntries(Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    };
    const text = answer.body === undefined ? '' : isJson ? JSON.stringify(answer.body) : String(answer.body);
    return { status: answer.status, headers, body: Buffer.from(text), url: request.url };
  }
}
