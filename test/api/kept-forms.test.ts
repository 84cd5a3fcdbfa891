import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';
import { capturedLog, testApp } from '../helpers/app.js';
import { csrfFrom, PASSWORD, signInPeople } from '../helpers/people.js';

type Agent = ReturnType<typeof request.agent>;
const TITLE = 'Tổ tự quản đèn đường xóm Núi';
const SUMMARY = 'Sáu mươi hộ góp tiền điện hằng tháng cho đèn đường.';
const kept = (location: string) => new URL(location, 'http://x').searchParams.get('giu-lai')!;

describe('a form posted after the session ended comes back after signing in again', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  let log: ReturnType<typeof capturedLog>;

  before(async () => {
    database = await freshDatabase();
    log = capturedLog();
    app = testApp(database, {}, { logger: log.logger });
    // The users; each test signs in its own agents.
    await signInPeople(database, app);
  });
  after(async () => {
    await database.close();
  });

  const rows = async <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => queryRows<T>(database.db, q);
  const modelCount = async () => (await rows<{ n: number }>(sql`select count(*)::int as n from models`))[0].n;
  const pendingCount = async () => (await rows<{ n: number }>(sql`select count(*)::int as n from pending_forms`))[0].n;
  async function signIn(agent: Agent, username: string, keptForm?: string, next = '/dashboard') {
    const page = await agent.get(
      `/login?${new URLSearchParams({ next, ...(keptForm ? { 'giu-lai': keptForm } : {}) })}`,
    );
    return agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), username, password: PASSWORD, next, keptForm: keptForm ?? '' });
  }
  /** A new registration posted by a browser that holds no session (it expired and the cookie went with it). */
  const postWithoutSession = (fields: Record<string, string>, headers: Record<string, string>) =>
    request(app)
      .post('/quan-ly/mo-hinh')
      .set(headers)
      .type('form')
      .send({
        _csrf: 'from-the-old-session',
        _page: '/quan-ly/mo-hinh/moi',
        type: 'collective',
        title: TITLE,
        ...fields,
      });

  it('sends a new entry posted without a session to the login form, keeping it and writing no entry', async () => {
    const res = await postWithoutSession({ summary: SUMMARY, intent: 'submit' }, { 'Sec-Fetch-Site': 'same-origin' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.match(/^\/login\?next=%2Fquan-ly%2Fmo-hinh%2Fmoi&giu-lai=[A-Za-z0-9_-]{43}$/);
    expect(await modelCount()).to.equal(0);
    const [row] = await rows<{ user_id: number | null; fields: unknown }>(
      sql`select user_id, fields from pending_forms`,
    );
    expect(row.user_id).to.equal(null);
    const fields = typeof row.fields === 'string' ? JSON.parse(row.fields) : row.fields;
    expect(fields).to.include({ title: TITLE, summary: SUMMARY }).and.not.have.keys('_csrf', '_page');
    // The token never reaches the logs.
    expect(log.text()).not.to.contain(kept(res.headers.location));

    const agent = request.agent(app);
    const login = await agent.get(res.headers.location);
    expect(login.text)
      .to.contain('Phiên đăng nhập đã hết hạn.')
      .and.contain(`name="keptForm" value="${kept(res.headers.location)}"`);
    // A wrong password keeps the token on the form for the next try.
    const wrong = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(login.text), username: 'cadre', password: 'sai', keptForm: kept(res.headers.location) });
    expect(wrong.status).to.equal(401);
    expect(wrong.text).to.contain(`name="keptForm" value="${kept(res.headers.location)}"`);
    const signed = await signIn(agent, 'cadre', kept(res.headers.location), '/quan-ly/mo-hinh/moi');
    expect(signed.status).to.equal(303);
    expect(signed.headers.location).to.equal(`/quan-ly/mo-hinh/moi?giu-lai=${kept(res.headers.location)}`);
    const form = await agent.get(signed.headers.location);
    expect(form.status).to.equal(200);
    expect(form.text)
      .to.contain('Phiên đăng nhập đã hết hạn; nội dung bạn nhập đã được giữ lại — hãy kiểm tra và bấm Lưu lần nữa.')
      .and.contain(`value="${TITLE}"`)
      .and.contain(SUMMARY);
    // Shown once, then gone; and nothing was applied from it.
    expect(await pendingCount()).to.equal(0);
    expect(await modelCount()).to.equal(0);
    expect((await agent.get(signed.headers.location)).text).not.to.contain(SUMMARY);
    const saved = await agent
      .post('/quan-ly/mo-hinh')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), type: 'collective', title: TITLE, summary: SUMMARY, intent: 'draft' });
    expect(saved.status).to.equal(303);
    expect(await modelCount()).to.equal(1);
  });

  it('keeps an edit posted on a session that expired on the server, and gives it back to its author', async () => {
    const agent = request.agent(app);
    expect((await signIn(agent, 'cadre')).status).to.equal(303);
    const [{ id }] = await rows<{ id: number }>(sql`select id from models where title = ${TITLE}`);
    const page = await agent.get(`/quan-ly/mo-hinh/${id}/sua`);
    expect(page.text).to.contain(`name="_page" value="/quan-ly/mo-hinh/${id}/sua"`);
    const [{ version }] = await rows<{ version: number }>(sql`select version from models where id = ${id}`);
    await database.db.execute(sql`update session set expire = now() - interval '1 minute'`);
    const res = await agent
      .post(`/quan-ly/mo-hinh/${id}/sua`)
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        _page: `/quan-ly/mo-hinh/${id}/sua`,
        version,
        type: 'collective',
        title: TITLE,
        summary: 'Bản sửa gõ lúc phiên đã hết hạn.',
      });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.match(/^\/login\?/);
    expect((await rows<{ summary: string }>(sql`select summary from models where id = ${id}`))[0].summary).to.equal(
      SUMMARY,
    );
    const signed = await signIn(agent, 'cadre', kept(res.headers.location), `/quan-ly/mo-hinh/${id}/sua`);
    const form = await agent.get(signed.headers.location);
    expect(form.text).to.contain('Bản sửa gõ lúc phiên đã hết hạn.').and.contain(`name="version" value="${version}"`);
    const saved = await agent
      .post(`/quan-ly/mo-hinh/${id}/sua`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), version, type: 'collective', title: TITLE, summary: 'Bản sửa đã lưu.' });
    expect(saved.status).to.equal(303);
    expect((await rows<{ summary: string }>(sql`select summary from models where id = ${id}`))[0].summary).to.equal(
      'Bản sửa đã lưu.',
    );
  });

  it('shows a kept form to nobody without its token, and to nobody but the user who claimed it', async () => {
    const res = await postWithoutSession(
      { summary: 'Chỉ người giữ mã mới thấy.' },
      { 'Sec-Fetch-Site': 'same-origin' },
    );
    const token = kept(res.headers.location);
    const other = request.agent(app);
    await signIn(other, 'cadreOtherCommune');
    // Without the token, or with another one, the form is empty.
    expect((await other.get('/quan-ly/mo-hinh/moi')).text).not.to.contain('Chỉ người giữ mã mới thấy.');
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await other.get(`/quan-ly/mo-hinh/moi?giu-lai=${forged}`)).text).not.to.contain('Chỉ người giữ mã');
    // Not claimed yet: the page alone does not hand it out, even with the token.
    expect((await other.get(`/quan-ly/mo-hinh/moi?giu-lai=${token}`)).text).not.to.contain('Chỉ người giữ mã');
    const author = request.agent(app);
    const signed = await signIn(author, 'cadre', token, '/quan-ly/mo-hinh/moi');
    expect(signed.headers.location).to.contain(token);
    // Claimed by its author: someone else holding the token now gets nothing.
    const thief = await other.get(`/login?giu-lai=${token}`);
    expect(thief.headers.location).to.equal('/dashboard');
    expect((await other.get(`/quan-ly/mo-hinh/moi?giu-lai=${token}`)).text).not.to.contain('Chỉ người giữ mã');
    expect((await author.get(signed.headers.location)).text).to.contain('Chỉ người giữ mã mới thấy.');
  });

  it('lets a kept form expire after an hour', async () => {
    const res = await postWithoutSession({ summary: 'Quá hạn.' }, { 'Sec-Fetch-Site': 'same-origin' });
    await database.db.execute(sql`update pending_forms set expires_at = now() - interval '1 second'`);
    const agent = request.agent(app);
    const signed = await signIn(agent, 'cadre', kept(res.headers.location), '/quan-ly/mo-hinh/moi');
    expect(signed.headers.location).to.equal('/quan-ly/mo-hinh/moi');
    expect((await agent.get(`/quan-ly/mo-hinh/moi?giu-lai=${kept(res.headers.location)}`)).text).not.to.contain(
      'Quá hạn.',
    );
    // The next kept form clears the expired ones away.
    await postWithoutSession({}, { 'Sec-Fetch-Site': 'same-origin' });
    expect(await pendingCount()).to.equal(1);
    await database.db.execute(sql`delete from pending_forms`);
  });

  it('gives a form back at once to someone signed in again elsewhere, whose form holds the old token', async () => {
    const agent = request.agent(app);
    await signIn(agent, 'cadre');
    const stale = csrfFrom((await agent.get('/quan-ly/mo-hinh/moi')).text);
    // Signed out and in again (another tab): a new session, so the open form's token is another's.
    await agent.post('/logout').type('form').send({ _csrf: stale });
    await signIn(agent, 'cadre');
    const res = await agent
      .post('/quan-ly/mo-hinh')
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ _csrf: stale, _page: '/quan-ly/mo-hinh/moi', type: 'collective', title: 'Gõ trên tab cũ' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.match(/^\/quan-ly\/mo-hinh\/moi\?giu-lai=/);
    expect((await agent.get(res.headers.location)).text).to.contain('value="Gõ trên tab cũ"');
    // A wrong token on a signed-in session, from another site, is still just refused.
    const cross = await agent
      .post('/quan-ly/mo-hinh')
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send({ _csrf: stale, _page: '/quan-ly/mo-hinh/moi', type: 'collective', title: 'Từ trang khác' });
    expect(cross.status).to.equal(403);
    expect(await pendingCount()).to.equal(0);
  });

  it('accepts the Origin header as proof of a same-site post', async () => {
    const res = await postWithoutSession({}, { Host: 'localhost', Origin: 'http://localhost' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.match(/^\/login\?next=/);
    await database.db.execute(sql`delete from pending_forms`);
  });

  it('keeps nothing posted from another site, without proof of origin, too large or without its page', async () => {
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{}, { 'Sec-Fetch-Site': 'cross-site' }],
      [{}, { Host: 'localhost', Origin: 'http://evil.example' }],
      [{}, {}],
      [{ summary: 'a'.repeat(200_300) }, { 'Sec-Fetch-Site': 'same-origin' }],
      [{ _page: '/dashboard' }, { 'Sec-Fetch-Site': 'same-origin' }],
      [{ _page: '//evil.example/quan-ly/x' }, { 'Sec-Fetch-Site': 'same-origin' }],
    ];
    for (const [fields, headers] of cases) {
      const res = await postWithoutSession(fields, headers);
      expect(res.status, JSON.stringify(headers)).to.equal(403);
      expect(res.text).to.contain('Biểu mẫu đã hết hạn');
    }
    expect(await pendingCount()).to.equal(0);
  });

  it('keeps a review comment typed on the entry page', async () => {
    const cadre = request.agent(app);
    await signIn(cadre, 'cadre');
    const form = await cadre.get('/quan-ly/mo-hinh/moi');
    const full = {
      fieldCode: 'kinh-te',
      startedYear: '2022',
      summary: SUMMARY,
      situation: 'Đường tối.',
      goals: 'Có đèn.',
      beneficiaries: 'Sáu mươi hộ.',
      activities: 'Họp dân, góp tiền.',
      leadBodies: 'Chi bộ xóm Núi',
      results: '40 bóng đèn.',
      sustainability: 'Tổ tự quản.',
      holderName: 'Nhân dân xóm Núi',
    };
    const sent = await cadre
      .post('/quan-ly/mo-hinh')
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        type: 'collective',
        title: 'Mô hình khác để thẩm định',
        ...full,
        intent: 'submit',
        checkedSimilar: '1',
      });
    expect(sent.status).to.equal(303);
    const id = Number(/(\d+)$/.exec(sent.headers.location)![1]);
    const res = await request(app)
      .post(`/quan-ly/mo-hinh/${id}/thao-tac`)
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ _csrf: 'old', _page: `/quan-ly/mo-hinh/${id}`, action: 'return', version: 2, comment: 'Bổ sung số hộ.' });
    expect(res.status).to.equal(303);
    const reviewer = request.agent(app);
    const signed = await signIn(reviewer, 'reviewer', kept(res.headers.location), `/quan-ly/mo-hinh/${id}`);
    const page = await reviewer.get(signed.headers.location);
    expect(page.text).to.contain('hãy kiểm tra và bấm nút thao tác lần nữa').and.contain('>Bổ sung số hộ.</textarea>');
    expect((await rows<{ status: string }>(sql`select status from models where id = ${id}`))[0].status).to.equal(
      'submitted',
    );
  });
});
