import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { users } from '../../src/db/schema.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';

const PASSWORD = 'mat-khau-dung-10';

function csrfFrom(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)![1];
}

describe('login, logout and sessions', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
    const passwordHash = await hashPassword(PASSWORD);
    await database.db.insert(users).values([
      {
        username: 'canbo.xa',
        displayName: 'Cán bộ xã thử',
        role: 'commune_cadre',
        provinceCode: '19',
        communeCode: (
          await queryRows<{ code: string }>(
            database.db,
            sql`select code from communes where province_code = '19' limit 1`,
          )
        )[0].code,
        passwordHash,
      },
      {
        username: 'bi.khoa',
        displayName: 'Tài khoản bị khóa',
        role: 'province_reviewer',
        provinceCode: '19',
        passwordHash,
        disabled: true,
      },
      {
        username: 'sai.nhieu',
        displayName: 'Nhập sai nhiều',
        role: 'province_reviewer',
        provinceCode: '42',
        passwordHash,
      },
    ]);
  });
  after(async () => {
    await database.close();
  });

  async function loginForm(agent: ReturnType<typeof request.agent>, next = '') {
    const page = await agent.get(`/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
    expect(page.status).to.equal(200);
    return csrfFrom(page.text);
  }

  /** The token is fetched first: the agent attaches its cookies when a request is created. */
  async function postLogin(agent: ReturnType<typeof request.agent>, form: Record<string, string>) {
    const _csrf = await loginForm(agent);
    return agent
      .post('/login')
      .type('form')
      .send({ _csrf, ...form });
  }

  it('sends an anonymous visitor of /dashboard to the login form and back after login', async () => {
    const agent = request.agent(app);
    const first = await agent.get('/dashboard');
    expect(first.status).to.equal(303);
    expect(first.headers.location).to.equal('/login?next=%2Fdashboard');
    const token = await loginForm(agent, '/dashboard');
    const before = (await agent.get('/login')).headers['set-cookie'];
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: token, username: 'canbo.xa', password: PASSWORD, next: '/dashboard' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/dashboard');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie)
      .to.match(/dvk\.sid=/)
      .and.match(/HttpOnly/i)
      .and.match(/SameSite=Lax/i);
    expect(cookie).not.to.equal(String(before));
    const dash = await agent.get('/dashboard');
    expect(dash.status).to.equal(200);
    expect(dash.text).to.contain('Cán bộ xã thử').and.contain('Đăng xuất');
  });

  it('issues a new session id at login', async () => {
    const agent = request.agent(app);
    const page = await agent.get('/login');
    const sid = /dvk\.sid=([^;]+)/.exec(String(page.headers['set-cookie']))![1];
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), username: 'canbo.xa', password: PASSWORD });
    const newSid = /dvk\.sid=([^;]+)/.exec(String(res.headers['set-cookie']))![1];
    expect(newSid).not.to.equal(sid);
  });

  it('refuses a wrong password with a Vietnamese message and keeps the username', async () => {
    const agent = request.agent(app);
    const res = await postLogin(agent, { username: 'canbo.xa', password: 'sai-mat-khau-1' });
    expect(res.status).to.equal(401);
    expect(res.text).to.contain('Tên đăng nhập hoặc mật khẩu không đúng.').and.contain('value="canbo.xa"');
    expect((await agent.get('/dashboard')).status).to.equal(303);
  });

  it('refuses a disabled account', async () => {
    const agent = request.agent(app);
    const res = await postLogin(agent, { username: 'bi.khoa', password: PASSWORD });
    expect(res.status).to.equal(401);
    expect(res.text).to.contain('Tài khoản này đã bị khóa');
  });

  it('locks an account for this address after five wrong passwords, even with the right one', async () => {
    const agent = request.agent(app);
    for (let i = 0; i < 5; i++) {
      const res = await postLogin(agent, { username: 'sai.nhieu', password: `sai-${i}-xxxxxxx` });
      expect(res.status).to.equal(401);
    }
    const locked = await postLogin(agent, { username: 'sai.nhieu', password: PASSWORD });
    expect(locked.status).to.equal(429);
    expect(locked.text).to.contain('Tài khoản này tạm khóa đối với địa chỉ của bạn');
    expect(Number(locked.headers['retry-after'])).to.be.within(1, 15 * 60);
  });

  it('refuses a form without a valid CSRF token with 403, changing nothing', async () => {
    const agent = request.agent(app);
    await loginForm(agent);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: 'forged', username: 'canbo.xa', password: PASSWORD });
    expect(res.status).to.equal(403);
    expect(res.text).to.contain('mã bảo vệ');
    expect((await agent.get('/dashboard')).status).to.equal(303);
    const none = await request(app).post('/logout').type('form').send({});
    expect(none.status).to.equal(403);
  });

  it('logs out and ends the session', async () => {
    const agent = request.agent(app);
    await postLogin(agent, { username: 'canbo.xa', password: PASSWORD });
    const dash = await agent.get('/dashboard');
    const out = await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfFrom(dash.text) });
    expect(out.status).to.equal(303);
    expect((await agent.get('/dashboard')).status).to.equal(303);
  });

  it('only follows a local path after login', async () => {
    const agent = request.agent(app);
    const res = await postLogin(agent, { username: 'canbo.xa', password: PASSWORD, next: '//evil.example/x' });
    expect(res.headers.location).to.equal('/dashboard');
  });

  it('marks the session cookie Secure behind an HTTPS proxy (TRUST_PROXY)', async () => {
    const proxied = testApp(database, { TRUST_PROXY: '1' });
    const res = await request(proxied).get('/login').set('X-Forwarded-Proto', 'https');
    expect(String(res.headers['set-cookie']))
      .to.match(/dvk\.sid=/)
      .and.match(/;\s*Secure/i);
    const plain = await request(app).get('/login');
    expect(String(plain.headers['set-cookie'])).not.to.match(/;\s*Secure/i);
  });
});
