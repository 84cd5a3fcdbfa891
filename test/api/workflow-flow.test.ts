import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { users } from '../../src/db/schema.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import { findUserById } from '../../src/accounts/users.js';
import { applyTransition } from '../../src/submissions/transitions.js';
import { inTransaction } from '../../src/db/transaction.js';
import { Conflict } from '../../src/http/errors.js';
import { freshDatabase } from '../helpers/db.js';
import { insertModel } from '../helpers/fixtures.js';
import { testApp } from '../helpers/app.js';

const PASSWORD = 'mat-khau-dung-10';
const csrfFrom = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

const FORM = {
  type: 'collective',
  title: 'Thôn Làng Chùa hiến đất mở rộng đường liên xóm',
  fieldCode: 'kinh-te',
  startedYear: '2024',
  movementCodes: 'dan-van-kheo',
  summary: '42 hộ hiến 1.600 m² đất để mở rộng 1,2 km đường liên xóm.',
  situation: 'Đường nhỏ, xe cứu thương không vào được.',
  goals: 'Mở rộng đường lên 5 m.',
  beneficiaries: '180 hộ của thôn.',
  activities: 'Chi bộ họp dân, đảng viên hiến đất trước.',
  leadBodies: 'Chi bộ thôn Làng Chùa',
  partnerBodies: '',
  resourcesMoneyMillion: '350',
  resourcesWorkDays: '900',
  resourcesNonState: 'Nhân dân góp 120 triệu đồng.',
  results: '1,2 km đường rộng 5 m, 42 hộ hiến 1.600 m² đất.',
  sustainability: 'Tổ tự quản duy tu hằng năm.',
  holderName: 'Nhân dân thôn Làng Chùa',
  holderRole: 'Tập thể',
  contactName: 'Trưởng thôn',
  contactPhone: '0900 123 456',
  contactEmail: '',
  indicatorName: 'Đất hiến',
  indicatorValue: '1600',
  indicatorUnit: 'm²',
};

