import type { ErrorRequestHandler, Request, RequestHandler } from 'express';

/** The methods a feature declares a route for; `ALL` takes every method (the OAuth token endpoints). */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'ALL';

/**
 * Conditions on path parameters: a route serves only the requests whose parameters pass (`type` an object type,
 * `nickname` a nickname...). A condition on a parameter the path does not have is ignored.
 */
export type ParamConditions = Readonly<Record<string, (value: string) => boolean>>;

/**
 * A condition on the request itself, for a resource whose representations different features serve (the person
 * URL: its page by the web UI, its ActivityStreams 2.0 by the API, by the Accept header). A request it refuses goes
 * on to the next route.
 */
export type RequestCondition = (req: Request) => boolean;

/** One route a feature owns: a method and an express path, the conditions on its parameters, its handlers. */
export interface FeatureRoute {
  readonly method: RouteMethod;
  readonly path: string;
  readonly where?: ParamConditions;
  /**
   * Which requests of the path this route serves. Two features may declare the same method and path only when
   * both routes have one, and their conditions must never both hold for one request.
   */
  readonly when?: RequestCondition;
  readonly handlers: readonly RequestHandler[];
  /** Sees the errors of this route's handlers before the feature's own error handler does. */
  readonly onError?: ErrorRequestHandler;
}

/** Middleware a feature serves under a path prefix (the web UI's static files). */
export interface FeatureMount {
  readonly prefix: string;
  readonly handler: RequestHandler;
}

/**
 * What a feature of the HTTP app declares: its routes, and what it does with the requests nobody served and with
 * the errors of its own routes. The app assembles every feature (src/adapters/http/route-assembly.ts); which
 * feature answers a request follows from the paths, never from the order features are listed in.
 */
export interface Feature {
  /** Unique among the app's features; orders routes whose paths are equally specific, and names conflicts. */
  readonly name: string;
  readonly routes: readonly FeatureRoute[];
  readonly mounts?: readonly FeatureMount[];
  /**
   * For requests no route served, after every feature's routes (the API's "Unknown type", the web UI's 404
   * page). Fallbacks of different features must take disjoint requests (API paths, page paths).
   */
  readonly fallback?: RequestHandler;
  /** Handles the errors of this feature's own routes, mounts and fallback only; other errors never enter it. */
  readonly onError?: ErrorRequestHandler;
}

/**
 * Collects a feature's routes with express's verbs (`routes.get(path, ...handlers)`), so controllers read like
 * express code while they declare rather than mount. `where(conditions)` gives a collector whose routes carry
 * those parameter conditions, `when(condition)` one whose routes carry that request condition, `catching(handler)`
 * one whose routes have that error handler of their own.
 */
export class FeatureRoutes {
  private readonly collected: FeatureRoute[];

  constructor(
    private readonly conditions?: ParamConditions,
    private readonly onError?: ErrorRequestHandler,
    collected?: FeatureRoute[],
    private readonly requestCondition?: RequestCondition,
  ) {
    this.collected = collected ?? [];
  }

  get routes(): readonly FeatureRoute[] {
    return this.collected;
  }

  /** The same list, for routes that hold only when `conditions` do. */
  where(conditions: ParamConditions): FeatureRoutes {
    return new FeatureRoutes(
      { ...this.conditions, ...conditions },
      this.onError,
      this.collected,
      this.requestCondition,
    );
  }

  /** The same list, for routes whose errors `onError` sees first. */
  catching(onError: ErrorRequestHandler): FeatureRoutes {
    return new FeatureRoutes(this.conditions, onError, this.collected, this.requestCondition);
  }

  /** The same list, for routes that serve only the requests `condition` holds for (see {@link FeatureRoute.when}). */
  when(condition: RequestCondition): FeatureRoutes {
    return new FeatureRoutes(this.conditions, this.onError, this.collected, condition);
  }

  get(path: string, ...handlers: RequestHandler[]): this {
    return this.add('GET', path, handlers);
  }

  post(path: string, ...handlers: RequestHandler[]): this {
    return this.add('POST', path, handlers);
  }

  put(path: string, ...handlers: RequestHandler[]): this {
    return this.add('PUT', path, handlers);
  }

  delete(path: string, ...handlers: RequestHandler[]): this {
    return this.add('DELETE', path, handlers);
  }

  all(path: string, ...handlers: RequestHandler[]): this {
    return this.add('ALL', path, handlers);
  }

  private add(method: RouteMethod, path: string, handlers: RequestHandler[]): this {
    this.collected.push({
      method,
      path,
      where: this.conditions,
      when: this.requestCondition,
      handlers,
      onError: this.onError,
    });
    return this;
  }
}
