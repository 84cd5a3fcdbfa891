import { createHash } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import type { testApp } from '../helpers/app.js';
import { PASSWORD } from '../helpers/people.js';
import { accountWorld, NEW_PASSWORD } from '../helpers/account-world.js';

// Creating accounts, managing them (disable, commune, scope) and who may reach the admin routes at all. The
// set-password links and a user's own password are in account-passwords.test.ts.
describe('account administration and set-password links', () => {
  const world = accountWorld();
  const { ids, userRow, userCount, tokenRows, login, post, createAccount, tryLogin } = world;
  let database: Database;
  let app: ReturnType<typeof testApp>;
  let commune19: string;
  let otherCommune19: string;
  let commune42: string;
  before(() => {
    ({ database, app, commune19, otherCommune19, commune42 } = world);
  });

  it('lets a province admin create a commune cadre in its province, with a one-time link', async () => {
    const admin = await login('tinh.admin');
    const form = await admin.get('/quan-ly/tai-khoan/moi');
    expect(form.status).to.equal(200);
    expect(form.text)
      .to.contain('Tạo tài khoản')
      .and.contain(`value="${commune19}"`)
      .and.not.contain(`value="${commune42}"`);
    expect(form.text).to.contain('Cán bộ xã').and.not.contain('value="central_admin"');

    const {
      res,
      page: shown,
      token,
    } = await createAccount(admin, {
      username: 'nguyen.van.an',
      displayName: 'Nguyễn Văn An',
      role: 'commune_cadre',
      provinceCode: '19',
      communeCode: commune19,
    });
    // Said by the flash on the account's page, with the link shown there once: a reload shows it no more.
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.match(/^\/quan-ly\/tai-khoan\/\d+$/);
    expect(shown!.headers['cache-control']).to.equal('no-store');
    expect(shown!.text).to.contain('Đã tạo tài khoản nguyen.van.an.').and.contain('72 giờ').and.contain('một lần');
    const again = await admin.get(res.headers.location);
    expect(again.text).not.to.contain('/dat-mat-khau/').and.not.contain('Đã tạo tài khoản');
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
    const page = await admin.get(`/quan-ly/tai-khoan/${ids['xa.canbo']}`);
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
    expect(province.res.status).to.equal(303);
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
    expect(central.res.status).to.equal(303);
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
});
