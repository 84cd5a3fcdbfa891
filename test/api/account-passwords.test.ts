import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import request from 'supertest';
import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/app.js';
import type { testApp } from '../helpers/app.js';
import { PASSWORD } from '../helpers/people.js';
import { accountWorld, csrfFrom, linkFrom, NEW_PASSWORD } from '../helpers/account-world.js';

// The one-time set-password links (use, expiry, reset), a user changing their own password, and the request log
// that must never hold a token or a hash. Account creation and management are in account-admin.test.ts.
describe('account administration and set-password links', () => {
  const world = accountWorld();
  const { userRow, tokenRows, login, post, createAccount, setPassword, tryLogin } = world;
  let database: Database;
  let app: ReturnType<typeof testApp>;
  let commune19: string;
  before(() => {
    ({ database, app, commune19 } = world);
  });
  const counterRows = async (username: string) =>
    (
      await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from login_counters where username = ${username}`,
      )
    )[0].n;

  it('sets the password through the link once; the new password logs in', async () => {
    const admin = await login('tinh.admin');
    const { token } = await createAccount(admin, {
      username: 'le.thi.hoa',
      displayName: 'Lê Thị Hoa',
      role: 'province_reviewer',
      provinceCode: '19',
    });
    const page = await request(app).get(`/dat-mat-khau/${token}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Đặt mật khẩu').and.contain('le.thi.hoa');

    const short = await setPassword(token!, 'ngan-qua');
    expect(short.status).to.equal(400);
    expect(short.text).to.contain('Mật khẩu mới cần ít nhất 10 ký tự.');
    const mismatch = await setPassword(token!, NEW_PASSWORD, `${NEW_PASSWORD}x`);
    expect(mismatch.status).to.equal(400);
    expect(mismatch.text).to.contain('Hai lần nhập mật khẩu mới không khớp nhau.');
    expect((await userRow('le.thi.hoa')).password_hash).to.equal(null);

    await database.db.execute(
      sql`insert into login_counters (username, address, hits, window_ends)
        values ('le.thi.hoa', '', 50, now() + interval '1 hour'), ('le.thi.hoa', '10.1.2.3', 5, now() + interval '1 hour')`,
    );
    const done = await setPassword(token!, NEW_PASSWORD);
    expect(done.status).to.equal(303);
    expect(done.headers.location).to.equal('/login');
    const row = await userRow('le.thi.hoa');
    expect(row.password_changed_at).to.not.equal(null);
    expect(await counterRows('le.thi.hoa')).to.equal(0);
    expect((await tokenRows(Number(row.id)))[0].used_at).to.not.equal(null);

    const again = await request(app).get(`/dat-mat-khau/${token}`);
    expect(again.status).to.equal(410);
    expect(again.text).to.contain('đã được sử dụng');
    const reuse = await setPassword(token!, 'mat khau khac nua');
    expect(reuse.status).to.equal(410);

    expect((await tryLogin('le.thi.hoa', NEW_PASSWORD)).status).to.equal(303);
    expect((await tryLogin('le.thi.hoa', 'mat khau khac nua')).status).to.equal(401);
  });

  it('refuses an expired link (410) and an unknown one (404)', async () => {
    const admin = await login('tinh.admin');
    const { token } = await createAccount(admin, {
      username: 'het.han',
      displayName: 'Hết hạn',
      role: 'province_reviewer',
      provinceCode: '19',
    });
    await database.db.execute(
      sql`update password_tokens set expires_at = now() - interval '1 second' where token_hash = ${createHash('sha256').update(token!).digest('hex')}`,
    );
    const expired = await request(app).get(`/dat-mat-khau/${token}`);
    expect(expired.status).to.equal(410);
    expect(expired.text).to.contain('đã hết hạn');
    const agent = request.agent(app);
    const _csrf = csrfFrom((await agent.get('/login')).text);
    const posted = await agent
      .post(`/dat-mat-khau/${token}`)
      .type('form')
      .send({ _csrf, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(posted.status).to.equal(410);
    expect((await userRow('het.han')).password_hash).to.equal(null);
    const unknown = await request(app).get(`/dat-mat-khau/${'A'.repeat(43)}`);
    expect(unknown.status).to.equal(404);
    expect(unknown.text).to.contain('Không tìm thấy liên kết');
    expect((await request(app).get('/dat-mat-khau/ngan')).status).to.equal(404);
  });

  it('makes a new link on reset; the older unused link stops working', async () => {
    const admin = await login('tinh.admin');
    const { token: first } = await createAccount(admin, {
      username: 'dat.lai',
      displayName: 'Đặt lại',
      role: 'commune_cadre',
      provinceCode: '19',
      communeCode: commune19,
    });
    const id = (await userRow('dat.lai')).id;
    const reset = await post(admin, `/quan-ly/tai-khoan/${id}/dat-lai-mat-khau`);
    expect(reset.status).to.equal(303);
    const shown = await admin.get(reset.headers.location);
    expect(shown.text).to.contain('Đã tạo liên kết đặt lại mật khẩu cho tài khoản dat.lai.');
    const second = linkFrom(shown.text);
    expect(second).not.to.equal(first);
    expect((await request(app).get(`/dat-mat-khau/${first}`)).status).to.equal(410);
    expect((await setPassword(second, NEW_PASSWORD)).status).to.equal(303);
    expect((await tryLogin('dat.lai', NEW_PASSWORD)).status).to.equal(303);
  });

  it('lets a user change their own password; a wrong current password is refused', async () => {
    const agent = await login('tinh.thamdinh');
    const other = await login('tinh.thamdinh');
    const page = await agent.get('/tai-khoan/mat-khau');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Mật khẩu hiện tại');
    expect((await request(app).get('/tai-khoan/mat-khau')).status).to.equal(303);

    const wrong = await post(agent, '/tai-khoan/mat-khau', {
      current: 'khong-dung-dau',
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(wrong.status).to.equal(400);
    expect(wrong.text).to.contain('Mật khẩu hiện tại không đúng.');
    const short = await post(agent, '/tai-khoan/mat-khau', { current: PASSWORD, password: 'ngan', confirm: 'ngan' });
    expect(short.status).to.equal(400);
    expect(short.text).to.contain('ít nhất 10 ký tự');
    const mismatch = await post(agent, '/tai-khoan/mat-khau', {
      current: PASSWORD,
      password: NEW_PASSWORD,
      confirm: 'khac hoan toan',
    });
    expect(mismatch.status).to.equal(400);
    expect(mismatch.text).to.contain('không khớp');

    const ok = await post(agent, '/tai-khoan/mat-khau', {
      current: PASSWORD,
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(ok.status).to.equal(303);
    expect((await agent.get(ok.headers.location)).text).to.contain('Đã đổi mật khẩu');
    expect(await counterRows('tinh.thamdinh')).to.equal(0);
    // This device stays signed in; the other one is signed out.
    expect((await agent.get('/dashboard')).status).to.equal(200);
    expect((await other.get('/dashboard')).status).to.equal(303);
    expect((await tryLogin('tinh.thamdinh', PASSWORD)).status).to.equal(401);
    expect((await tryLogin('tinh.thamdinh', NEW_PASSWORD)).status).to.equal(303);
  });

  it('never writes a token or a password hash into the request log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const config = loadConfig({ LOG_LEVEL: 'info', DATA_DIR: '/tmp/dvk-test-unused' });
    const logged = createApp({ config, database, db: database.db, logger: pino({ level: 'info' }, sink) });
    const admin = request.agent(logged);
    const loginPage = await admin.get('/login');
    await admin
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(loginPage.text), username: 'tinh.admin', password: PASSWORD });
    const _csrf = csrfFrom((await admin.get('/dashboard')).text);
    const created = await admin
      .post('/quan-ly/tai-khoan')
      .type('form')
      .send({ _csrf, username: 'nhat.ky', displayName: 'Nhật ký', role: 'province_reviewer', provinceCode: '19' });
    expect(created.status).to.equal(303);
    const token = linkFrom((await admin.get(created.headers.location)).text);
    const visitor = request.agent(logged);
    const form = await visitor.get(`/dat-mat-khau/${token}`);
    expect(form.status).to.equal(200);
    const done = await visitor
      .post(`/dat-mat-khau/${token}`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.status).to.equal(303);
    await new Promise((r) => setImmediate(r));
    const log = lines.join('');
    expect(log).to.contain('/dat-mat-khau/[token]');
    expect(log).not.to.contain(token);
    expect(log).not.to.contain(createHash('sha256').update(token).digest('hex'));
    expect(log).not.to.contain('scrypt$');
  });
});
