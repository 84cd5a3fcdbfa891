import { expect } from 'chai';
import type { Server } from 'node:http';
import request from 'supertest';
import type { Database } from '../../src/db/client.js';
import { users } from '../../src/db/schema.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import { freshDatabase } from '../helpers/db.js';
import { insertModel } from '../helpers/fixtures.js';
import { testApp } from '../helpers/app.js';
import { csrfFrom, PASSWORD } from '../helpers/people.js';

/** `name=value` of the session cookie in a Set-Cookie list. */
const sessionPair = (setCookie: string[] | string | undefined) =>
  ([] as string[]).concat(setCookie ?? []).find((c) => c.startsWith('dvk.sid='))!;

describe('the session cookie: its attributes, and odd Cookie headers never get the anonymous cached page', () => {
  let database: Database;
  // One listening server: the cache keys on the Host header, which carries the port.
  let app: Server;
  let value: string;
  let setCookie: string;

  before(async () => {
    database = await freshDatabase();
    app = testApp(database).listen(0, '127.0.0.1');
    await insertModel(database, { title: 'Dân vận khéo trong hiến đất mở đường', provinceCode: '19' });
    await database.db.insert(users).values({
      username: 'cookie.user',
      displayName: 'Người Dùng Cookie',
      role: 'province_reviewer',
      provinceCode: '19',
      passwordHash: await hashPassword(PASSWORD),
    });
    const form = await request(app).get('/login');
    const first = sessionPair(form.headers['set-cookie']).split(';')[0];
    const login = await request(app)
      .post('/login')
      .set('Cookie', first)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), username: 'cookie.user', password: PASSWORD });
    expect(login.status).to.equal(303);
    setCookie = sessionPair(login.headers['set-cookie']);
    value = setCookie.split(';')[0].slice('dvk.sid='.length);
  });
  after(async () => {
    app.closeAllConnections();
    await new Promise((resolve) => app.close(resolve));
    await database.close();
  });

  it('is HttpOnly, SameSite=Lax, Path=/, without Secure over plain HTTP', () => {
    expect(setCookie)
      .to.match(/; HttpOnly/i)
      .and.match(/; SameSite=Lax/i)
      .and.match(/; Path=\//);
    expect(setCookie).not.to.match(/; Secure/i);
  });

  it('is Secure behind an HTTPS proxy', async () => {
    const proxied = testApp(database, { TRUST_PROXY: '1' });
    const form = await request(proxied).get('/login').set('X-Forwarded-Proto', 'https');
    expect(sessionPair(form.headers['set-cookie'])).to.match(/; Secure/i);
  });

  const variants = () => [
    `dvk.sid =${value}`,
    ` dvk.sid=${value}`,
    `dvk.sid\t=${value}`,
    `dvk.sid="${value}"`,
    `a=1;dvk.sid=${value}`,
    `dvk.sid=${value}; dvk.sid=other`,
    `DVK.SID=x; dvk.sid=${value}`,
    `__Host-dvk.sid=x; dvk.sid =${value}`,
    `dvk.sid=; dvk.sid=${value}`,
    `Dvk.Sid=${value}`,
    `dvk%2Esid=${value}`,
  ];

  it('bypasses the shared cache for anything resembling the session cookie; a signed-in person sees their page', async () => {
    // The anonymous copy is stored, and served as such.
    await request(app).get('/');
    const anonymous = await request(app).get('/');
    expect(anonymous.headers['x-cache']).to.equal('hit');
    expect(anonymous.text).not.to.contain('Đăng xuất');

    let signedIn = 0;
    for (const cookie of variants()) {
      const res = await request(app).get('/').set('Cookie', cookie);
      expect(res.status, cookie).to.equal(200);
      expect(res.headers['x-cache'], cookie).not.to.equal('hit');
      // Whoever the session parser takes for a signed-in person must see it on the page.
      const dashboard = await request(app).get('/dashboard').set('Cookie', cookie);
      if (dashboard.status === 200) {
        signedIn++;
        expect(res.text, cookie).to.contain('Đăng xuất');
      }
    }
    // The padded and quoted spellings are read as the session: they are the ones a naive check misses.
    expect(signedIn).to.be.at.least(4);
    // Nothing above replaced the anonymous copy with a personal one.
    const after = await request(app).get('/');
    expect(after.headers['x-cache']).to.equal('hit');
    expect(after.text).not.to.contain('Đăng xuất');
  });
});
