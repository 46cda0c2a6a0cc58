import { join } from 'node:path';

import express from 'express';
import request from 'supertest';

import { adminDeliveriesFeature } from '../../../../src/adapters/http/admin/admin-deliveries.router';
import { assembleFeatures } from '../../../../src/adapters/http/route-assembly';
import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { PugTemplateRenderer } from '../../../../src/adapters/templating/pug/pug-template-renderer';
import { DELIVER_QUEUE, deliveryJob } from '../../../../src/application/delivery/delivery-jobs';
import { ListDeliveries, RequeueDeliveries } from '../../../../src/application/delivery/delivery-operations';
import type { Storage } from '../../../../src/application/ports/storage/unit-of-work.port';
import { planDeliveries } from '../../../../src/domain/delivery/delivery-planner';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { FakeClock } from '../../../support/fake-clock';
import { BASE, FakeWebSession } from '../web/web-test-app';

let storage: Storage;
let app: express.Express;
let dead: string;

beforeEach(async () => {
  const clock = new FakeClock();
  storage = createMemoryStorage({ clock });
  const session = new FakeWebSession(SiteUrls.fromBaseUrl(BASE));
  app = express();
  app.use(
    assembleFeatures([
      adminDeliveriesFeature({
        session,
        templates: new PugTemplateRenderer(join(__dirname, '../../../../views')),
        siteName: 'Test',
        admins: ['Root'],
        listDeliveries: new ListDeliveries(storage.jobs),
        requeueDeliveries: new RequeueDeliveries(storage.jobs),
      }),
    ]),
  );
  app.use((_req, res) => void res.status(404).send('not found'));
  const recipient = { id: 'https://gone.example/a', address: { inbox: 'https://gone.example/a/inbox' } };
  const [delivery] = planDeliveries('https://home.example/a/1', [recipient]).deliveries;
  dead = await storage.jobs.enqueue(deliveryJob(delivery));
  await storage.jobs.fail(
    (await storage.jobs.lease(DELIVER_QUEUE, 'w', 60_000))!,
    'HTTP 410: permanent, not retried',
  );
});
afterEach(() => storage.close());

describe('the admin deliveries page', () => {
  it('shows an admin the deliveries with their status and last error', async () => {
    const page = await request(app).get('/main/admin/deliveries').set('Cookie', 'test-user=root');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`id="delivery-${dead}"`);
    expect(page.text).toContain('gone.example');
    expect(page.text).toContain('HTTP 410: permanent, not retried');
    expect(page.text).toContain('dead letter');
  });

  it('is a 404 for anyone who is not an admin', async () => {
    expect((await request(app).get('/main/admin/deliveries')).status).toBe(404);
    expect((await request(app).get('/main/admin/deliveries').set('Cookie', 'test-user=bob')).status).toBe(
      404,
    );
    const post = await request(app)
      .post('/main/admin/deliveries/retry')
      .set('Cookie', 'test-user=bob')
      .type('form')
      .send({ id: dead });
    expect(post.status).toBe(404);
    expect((await storage.jobs.findById(dead))?.state).toBe('failed');
  });

  it('lets an admin requeue a delivery, then shows how many were requeued', async () => {
    const post = await request(app)
      .post('/main/admin/deliveries/retry')
      .set('Cookie', 'test-user=root')
      .type('form')
      .send({ id: dead });
    expect(post.status).toBe(303);
    expect(post.headers.location).toBe('/main/admin/deliveries?requeued=1');
    expect(await storage.jobs.findById(dead)).toMatchObject({ state: 'pending', attempts: 0 });
    const page = await request(app).get(post.headers.location).set('Cookie', 'test-user=root');
    expect(page.text).toContain('1 delivery(ies) requeued.');
    expect(page.text).toContain('queued');
  });
});
