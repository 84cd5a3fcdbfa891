import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import request from 'supertest';
import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { users } from '../../src/db/schema.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/app.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';

const PASSWORD = 'mat-khau-dung-10';
const NEW_PASSWORD = 'mot cau that de nho';
type Agent = ReturnType<typeof request.agent>;

function csrfFrom(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)![1];
}
function linkFrom(html: string): string {
  return /\/dat-mat-khau\/([A-Za-z0-9_-]{43})/.exec(html)![1];
}

describe('account administration and set-password links', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  const ids: Record<string, number> = {};
  let commune19: string;
  let otherCommune19: string;
  let commune42: string;

  const userRow = async (username: string) =>
    (
      await queryRows<Record<string, unknown>>(
        database.db,
        sql`select id, username, display_name, role, province_code, commune_code, disabled, failed_logins, locked_until,
      password_hash, password_changed_at, created_by from users where username = ${username}`,
      )
    )[0];
  const userCount = async () =>
    (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from users`))[0].n;
  const tokenRows = async (userId: number) =>
    queryRows<{ token_hash: string; used_at: unknown; expired: boolean }>(
      database.db,
      sql`select token_hash, used_at, expires_at <= now() as expired from password_tokens where user_id = ${userId} order by created_at`,
    );

  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
    const communes = await queryRows<{ code: string; province_code: string }>(
      database.db,
      sql`(select code, province_code from communes where province_code = '19' order by code limit 2)
        union all (select code, province_code from communes where province_code = '42' order by code limit 1)`,
    );
    [commune19, otherCommune19, commune42] = communes.map((c) => c.code);
    const passwordHash = await hashPassword(PASSWORD);
    const rows = await database.db
      .insert(users)
      .values([
        { username: 'tw.admin', displayName: 'Quản trị Trung ương', role: 'central_admin', passwordHash },
        {
          username: 'tinh.admin',
          displayName: 'Quản trị Thái Nguyên',
          role: 'province_admin',
          provinceCode: '19',
          passwordHash,
        },
        {
          username: 'tinh.thamdinh',
          displayName: 'Thẩm định Thái Nguyên',
          role: 'province_reviewer',
          provinceCode: '19',
          passwordHash,
        },
        {
          username: 'xa.canbo',
          displayName: 'Cán bộ xã',
          role: 'commune_cadre',
          provinceCode: '19',
          communeCode: commune19,
          passwordHash,
        },
        {
          username: 'hatinh.thamdinh',
          displayName: 'Thẩm định Hà Tĩnh',
          role: 'province_reviewer',
          provinceCode: '42',
          passwordHash,
        },
        {
          username: 'hatinh.admin',
          displayName: 'Quản trị Hà Tĩnh',
          role: 'province_admin',
          provinceCode: '42',
          passwordHash,
        },
      ])
      .returning({ id: users.id, username: users.username });
    for (const r of rows) ids[r.username] = r.id;
  });
  after(async () => {
    await database.close();
  });

  /** The token is fetched first: the agent attaches its cookies when a request is created. */
  async function login(username: string, password = PASSWORD, agent: Agent = request.agent(app)): Promise<Agent> {
    const page = await agent.get('/login');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), username, password });
    expect(res.status, `login ${username}`).to.equal(303);
    return agent;
  }
  async function post(agent: Agent, url: string, form: Record<string, string> = {}) {
    const _csrf = csrfFrom((await agent.get('/dashboard')).text);
    return agent
      .post(url)
      .type('form')
      .send({ _csrf, ...form });
  }
  async function createAccount(agent: Agent, form: Record<string, string>) {
    const res = await post(agent, '/quan-ly/tai-khoan', form);
    return { res, token: res.status === 201 ? linkFrom(res.text) : null };
  }
  async function setPassword(token: string, password: string, confirm = password) {
    const agent = request.agent(app);
    const page = await agent.get(`/dat-mat-khau/${token}`);
    if (page.status !== 200) return page;
    return agent
      .post(`/dat-mat-khau/${token}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), password, confirm });
  }
  async function tryLogin(username: string, password: string) {
    const agent = request.agent(app);
    const page = await agent.get('/login');
    return agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), username, password });
  }

  it('lets a province admin create a commune cadre in its province, with a one-time link', async () => {
    const admin = await login('tinh.admin');
    const form = await admin.get('/quan-ly/tai-khoan/moi');
    expect(form.status).to.equal(200);
    expect(form.text)
      .to.contain('Tạo tài khoản')
      .and.contain(`value="${commune19}"`)
      .and.not.contain(`value="${commune42}"`);
    expect(form.text).to.contain('Cán bộ xã').and.not.contain('value="central_admin"');

    const { res, token } = await createAccount(admin, {
      username: 'nguyen.van.an',
      displayName: 'Nguyễn Văn An',
      role: 'commune_cadre',
      provinceCode: '19',
      communeCode: commune19,
    });
    expect(res.status).to.equal(201);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.text).to.contain('Đã tạo tài khoản').and.contain('72 giờ').and.contain('một lần');
    const row = await userRow('nguyen.van.an');
    expect(row).to.include({
      role: 'commune_cadre',
      province_code: '19',
      commune_code: commune19,
      created_by: ids['tinh.admin'],
      password_hash: null,
      disabled: false,
    });
    const tokens = await tokenRows(Number(row.id));
    expect(tokens).to.have.length(1);
    // Only the hash is stored.
    expect(tokens[0].token_hash).to.equal(createHash('sha256').update(token!).digest('hex')).and.not.equal(token);
    const [ttl] = await queryRows<{ hours: number }>(
      database.db,
      sql`select round(extract(epoch from expires_at - now()) / 3600)::int as hours from password_tokens where user_id = ${row.id}`,
    );
    expect(ttl.hours).to.equal(72);

    const list = await admin.get('/quan-ly/tai-khoan');
    expect(list.status).to.equal(200);
    expect(list.text)
      .to.contain('nguyen.van.an')
      .and.contain('Nguyễn Văn An')
      .and.contain('Cán bộ xã')
      .and.contain('Đang hoạt động');
    expect(list.text).not.to.contain('hatinh.thamdinh').and.not.contain('tw.admin');
    // The account page never shows the link again.
    const page = await admin.get(`/quan-ly/tai-khoan/${row.id}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Chưa đặt').and.contain('liên kết đặt mật khẩu chưa dùng').and.not.contain(token!);
  });

  it('refuses a province admin an account in another province or a central admin (403, nothing written)', async () => {
    const admin = await login('tinh.admin');
    const before = await userCount();
    const other = await createAccount(admin, {
      username: 'ngoai.tinh',
      displayName: 'Ngoài tỉnh',
      role: 'commune_cadre',
      provinceCode: '42',
      communeCode: commune42,
    });
    expect(other.res.status).to.equal(403);
    expect(other.res.text).to.contain('không được tạo tài khoản');
    const central = await createAccount(admin, {
      username: 'tw.moi',
      displayName: 'Trung ương mới',
      role: 'central_admin',
      provinceCode: '19',
    });
    expect(central.res.status).to.equal(403);
    expect(await userCount()).to.equal(before);
    expect(await userRow('ngoai.tinh')).to.equal(undefined);
  });

  it('requires a commune of the province for a commune cadre', async () => {
    const admin = await login('tinh.admin');
    const missing = await createAccount(admin, {
      username: 'chua.co.xa',
      displayName: 'Chưa có xã',
      role: 'commune_cadre',
      provinceCode: '19',
      communeCode: '',
    });
    expect(missing.res.status).to.equal(400);
    expect(missing.res.text).to.contain('Cán bộ xã cần được gán một xã, phường.');
    const foreign = await createAccount(admin, {
      username: 'xa.ngoai',
      displayName: 'Xã ngoài tỉnh',
      role: 'commune_cadre',
      provinceCode: '19',
      communeCode: commune42,
    });
    expect(foreign.res.status).to.equal(400);
    expect(foreign.res.text).to.contain('không thuộc tỉnh, thành phố đã chọn');
    expect(await userRow('xa.ngoai')).to.equal(undefined);
  });

  it('refuses a duplicate or malformed username with a message beside the field, keeping what was typed', async () => {
    const admin = await login('tinh.admin');
    const before = await userCount();
    const dup = await createAccount(admin, {
      username: 'xa.canbo',
      displayName: 'Trần Thị Bình',
      role: 'province_reviewer',
      provinceCode: '19',
    });
    expect(dup.res.status).to.equal(400);
    expect(dup.res.text).to.contain('Tên đăng nhập “xa.canbo” đã có người dùng').and.contain('id="err-username"');
    expect(dup.res.text)
      .to.contain('value="xa.canbo"')
      .and.contain('value="Trần Thị Bình"')
      .and.match(/value="province_reviewer" selected/);
    const bad = await createAccount(admin, {
      username: 'ab cd!',
      displayName: '',
      role: 'commune_cadre',
      provinceCode: '19',
      communeCode: commune19,
    });
    expect(bad.res.status).to.equal(400);
    expect(bad.res.text)
      .to.contain('Tên đăng nhập dài 3–64 ký tự')
      .and.contain('Nhập họ và tên')
      .and.contain('value="ab cd!"');
    expect(bad.res.text).to.match(new RegExp(`value="${commune19}" selected`));
    expect(await userCount()).to.equal(before);
  });

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
      sql`update users set failed_logins = 3, locked_until = now() - interval '1 minute' where username = 'le.thi.hoa'`,
    );
    const done = await setPassword(token!, NEW_PASSWORD);
    expect(done.status).to.equal(200);
    expect(done.text).to.contain('Đã đặt mật khẩu').and.contain('href="/login"');
    const row = await userRow('le.thi.hoa');
    expect(row.password_changed_at).to.not.equal(null);
    expect(row).to.include({ failed_logins: 0, locked_until: null });
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
    expect(reset.status).to.equal(200);
    expect(reset.text).to.contain('Liên kết đặt lại mật khẩu');
    const second = linkFrom(reset.text);
    expect(second).not.to.equal(first);
    expect((await request(app).get(`/dat-mat-khau/${first}`)).status).to.equal(410);
    expect((await setPassword(second, NEW_PASSWORD)).status).to.equal(200);
    expect((await tryLogin('dat.lai', NEW_PASSWORD)).status).to.equal(303);
  });

  it('disables an account at once: its session ends and login is refused; enabling restores it', async () => {
    const admin = await login('tinh.admin');
    const cadre = await login('xa.canbo');
    expect((await cadre.get('/dashboard')).status).to.equal(200);
    const sessionsOf = async () =>
      (
        await queryRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from session where (sess->>'userId')::int = ${ids['xa.canbo']}`,
        )
      )[0].n;
    expect(await sessionsOf()).to.be.greaterThan(0);

    const res = await post(admin, `/quan-ly/tai-khoan/${ids['xa.canbo']}/khoa`);
    expect(res.status).to.equal(303);
    expect((await userRow('xa.canbo')).disabled).to.equal(true);
    expect(await sessionsOf()).to.equal(0);
    expect((await cadre.get('/dashboard')).status).to.equal(303);
    const refused = await tryLogin('xa.canbo', PASSWORD);
    expect(refused.status).to.equal(401);
    expect(refused.text).to.contain('đã bị khóa');
    const page = await admin.get(`/quan-ly/tai-khoan/${ids['xa.canbo']}?tb=da-khoa`);
    expect(page.text).to.contain('Đã khóa tài khoản').and.contain('Mở khóa tài khoản');

    expect((await post(admin, `/quan-ly/tai-khoan/${ids['xa.canbo']}/mo-khoa`)).status).to.equal(303);
    expect((await tryLogin('xa.canbo', PASSWORD)).status).to.equal(303);
  });

  it('does not let an admin disable its own account', async () => {
    const admin = await login('tinh.admin');
    const res = await post(admin, `/quan-ly/tai-khoan/${ids['tinh.admin']}/khoa`);
    expect(res.status).to.equal(400);
    expect((await userRow('tinh.admin')).disabled).to.equal(false);
  });

  it('assigns a commune of the province to a cadre, and refuses one of another province', async () => {
    const admin = await login('tinh.admin');
    const ok = await post(admin, `/quan-ly/tai-khoan/${ids['xa.canbo']}/xa`, { communeCode: otherCommune19 });
    expect(ok.status).to.equal(303);
    expect((await userRow('xa.canbo')).commune_code).to.equal(otherCommune19);
    const bad = await post(admin, `/quan-ly/tai-khoan/${ids['xa.canbo']}/xa`, { communeCode: commune42 });
    expect(bad.status).to.equal(400);
    expect(bad.text).to.contain('không thuộc tỉnh');
    expect((await userRow('xa.canbo')).commune_code).to.equal(otherCommune19);
    await database.db.execute(sql`update users set commune_code = ${commune19} where id = ${ids['xa.canbo']}`);
  });

  it("refuses a province admin another province's accounts and the centre's (403, nothing changed)", async () => {
    const admin = await login('tinh.admin');
    for (const name of ['hatinh.thamdinh', 'hatinh.admin', 'tw.admin']) {
      expect((await admin.get(`/quan-ly/tai-khoan/${ids[name]}`)).status, name).to.equal(403);
      for (const action of ['khoa', 'dat-lai-mat-khau']) {
        const res = await post(admin, `/quan-ly/tai-khoan/${ids[name]}/${action}`);
        expect(res.status, `${name} ${action}`).to.equal(403);
        expect(res.text).to.contain('không thuộc phạm vi quản lý');
      }
      expect((await userRow(name)).disabled).to.equal(false);
      expect(await tokenRows(ids[name])).to.have.length(0);
    }
    expect((await admin.get('/quan-ly/tai-khoan/999999')).status).to.equal(404);
  });

  it('lets the central admin create a province admin anywhere and another central admin', async () => {
    const admin = await login('tw.admin');
    const list = await admin.get('/quan-ly/tai-khoan?tinh=42');
    expect(list.text).to.contain('>hatinh.admin<').and.not.contain('>tinh.thamdinh<');
    const form = await admin.get('/quan-ly/tai-khoan/moi');
    expect(form.text).to.contain('value="central_admin"');
    // Without JavaScript the form reloads with the chosen province's communes.
    const refresh = await post(admin, '/quan-ly/tai-khoan', {
      intent: 'refresh',
      username: 'ht.canbo',
      displayName: 'Cán bộ Hà Tĩnh',
      role: 'commune_cadre',
      provinceCode: '42',
    });
    expect(refresh.status).to.equal(200);
    expect(refresh.text).to.contain(`value="${commune42}"`).and.contain('value="ht.canbo"');
    expect(await userRow('ht.canbo')).to.equal(undefined);

    const province = await createAccount(admin, {
      username: 'hatinh.admin2',
      displayName: 'Quản trị Hà Tĩnh 2',
      role: 'province_admin',
      provinceCode: '42',
    });
    expect(province.res.status).to.equal(201);
    expect(await userRow('hatinh.admin2')).to.include({
      role: 'province_admin',
      province_code: '42',
      commune_code: null,
    });
    const central = await createAccount(admin, {
      username: 'tw.admin2',
      displayName: 'Trung ương 2',
      role: 'central_admin',
      provinceCode: '',
    });
    expect(central.res.status).to.equal(201);
    expect(await userRow('tw.admin2')).to.include({ role: 'central_admin', province_code: null });
    expect((await post(admin, `/quan-ly/tai-khoan/${ids['hatinh.admin']}/khoa`)).status).to.equal(303);
    expect((await post(admin, `/quan-ly/tai-khoan/${ids['hatinh.admin']}/mo-khoa`)).status).to.equal(303);
  });

  it('gives a cadre and a reviewer 403 on every admin route, and sends anonymous visitors to login', async () => {
    for (const name of ['xa.canbo', 'tinh.thamdinh']) {
      const agent = await login(name);
      const before = await userCount();
      for (const url of ['/quan-ly/tai-khoan', '/quan-ly/tai-khoan/moi', `/quan-ly/tai-khoan/${ids['xa.canbo']}`]) {
        const res = await agent.get(url);
        expect(res.status, `${name} GET ${url}`).to.equal(403);
        expect(res.text).to.contain('không có quyền quản lý tài khoản');
      }
      const created = await createAccount(agent, {
        username: `tu.tao.${name}`,
        displayName: 'Tự tạo',
        role: 'commune_cadre',
        provinceCode: '19',
        communeCode: commune19,
      });
      expect(created.res.status).to.equal(403);
      for (const action of ['khoa', 'mo-khoa', 'dat-lai-mat-khau', 'xa']) {
        const res = await post(agent, `/quan-ly/tai-khoan/${ids['tinh.thamdinh']}/${action}`, {
          communeCode: commune19,
        });
        expect(res.status, `${name} POST ${action}`).to.equal(403);
      }
      expect(await userCount()).to.equal(before);
      expect((await userRow('tinh.thamdinh')).disabled).to.equal(false);
      expect(await tokenRows(ids['tinh.thamdinh'])).to.have.length(0);
      expect((await agent.get('/dashboard')).text).not.to.contain('Quản lý tài khoản');
    }
    const anonymous = await request(app).get('/quan-ly/tai-khoan');
    expect(anonymous.status).to.equal(303);
    expect(anonymous.headers.location).to.equal('/login?next=%2Fquan-ly%2Ftai-khoan');
    const admin = await login('tinh.admin');
    expect((await admin.get('/dashboard')).text).to.contain('href="/quan-ly/tai-khoan"');
  });

  it('refuses forms without a CSRF token (403), changing nothing', async () => {
    const admin = await login('tinh.admin');
    await admin.get('/dashboard');
    const before = await userCount();
    const create = await admin
      .post('/quan-ly/tai-khoan')
      .type('form')
      .send({ username: 'khong.csrf', displayName: 'Không mã', role: 'province_reviewer', provinceCode: '19' });
    expect(create.status).to.equal(403);
    expect(create.text).to.contain('mã bảo vệ');
    const disable = await admin
      .post(`/quan-ly/tai-khoan/${ids['tinh.thamdinh']}/khoa`)
      .type('form')
      .send({ _csrf: 'gia-mao' });
    expect(disable.status).to.equal(403);
    expect(await userCount()).to.equal(before);
    expect((await userRow('tinh.thamdinh')).disabled).to.equal(false);
    const anonymous = await request(app)
      .post(`/dat-mat-khau/${'A'.repeat(43)}`)
      .type('form')
      .send({ password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(anonymous.status).to.equal(403);
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
    expect(await userRow('tinh.thamdinh')).to.include({ failed_logins: 0 });
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
    expect(created.status).to.equal(201);
    const token = linkFrom(created.text);
    const visitor = request.agent(logged);
    const form = await visitor.get(`/dat-mat-khau/${token}`);
    expect(form.status).to.equal(200);
    const done = await visitor
      .post(`/dat-mat-khau/${token}`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.status).to.equal(200);
    await new Promise((r) => setImmediate(r));
    const log = lines.join('');
    expect(log).to.contain('/dat-mat-khau/[token]');
    expect(log).not.to.contain(token);
    expect(log).not.to.contain(createHash('sha256').update(token).digest('hex'));
    expect(log).not.to.contain('scrypt$');
  });
});