describe('the vetting workflow through the pages', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  let ids: Record<string, number>;
  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
    const passwordHash = await hashPassword(PASSWORD);
    const [commune] = await queryRows<{ code: string }>(
      database.db,
      sql`select code from communes where province_code = '19' order by code limit 1`,
    );
    const rows = await database.db
      .insert(users)
      .values([
        {
          username: 'xa',
          displayName: 'Cán bộ xã',
          role: 'commune_cadre',
          provinceCode: '19',
          communeCode: commune.code,
          passwordHash,
        },
        {
          username: 'tinh',
          displayName: 'Thẩm định Thái Nguyên',
          role: 'province_reviewer',
          provinceCode: '19',
          passwordHash,
        },
        {
          username: 'tinh2',
          displayName: 'Thẩm định Thái Nguyên 2',
          role: 'province_reviewer',
          provinceCode: '19',
          passwordHash,
        },
        {
          username: 'hatinh',
          displayName: 'Thẩm định Hà Tĩnh',
          role: 'province_reviewer',
          provinceCode: '42',
          passwordHash,
        },
      ])
      .returning();
    ids = Object.fromEntries(rows.map((u) => [u.username, u.id]));
  });
  after(async () => {
    await database.close();
  });

  async function login(username: string) {
    const agent = request.agent(app);
    const _csrf = csrfFrom((await agent.get('/login')).text);
    const res = await agent.post('/login').type('form').send({ _csrf, username, password: PASSWORD });
    expect(res.status).to.equal(303);
    return agent;
  }
  async function tokenOf(agent: ReturnType<typeof request.agent>, url: string) {
    return csrfFrom((await agent.get(url)).text);
  }
  const status = async (id: number) =>
    (
      await queryRows<{ status: string; version: number }>(
        database.db,
        sql`select status, version from models where id = ${id}`,
      )
    )[0];

  let modelId: number;

  it('keeps what the cadre typed and explains each error when the form is incomplete', async () => {
    const cadre = await login('xa');
    const _csrf = await tokenOf(cadre, '/quan-ly/mo-hinh/moi');
    const res = await cadre
      .post('/quan-ly/mo-hinh')
      .type('form')
      .send({ ...FORM, _csrf, summary: '', startedYear: '20x4', intent: 'submit' });
    expect(res.status).to.equal(400);
    expect(res.text)
      .to.contain('Cần nhập “Tóm tắt” trước khi gửi thẩm định.')
      .and.contain('Năm bắt đầu là số')
      .and.contain(FORM.title)
      .and.contain('Chi bộ họp dân');
    const [{ n }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from models`);
    expect(n).to.equal(0);
  });

  it('lets a cadre register and submit; the reviewers of the province are notified', async () => {
    const cadre = await login('xa');
    const _csrf = await tokenOf(cadre, '/quan-ly/mo-hinh/moi');
    const res = await cadre
      .post('/quan-ly/mo-hinh')
      .type('form')
      .send({ ...FORM, _csrf, intent: 'submit' });
    expect(res.status).to.equal(303);
    modelId = Number(/\/quan-ly\/mo-hinh\/(\d+)$/.exec(res.headers.location)![1]);
    expect(await status(modelId)).to.deep.equal({ status: 'submitted', version: 2 });
    const notes = await queryRows<{ user_id: number }>(
      database.db,
      sql`select user_id from notifications where model_id = ${modelId} order by user_id`,
    );
    expect(notes.map((n) => n.user_id)).to.deep.equal([ids.tinh, ids.tinh2]);
    expect((await request(app).get(`/api/v1/models/${modelId}`)).status).to.equal(404);
  });

  it('shows a similar title in the province before sending a duplicate for review', async () => {
    const cadre = await login('xa');
    const _csrf = await tokenOf(cadre, '/quan-ly/mo-hinh/moi');
    const res = await cadre
      .post('/quan-ly/mo-hinh')
      .type('form')
      .send({ ...FORM, _csrf, title: 'Thon Lang Chua hien dat mo rong duong lien xom', intent: 'submit' });
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('Có thể trùng').and.contain(FORM.title).and.contain('name="checkedSimilar" value="1"');
  });

  it('refuses a return without a comment, then returns with one; the cadre sees it', async () => {
    const reviewer = await login('tinh');
    let _csrf = await tokenOf(reviewer, `/quan-ly/mo-hinh/${modelId}`);
    const bad = await reviewer
      .post(`/quan-ly/mo-hinh/${modelId}/thao-tac`)
      .type('form')
      .send({ _csrf, action: 'return', version: 2, comment: ' ' });
    expect(bad.status).to.equal(400);
    expect(bad.text).to.contain('Cần nhập ý kiến khi trả lại');
    expect(await status(modelId)).to.deep.equal({ status: 'submitted', version: 2 });
    _csrf = await tokenOf(reviewer, `/quan-ly/mo-hinh/${modelId}`);
    const ok = await reviewer
      .post(`/quan-ly/mo-hinh/${modelId}/thao-tac`)
      .type('form')
      .send({ _csrf, action: 'return', version: 2, comment: 'Bổ sung số km đường đã làm.' });
    expect(ok.status).to.equal(303);
    const cadre = await login('xa');
    const dash = await cadre.get('/dashboard');
    expect(dash.text).to.contain('Bổ sung số km đường đã làm.');
    expect(dash.text).to.match(/class="badge">1<span class="visually-hidden"> chưa đọc/);
    const inbox = await cadre.get('/thong-bao');
    expect(inbox.text).to.contain('được trả lại để bổ sung').and.contain('Bổ sung số km đường đã làm.');
    const read = await cadre
      .post('/thong-bao/da-doc')
      .type('form')
      .send({ _csrf: csrfFrom(inbox.text) });
    expect(read.status).to.equal(303);
    expect((await cadre.get('/dashboard')).text).not.to.contain('class="badge"');
  });

  it('gives the reviewer a filtered queue with counts by status', async () => {
    const reviewer = await login('tinh');
    const returned = await reviewer.get('/dashboard?status=returned');
    expect(returned.text)
      .to.contain(FORM.title)
      .and.match(/Trả lại để bổ sung \(1\)/);
    const submitted = await reviewer.get('/dashboard?status=submitted');
    expect(submitted.text).not.to.contain(`>${FORM.title}<`);
    expect(submitted.text).to.contain('Không có mô hình nào khớp bộ lọc');
  });

  it("names the province's reviewing body, which the central admin keeps as data", async () => {
    await database.db.insert(users).values({
      username: 'tw',
      displayName: 'Trung ương',
      role: 'central_admin',
      passwordHash: await hashPassword(PASSWORD),
    });
    const central = await login('tw');
    const _csrf = await tokenOf(central, '/quan-ly/co-quan-tham-dinh');
    const short = await central
      .post('/quan-ly/co-quan-tham-dinh/19')
      .type('form')
      .send({ _csrf, reviewingBodyName: 'Ban' });
    expect(short.status).to.equal(400);
    expect(short.text).to.contain('Tên cơ quan thẩm định dài từ 5 đến 200 ký tự.').and.contain('value="Ban"');
    const ok = await central
      .post('/quan-ly/co-quan-tham-dinh/19')
      .type('form')
      .send({ _csrf, reviewingBodyName: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Thái Nguyên' });
    expect(ok.status).to.equal(303);
    const page = await (await login('tinh')).get(`/quan-ly/mo-hinh/${modelId}`);
    expect(page.text).to.contain('Cơ quan thẩm định: Ban Tuyên giáo và Dân vận Tỉnh ủy Thái Nguyên');
  });

  it('keeps another province out of the entry', async () => {
    const other = await login('hatinh');
    expect((await other.get(`/quan-ly/mo-hinh/${modelId}`)).status).to.equal(404);
    const _csrf = await tokenOf(other, '/dashboard');
    const res = await other
      .post(`/quan-ly/mo-hinh/${modelId}/thao-tac`)
      .type('form')
      .send({ _csrf, action: 'approve', version: 3, year: 2025, level: 'province', grade: 'tot' });
    expect(res.status).to.equal(403);
    expect(await status(modelId)).to.deep.equal({ status: 'returned', version: 3 });
  });

  it('lets the cadre edit and resubmit, with the edit in the history', async () => {
    const cadre = await login('xa');
    const _csrf = await tokenOf(cadre, `/quan-ly/mo-hinh/${modelId}/sua`);
    const res = await cadre
      .post(`/quan-ly/mo-hinh/${modelId}/sua`)
      .type('form')
      .send({ ...FORM, _csrf, version: 3, results: 'Đã làm 1,2 km đường rộng 5 m.', intent: 'submit' });
    expect(res.status).to.equal(303);
    expect(await status(modelId)).to.deep.equal({ status: 'submitted', version: 5 });
    const page = await cadre.get(`/quan-ly/mo-hinh/${modelId}`);
    expect(page.text).to.contain('Đã sửa: Kết quả kiểm chứng được');
    expect(page.text).not.to.contain('Đã sửa: results');
  });

  it('lets exactly one of two reviewers acting at once win', async () => {
    const [a, b] = await Promise.all([ids.tinh, ids.tinh2].map((id) => findUserById(database.db, id)));
    const results = await Promise.allSettled([
      inTransaction(database.db, (tx) =>
        applyTransition(tx, a!, modelId, 5, 'approve', {
          recognition: { year: 2025, level: 'province', grade: 'tot' },
        }),
      ),
      inTransaction(database.db, (tx) =>
        applyTransition(tx, b!, modelId, 5, 'reject', { comment: 'Chưa đủ minh chứng.' }),
      ),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(won).to.have.length(1);
    expect(lost[0].reason).to.be.instanceOf(Conflict);
    expect(lost[0].reason.message).to.contain('Mô hình này vừa được người khác thay đổi');
    const history = await queryRows<{ to_status: string; version: number }>(
      database.db,
      sql`select to_status, version from status_history where model_id = ${modelId} order by id`,
    );
    expect(history.filter((h) => h.version === 6)).to.have.length(1);
    const final = await status(modelId);
    expect(final.version).to.equal(6);
    if (final.status === 'approved') {
      const api = await request(app).get(`/api/v1/models/${modelId}`);
      expect(api.status).to.equal(200);
      expect(api.body.year).to.equal(2025);
      expect(JSON.stringify(api.body)).not.to.contain('0900 123 456');
    }
  });

  it('recognises an approved model again in a later year, keeping its first year', async () => {
    const [commune] = await queryRows<{ code: string }>(
      database.db,
      sql`select code from communes where province_code = '19' order by code limit 1`,
    );
    const { id } = await insertModel(database, {
      title: 'Mô hình được công nhận lại',
      provinceCode: '19',
      communeCode: commune.code,
      year: 2023,
    });
    const reviewer = await findUserById(database.db, ids.tinh);
    const result = await inTransaction(database.db, (tx) =>
      applyTransition(tx, reviewer!, id, 1, 'recognise', {
        recognition: { year: 2025, level: 'province', grade: 'kha' },
      }),
    );
    expect(result).to.deep.equal({ status: 'approved', version: 2 });
    const api = await request(app).get(`/api/v1/models/${id}`);
    expect(api.body.year).to.equal(2023);
    expect(api.body.recognitions.map((r: { year: number; grade: string }) => `${r.year} ${r.grade}`)).to.deep.equal([
      '2023 tot',
      '2025 kha',
    ]);
  });
});
