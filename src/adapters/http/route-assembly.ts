import { type ErrorRequestHandler, type RequestHandler, Router } from 'express';

import type {
  Feature,
  FeatureMount,
  FeatureRoute,
  ParamConditions,
  RequestCondition,
} from './feature-routes';

/** A route or a mount of one feature, with what orders it among all the others. */
interface Entry {
  readonly feature: Feature;
  /** Its place among the feature's own declarations: routes of equally specific paths keep this order. */
  readonly index: number;
  /** One number per path segment: 0 a literal, 1 a parameter, 2 a wildcard, 3 anything under a mount. */
  readonly shape: readonly number[];
  readonly segments: readonly string[];
  readonly route?: FeatureRoute;
  readonly mount?: FeatureMount;
}

/** The parts of express's route layers read here: the path matcher and the methods of the route. */
interface RouteLayer {
  route: { _methods(): string[] };
  match(path: string): { params: Record<string, string> } | false | undefined;
}

const segmentsOf = (path: string): string[] => path.split('/').filter((segment) => segment !== '');

function shapeOf(segment: string): number {
  if (segment.startsWith('*')) return 2;
  return /[:*{]/.test(segment) ? 1 : 0;
}

function entriesOf(feature: Feature): Entry[] {
  const routes = feature.routes.map((route, index): Entry => {
    const segments = segmentsOf(route.path);
    return { feature, index, segments, shape: segments.map(shapeOf), route };
  });
  const mounts = (feature.mounts ?? []).map((mount, index): Entry => {
    const segments = segmentsOf(mount.prefix);
    return { feature, index: routes.length + index, segments, shape: [...segments.map(shapeOf), 3], mount };
  });
  return [...routes, ...mounts];
}

/**
 * More specific first: segment by segment, a literal before a parameter before a wildcard, so `/api/user/:nick`
 * precedes `/api/:type/:uuid` and `/main/login` precedes `/:nickname/:feed` whichever feature declares them.
 * Ties keep the declaring feature's order; between features, the feature names decide, so the result depends on
 * the set of features and never on the order they are listed in.
 */
function bySpecificity(a: Entry, b: Entry): number {
  for (let i = 0; i < Math.min(a.shape.length, b.shape.length); i += 1) {
    if (a.shape[i] !== b.shape[i]) return a.shape[i] - b.shape[i];
  }
  if (a.shape.length !== b.shape.length) return a.shape.length - b.shape.length;
  if (a.feature.name !== b.feature.name) return a.feature.name < b.feature.name ? -1 : 1;
  return a.index - b.index;
}

const methodsOverlap = (a: FeatureRoute, b: FeatureRoute): boolean =>
  a.method === b.method || a.method === 'ALL' || b.method === 'ALL';

/**
 * Two features that declare the same method on the same path would own it by their order: refused, unless both
 * routes say which requests they serve (`when`), so that each request has one owner whatever the order.
 */
function assertNoConflicts(entries: readonly Entry[]): void {
  for (const [i, a] of entries.entries()) {
    for (const b of entries.slice(i + 1)) {
      if (a.route === undefined || b.route === undefined || a.feature === b.feature) continue;
      if (a.route.when !== undefined && b.route.when !== undefined) continue;
      const samePath =
        a.shape.length === b.shape.length &&
        a.shape.every((shape, at) => shape === b.shape[at]) &&
        a.segments.every(
          (segment, at) => a.shape[at] !== 0 || segment.toLowerCase() === b.segments[at].toLowerCase(),
        );
      if (samePath && methodsOverlap(a.route, b.route)) {
        throw new Error(
          `${a.route.method} ${a.route.path} is declared by both "${a.feature.name}" and "${b.feature.name}" (${b.route.method} ${b.route.path})`,
        );
      }
    }
  }
}

function passes(params: Record<string, string>, conditions: ParamConditions | undefined): boolean {
  if (conditions === undefined) return true;
  return Object.entries(conditions).every(
    ([name, holds]) => params[name] === undefined || holds(params[name]),
  );
}

/** Sends the request on to the next route unless its parameters meet the route's conditions. */
function onlyWhere(conditions: ParamConditions): RequestHandler {
  return (req, _res, next) => {
    next(passes(req.params as Record<string, string>, conditions) ? undefined : 'route');
  };
}

/**
 * Answers `OPTIONS` for every path some declared route serves, with `Allow` listing the methods of all of them
 * together (docs/protocol.md §0: `/api/activity/:uuid` lists GET, PUT and DELETE although reads and writes are
 * different features). A route counts only where its parameter conditions hold. Paths no route serves, and
 * routes that take every method, are left to the routes and the 404.
 */
function optionsAllow(declared: ReadonlyArray<{ layer: RouteLayer; route: FeatureRoute }>): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'OPTIONS') {
      next();
      return;
    }
    const methods = new Set<string>();
    for (const { layer, route } of declared) {
      const match = layer.match(req.path);
      if (match && passes(match.params, route.where)) {
        for (const method of layer.route._methods()) methods.add(method);
      }
    }
    if (methods.size === 0) {
      next();
      return;
    }
    methods.add('OPTIONS');
    const allow = [...methods].sort().join(', ');
    res.set('Allow', allow).type('text/plain').send(allow);
  };
}

/** Sends the request on to the next route unless the route serves it. */
function onlyWhen(condition: RequestCondition): RequestHandler {
  return (req, _res, next) => {
    next(condition(req) ? undefined : 'route');
  };
}

/** A router of its own, so `onError` sees the errors of `handler` and never those of anything before it. */
function scoped(handler: RequestHandler, onError: ErrorRequestHandler | undefined): Router {
  const router = Router().use(handler);
  if (onError !== undefined) router.use(onError);
  return router;
}

/**
 * One router for all the features: OPTIONS for every declared path, then every route and mount ordered by how
 * specific its path is (see {@link bySpecificity}), then the features' fallbacks. Each feature's error handler is
 * attached to its own routes only. Throws when two features have the same name or declare the same method on the
 * same path: ownership of a route is declared, never decided by order.
 */
export function assembleFeatures(features: readonly Feature[]): Router {
  const names = features.map((feature) => feature.name);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined) throw new Error(`two features are named "${twice}"`);
  const entries = features.flatMap(entriesOf).sort(bySpecificity);
  assertNoConflicts(entries);

  const router = Router();
  const declared: Array<{ layer: RouteLayer; route: FeatureRoute }> = [];
  router.use(optionsAllow(declared));
  for (const { feature, route, mount } of entries) {
    if (mount !== undefined) {
      router.use(mount.prefix, scoped(mount.handler, feature.onError));
      continue;
    }
    if (route === undefined) continue;
    const handlers: Array<RequestHandler | ErrorRequestHandler> = [
      ...(route.where === undefined ? [] : [onlyWhere(route.where)]),
      ...(route.when === undefined ? [] : [onlyWhen(route.when)]),
      ...route.handlers,
      ...(route.onError === undefined ? [] : [route.onError]),
      ...(feature.onError === undefined ? [] : [feature.onError]),
    ];
    const expressRoute = router.route(route.path);
    if (route.method === 'ALL') expressRoute.all(...handlers);
    else expressRoute[route.method.toLowerCase() as 'get'](...handlers);
    declared.push({ layer: router.stack[router.stack.length - 1] as unknown as RouteLayer, route });
  }
  const fallbacks = [...features].sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const feature of fallbacks) {
    if (feature.fallback !== undefined) router.use(scoped(feature.fallback, feature.onError));
  }
  return router;
}
