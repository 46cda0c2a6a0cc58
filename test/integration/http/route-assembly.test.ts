import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import request from 'supertest';

import { errorHandler, noRouteHandler } from '../../../src/adapters/http/error-handler.middleware';
import { type Feature, FeatureRoutes } from '../../../src/adapters/http/feature-routes';
import { assembleFeatures } from '../../../src/adapters/http/route-assembly';
import { invalid } from '../../../src/domain/errors/domain-error';
import { RecordingLogger } from './recording-logger';

function appWith(features: Feature[]): express.Express {
  const app = express();
  app.use(assembleFeatures(features));
  app.use(noRouteHandler);
  app.use(errorHandler(new RecordingLogger()));
  return app;
}

const answer =
  (who: string): RequestHandler =>
  (_req, res) =>
    void res.json({ who });

function feature(
  name: string,
  declare: (routes: FeatureRoutes) => void,
  extra: Partial<Feature> = {},
): Feature {
  const routes = new FeatureRoutes();
  declare(routes);
  return { name, routes: routes.routes, ...extra };
}

const reads = feature('reads', (routes) => {
  routes.where({ type: (type) => type !== 'user' }).get('/api/:type/:uuid', answer('reads'));
});
// Also matches `/api/:type/:uuid` of the reads: the more specific path owns the request, listed first or not.
const activities = feature('activities', (routes) => {
  routes.get('/api/activity/:uuid', answer('reads activity'));
});
const writes = feature('writes', (routes) => {
  routes.put('/api/activity/:uuid', answer('writes'));
  routes.delete('/api/activity/:uuid', answer('writes'));
  routes.post('/api/user/:nickname/feed', answer('writes'));
});
const users = feature('users', (routes) => {
  routes.get('/api/user/:nickname', answer('users'));
});
const pages = feature(
  'pages',
  (routes) => {
    routes
      .where({ nickname: (nickname) => nickname !== 'api' })
      .get('/:nickname/:type/:uuid', answer('pages'));
    routes.get('/main/boom', () => {
      throw invalid('test.boom', 'boom');
    });
  },
  {
    fallback: (req, res, next) =>
      req.path.startsWith('/api') ? next() : void res.status(404).send('no page'),
    onError: ((error, _req, res, _next) =>
      void res.status(418).send(`page error: ${String(error)}`)) as ErrorRequestHandler,
  },
);

describe('features assembled by their paths', () => {
  const app = appWith([pages, writes, reads, activities, users]);

  it('lists the methods of every feature that serves the path', async () => {
    const options = await request(app).options('/api/activity/abc');
    expect(options.status).toBe(200);
    expect(options.headers.allow).toBe('DELETE, GET, HEAD, OPTIONS, PUT');
  });

  it('lists only the methods of the matching path, where its conditions hold', async () => {
    expect((await request(app).options('/api/user/alice/feed')).headers.allow).toBe('OPTIONS, POST');
    // `/api/user/alice` is no `/api/:type/:uuid` of the reads (type user), nor a page (nickname api).
    expect((await request(app).options('/api/user/alice')).headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it('leaves a path nobody serves to the fallbacks and the 404, and other methods untouched', async () => {
    expect((await request(app).options('/api/nothing/here/at/all')).status).toBe(404);
    expect((await request(app).get('/api/activity/abc')).body).toEqual({ who: 'reads activity' });
    expect((await request(app).get('/nothing')).text).toBe('no page');
  });

  it('gives a request to the most specific path, whatever the order of the features', async () => {
    const requests: Array<[string, string]> = [
      ['GET', '/api/activity/abc'],
      ['GET', '/api/note/abc'],
      ['GET', '/api/user/alice'],
      ['PUT', '/api/activity/abc'],
      ['POST', '/api/user/alice/feed'],
      ['GET', '/alice/note/abc'],
      ['GET', '/main/boom'],
      ['GET', '/nothing'],
      ['GET', '/api/nothing'],
      ['OPTIONS', '/api/activity/abc'],
      ['OPTIONS', '/alice/note/abc'],
    ];
    const answersOf = async (features: Feature[]) => {
      const each = appWith(features);
      const answers: string[] = [];
      for (const [method, path] of requests) {
        const res = await request(each)[method.toLowerCase() as 'get'](path);
        answers.push(`${method} ${path} ${res.status} ${res.headers.allow ?? ''} ${res.text}`);
      }
      return answers;
    };
    const expected = await answersOf([pages, writes, reads, activities, users]);
    expect(expected).toContain('GET /api/user/alice 200  {"who":"users"}');
    expect(expected).toContain('GET /main/boom 418  page error: DomainError: boom');
    expect(expected).toContain('GET /api/activity/abc 200  {"who":"reads activity"}');
    expect(await answersOf([users, activities, reads, writes, pages])).toEqual(expected);
    expect(await answersOf([reads, pages, users, activities, writes])).toEqual(expected);
  });

  it('keeps a feature error handler to the errors of its own routes', async () => {
    const failing = feature('failing', (routes) => {
      routes.get('/api/fails', () => {
        throw invalid('test.fails', 'it failed');
      });
    });
    const res = await request(appWith([pages, failing])).get('/api/fails');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'it failed' });
  });

  it('refuses two features that declare the same method on the same path', () => {
    const other = feature('other', (routes) => {
      routes.put('/API/activity/:id', answer('other'));
    });
    expect(() => assembleFeatures([writes, other])).toThrow(
      /PUT .* declared by both "other" and "writes"|"writes" and "other"/,
    );
    expect(() => assembleFeatures([writes, writes])).toThrow(/two features are named "writes"/);
  });

  describe('two features that each serve some requests of one path (`when`, the person URL)', () => {
    const accepts = (type: string) => (req: express.Request) => req.get('accept') === type;
    const page = feature('page', (routes) => {
      routes.when(accepts('text/html')).get('/:nickname', answer('page'));
    });
    const actor = feature('actor', (routes) => {
      routes.when(accepts('application/activity+json')).get('/:nickname', answer('actor'));
    });

    it('each gets the requests its condition holds for; the others reach the 404', async () => {
      for (const features of [
        [page, actor],
        [actor, page],
      ]) {
        const app = appWith(features);
        expect((await request(app).get('/frodo').set('Accept', 'text/html')).body).toEqual({ who: 'page' });
        const json = await request(app).get('/frodo').set('Accept', 'application/activity+json');
        expect(json.body).toEqual({ who: 'actor' });
        expect((await request(app).get('/frodo').set('Accept', 'image/png')).status).toBe(404);
      }
    });

    it('is still refused when one of the two serves every request of the path', () => {
      const everything = feature('everything', (routes) => {
        routes.get('/:name', answer('everything'));
      });
      expect(() => assembleFeatures([page, everything])).toThrow(/GET .* declared by both/);
    });
  });
});
