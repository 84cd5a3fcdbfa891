import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { users } from '../../src/db/schema.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import { LOGIN_LIMITS } from '../../src/accounts/login-limits.js';
import { ConfigError } from '../../src/config/config.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { csrfFrom, PASSWORD } from '../helpers/people.js';

type App = ReturnType<typeof testApp>;

// The login limits of src/accounts/login-limits.ts, through the real login form, on the database: the client
// address behind a proxy, the three counters, instances sharing them, and an answer that hides which names exist.
describe('login limits and client addresses', () => {
  let database: Database;
  let app: App;
  let next = 0;
  /** A fresh documentation address (TEST-NET-3) per call, so that tests do not share counters. */
  const newAddress = () => `203.0.113.${++next}`;
  // One account per test that locks it, so that one test's counters never decide another's outcome.
  const accounts = [
    'an.toan',
    'hai.dia.chi',
    'mot.tai.khoan',
    'nhieu.dia.chi',
    'song.song',
    'hai.phien',
    'mo.lai',
    'doi.mat.khau',
  ];

  before(async () => {
    database = await freshDatabase();
    app = testApp(database, { TRUST_PROXY: '1' });
    const passwordHash = await hashPassword(PASSWORD);
    await database.db.insert(users).values([
      ...accounts.map((username) => ({
        username,
        displayName: `Người thử ${username}`,
        role: 'province_reviewer',
        provinceCode: '19',
        passwordHash,
      })),
      {
        username: 'da.tat',
        displayName: 'Đã tắt',
        role: 'province_reviewer',
        provinceCode: '19',
        passwordHash,
        disabled: true,
      },
      { username: 'chua.dat', displayName: 'Chưa đặt mật khẩu', role: 'province_reviewer', provinceCode: '19' },
      { username: 'quan.tri', displayName: 'Quản trị', role: 'central_admin', passwordHash },
    ]);
  });
  after(async () => {
    await database.close();
  });

  /** One login form posted through `target`, as a client behind the proxy with that X-Forwarded-For. */
  async function attempt(target: App, username: string, password: string, forwardedFor?: string) {
    const agent = request.agent(target);
    const form = agent.get('/login');
    if (forwardedFor) form.set('X-Forwarded-For', forwardedFor);
    const _csrf = csrfFrom((await form).text);
    const post = agent.post('/login').type('form');
    if (forwardedFor) post.set('X-Forwarded-For', forwardedFor);
    return post.send({ _csrf, username, password });
  }
  const counters = (where: ReturnType<typeof sql>) =>
    queryRows<{ username: string; address: string; hits: number }>(
      database.db,
      sql`select username, address, hits from login_counters where ${where} order by username, address`,
    );
  /** The page without what differs by design: the CSRF token and the name typed in. */
  const comparable = (html: string, username: string) =>
    html.replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value=""').replaceAll(username, 'NAME');

  it('behind one proxy (TRUST_PROXY=1) counts the address the proxy saw, whatever the client puts before it', async () => {
    const client = newAddress();
    for (let i = 0; i < LOGIN_LIMITS.pair.failures; i++) {
      const res = await attempt(app, 'an.toan', 'sai-mat-khau', `10.9.9.${i}, 198.51.100.${i}, ${client}`);
      expect(res.status).to.equal(401);
    }
    const locked = await attempt(app, 'an.toan', PASSWORD, `192.0.2.77, ${client}`);
    expect(locked.status).to.equal(429);
    expect(await counters(sql`username = 'an.toan'`)).to.deep.equal([
      { username: 'an.toan', address: '', hits: LOGIN_LIMITS.pair.failures },
      { username: 'an.toan', address: client, hits: LOGIN_LIMITS.pair.failures },
    ]);
    // A different last hop is a different client.
    expect((await attempt(app, 'an.toan', PASSWORD, `${client}, ${newAddress()}`)).status).to.equal(303);
  });

  it('with a list of proxies, trusts X-Forwarded-For only from them', async () => {
    const listed = testApp(database, { TRUST_PROXY: '127.0.0.1,::1,198.51.100.0/24' });
    const client = newAddress();
    // The test connects from the loopback (a listed proxy), which says it got the request from 198.51.100.9 (listed
    // too), which got it from the client: the client's own claim before that counts for nothing.
    await attempt(listed, 'nobody.list', 'sai-mat-khau', `10.1.1.1, ${client}, 198.51.100.9`);
    const unlisted = testApp(database, { TRUST_PROXY: '10.0.0.0/8' });
    // The loopback is not a listed proxy here: the header is ignored and the socket's address counts.
    await attempt(unlisted, 'nobody.unlisted', 'sai-mat-khau', `${client}, 10.0.0.1`);
    expect(await counters(sql`username in ('nobody.list', 'nobody.unlisted') and address <> ''`)).to.deep.equal([
      { username: 'nobody.list', address: client, hits: 1 },
      { username: 'nobody.unlisted', address: '127.0.0.1', hits: 1 },
    ]);
  });

  it('keeps a forwarded value that is no address, and a name that grows when lowercased, without failing', async () => {
    const odd = await attempt(app, 'İ'.repeat(64), 'sai-mat-khau', `${'x'.repeat(300)}`);
    expect(odd.status).to.equal(401);
    expect(await counters(sql`username = ''`)).to.deep.include({ username: '', address: 'not-an-address', hits: 1 });
  });

  it('refuses TRUST_PROXY=true, which would let every client choose its address', () => {
    expect(() => testApp(database, { TRUST_PROXY: 'true' })).to.throw(ConfigError, /TRUST_PROXY/);
  });

  it('locks a username for one address only: the same account still signs in from another address', async () => {
    const attacker = newAddress();
    for (let i = 0; i < LOGIN_LIMITS.pair.failures; i++)
      expect((await attempt(app, 'hai.dia.chi', `doan-${i}`, attacker)).status).to.equal(401);
    const locked = await attempt(app, 'hai.dia.chi', PASSWORD, attacker);
    expect(locked.status).to.equal(429);
    expect(locked.text).to.contain('Tài khoản này tạm khóa đối với địa chỉ của bạn').and.contain('15 phút');
    expect(Number(locked.headers['retry-after'])).to.be.within(14 * 60, 15 * 60);
    expect((await attempt(app, 'hai.dia.chi', PASSWORD, newAddress())).status).to.equal(303);
  });

  it('shares the counters between two instances on the same database', async () => {
    const second = testApp(database, { TRUST_PROXY: '1' });
    const client = newAddress();
    for (let i = 0; i < LOGIN_LIMITS.pair.failures; i++)
      expect((await attempt(i % 2 ? app : second, 'hai.phien', `doan-${i}`, client)).status).to.equal(401);
    expect((await attempt(app, 'hai.phien', PASSWORD, client)).status).to.equal(429);
    expect((await attempt(second, 'hai.phien', PASSWORD, client)).status).to.equal(429);
  });

  it('lets parallel attempts through no more often than the limit', async () => {
    const client = newAddress();
    // Forms first, so that the posts reach the database together.
    const forms = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const agent = request.agent(i % 2 ? app : testApp(database, { TRUST_PROXY: '1' }));
        const _csrf = csrfFrom((await agent.get('/login').set('X-Forwarded-For', client)).text);
        return { agent, _csrf };
      }),
    );
    const answers = await Promise.all(
      forms.map(({ agent, _csrf }, i) =>
        agent
          .post('/login')
          .type('form')
          .set('X-Forwarded-For', client)
          .send({ _csrf, username: 'song.song', password: `doan-${i}` }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).to.have.length(LOGIN_LIMITS.pair.failures);
    expect(statuses.filter((s) => s === 429)).to.have.length(12 - LOGIN_LIMITS.pair.failures);
  });

  it('clears the (account, address) counter on a successful login', async () => {
    const client = newAddress();
    for (let i = 0; i < LOGIN_LIMITS.pair.failures - 1; i++)
      expect((await attempt(app, 'mo.lai', `doan-${i}`, client)).status).to.equal(401);
    expect((await attempt(app, 'mo.lai', PASSWORD, client)).status).to.equal(303);
    for (let i = 0; i < LOGIN_LIMITS.pair.failures; i++)
      expect((await attempt(app, 'mo.lai', `lai-${i}`, client)).status).to.equal(401);
    expect((await attempt(app, 'mo.lai', PASSWORD, client)).status).to.equal(429);
  });

  it('locks an account attacked from many addresses, a name nobody has the same way', async function () {
    this.timeout(180000);
    const addresses = LOGIN_LIMITS.account.failures / LOGIN_LIMITS.pair.failures;
    const answers: request.Response[] = [];
    for (const username of ['nhieu.dia.chi', 'khong.ai.co']) {
      for (let a = 0; a < addresses; a++) {
        const client = newAddress();
        for (let i = 0; i < LOGIN_LIMITS.pair.failures; i++)
          expect((await attempt(app, username, `doan-${a}-${i}`, client)).status).to.equal(401);
      }
      const res = await attempt(app, username, PASSWORD, newAddress());
      expect(res.status).to.equal(429);
      expect(res.text).to.contain('Tài khoản tạm khóa do có quá nhiều lần nhập sai mật khẩu');
      expect(Number(res.headers['retry-after'])).to.be.within(50 * 60, 60 * 60);
      answers.push(res);
    }
    const [known, unknown] = answers;
    const minutesMasked = (html: string, name: string) => comparable(html, name).replace(/\d+ phút/g, 'N phút');
    expect(minutesMasked(unknown.text, 'khong.ai.co')).to.equal(minutesMasked(known.text, 'nhieu.dia.chi'));
    // Other accounts are untouched.
    expect((await attempt(app, 'mot.tai.khoan', PASSWORD, newAddress())).status).to.equal(303);

    // The admin sees the lock and can lift it.
    const admin = request.agent(app);
    const adminAddress = newAddress();
    const loginToken = csrfFrom((await admin.get('/login').set('X-Forwarded-For', adminAddress)).text);
    await admin
      .post('/login')
      .type('form')
      .set('X-Forwarded-For', adminAddress)
      .send({ _csrf: loginToken, username: 'quan.tri', password: PASSWORD })
      .expect(303);
    const [{ id }] = await queryRows<{ id: number }>(
      database.db,
      sql`select id from users where username = 'nhieu.dia.chi'`,
    );
    const page = await admin.get(`/quan-ly/tai-khoan/${id}`).set('X-Forwarded-For', adminAddress);
    expect(page.text).to.contain('Tạm khóa đến').and.contain('Gỡ tạm khóa');
    await admin
      .post(`/quan-ly/tai-khoan/${id}/mo-khoa`)
      .type('form')
      .set('X-Forwarded-For', adminAddress)
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    expect((await attempt(app, 'nhieu.dia.chi', PASSWORD, newAddress())).status).to.equal(303);
  });

  it('limits one address trying many usernames', async () => {
    const sprayer = newAddress();
    const perName = LOGIN_LIMITS.pair.failures;
    for (let n = 0; n < LOGIN_LIMITS.address.failures / perName; n++)
      for (let i = 0; i < perName; i++)
        expect((await attempt(app, `thu.ten.${n}`, `doan-${i}`, sprayer)).status).to.equal(401);
    const res = await attempt(app, 'mot.tai.khoan', PASSWORD, sprayer);
    expect(res.status).to.equal(429);
    expect(res.text).to.contain('Có quá nhiều lần đăng nhập sai từ địa chỉ này');
    expect(res.headers['retry-after']).to.match(/^\d+$/);
  });

  it('answers a wrong password the same whether the username exists, is disabled or has no password yet', async () => {
    const answers = [];
    for (const username of ['mot.tai.khoan', 'khong.ton.tai', 'da.tat', 'chua.dat']) {
      const res = await attempt(app, username, 'mat-khau-sai-1', newAddress());
      answers.push({
        status: res.status,
        headers: Object.keys(res.headers).sort(),
        body: comparable(res.text, username),
      });
    }
    expect(answers[0].status).to.equal(401);
    expect(answers[0].body).to.contain('Tên đăng nhập hoặc mật khẩu không đúng.');
    for (const other of answers.slice(1)) expect(other).to.deep.equal(answers[0]);
  });

  it('counts wrong current passwords on the change-password form like failed logins', async () => {
    const client = newAddress();
    const agent = request.agent(app);
    const form = async () => csrfFrom((await agent.get('/tai-khoan/mat-khau').set('X-Forwarded-For', client)).text);
    const loginToken = csrfFrom((await agent.get('/login').set('X-Forwarded-For', client)).text);
    const signedIn = await agent
      .post('/login')
      .type('form')
      .set('X-Forwarded-For', client)
      .send({ _csrf: loginToken, username: 'doi.mat.khau', password: PASSWORD });
    expect(signedIn.status).to.equal(303);
    const change = async (current: string) =>
      agent
        .post('/tai-khoan/mat-khau')
        .type('form')
        .set('X-Forwarded-For', client)
        .send({ _csrf: await form(), current, password: 'mat-khau-moi-dai', confirm: 'mat-khau-moi-dai' });
    for (let i = 0; i < LOGIN_LIMITS.pair.failures; i++) expect((await change(`doan-${i}`)).status).to.equal(400);
    const locked = await change(PASSWORD);
    expect(locked.status).to.equal(429);
    expect(locked.text).to.contain('tạm khóa');
    expect(locked.headers['retry-after']).to.match(/^\d+$/);
  });
});
