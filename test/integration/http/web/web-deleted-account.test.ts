import request from 'supertest';

import { DeleteUser } from '../../../../src/application/users/delete-user.use-case';
import { publishUseCase } from '../../../support/publish-use-case';
import { RecordingLogger } from '../recording-logger';
import { asUser, createWebTestApp } from './web-test-app';

describe('the pages of others after an account is deleted', () => {
  it("shows a follower's home, following list and the deleted user's page without a server error", async () => {
    const web = createWebTestApp();
    await web.register('alice');
    await web.register('bob');
    const alice = { id: web.site.personId('alice'), objectType: 'person' };
    await web.post('bob', { verb: 'follow', object: alice });
    const note = await web.post('alice', { verb: 'post', object: { objectType: 'note', content: 'Bye' } });
    const deleteUser = new DeleteUser(web.storage, {
      post: publishUseCase(web.storage, web.clock, web.site),
      passwords: { verify: () => Promise.resolve(true) },
      clock: web.clock,
      site: web.site,
      logger: new RecordingLogger(),
    });
    await deleteUser.execute({
      principal: {
        clientId: null,
        user: { nickname: 'alice', personId: alice.id },
        remoteActor: null,
        generator: null,
      },
      nickname: 'alice',
    });

    expect((await asUser(request(web.app).get('/'), 'bob')).status).toBe(200);
    expect((await asUser(request(web.app).get('/bob/following'), 'bob')).status).toBe(200);
    expect((await asUser(request(web.app).get('/alice'), 'bob')).status).toBe(410);
    const uuid = String(note.objectId).split('/').pop() ?? '';
    const notePage = await asUser(request(web.app).get(`/alice/note/${uuid}`), 'bob');
    expect(notePage.status).toBe(410);
    // Her browser session is gone with the account: the fake session here only reads a cookie, so the login
    // form is what shows it: her password no longer opens anything.
    const login = await request(web.app)
      .post('/main/login')
      .type('form')
      .send({ nickname: 'alice', password: 'alice-password-1' });
    expect(login.status).toBe(401);
  });
});
