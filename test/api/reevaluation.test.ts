// The yearly re-evaluation: a batch with a concurrent edit of one of its models, kept and dropped models
// (recognitions, withdrawal, evaluations and history rows, the public catalogue), and the one-model page.
import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import type express from 'express';
import { queryRows, type Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';
import { signInPeople, tokenOf, type People } from '../helpers/people.js';
import { flashOf, formBody, unescape, versionsOn, type Agent } from '../helpers/reevaluation.js';

const YEAR = new Date().getFullYear();

describe('yearly re-evaluation', function () {
  this.timeout(120000);
  let database: Database;
  let app: express.Express;
  let people: People;
  const ids: Record<string, number> = {};

  const post = async (agent: Agent, url: string, body: string) =>
    agent
      .post(url)
      .type('form')
      .send(`${body}&_csrf=${encodeURIComponent(await tokenOf(agent))}`);
  const rows = (q: ReturnType<typeof sql>) => queryRows<Record<string, unknown>>(database.db, q);

  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
    people = await signInPeople(database, app);
    for (const [key, title, year] of [
      ['a', 'Mô hình An toàn giao thông', 2023],
      ['b', 'Mô hình Bếp ăn tình thương', 2024],
      ['c', 'Mô hình Chợ an toàn', 2024],
      ['drop', 'Mô hình Đường hoa thôn xóm', 2022],
      ['first', 'Mô hình Phố đi bộ', YEAR],
      ['one', 'Mô hình Quỹ khuyến học', 2024],
    ] as const) {
      ids[key] = (await insertModel(database, { title, year, communeCode: people.commune })).id;
    }
    ids.other = (await insertModel(database, { title: 'Mô hình của Hà Tĩnh', provinceCode: '42', year: 2024 })).id;
  });
  after(async () => {
    await database.close();
  });

  it('applies a batch with a concurrent edit of one of its models to the others only, naming that one', async () => {
    const reviewer = people.agents.reviewer;
    const page = await reviewer.get(`/quan-ly/danh-gia-lai?nam=${YEAR}`);
    expect(page.status).to.equal(200);
    const versions = versionsOn(page.text);
    for (const k of ['a', 'b', 'c']) expect(versions.has(ids[k]), k).to.equal(true);
    expect(page.text).to.include('Công nhận: 2024 (tốt)');

    // Meanwhile the province admin recognises B again for last year, through its entry page.
    const meanwhile = await post(
      people.agents.provinceAdmin,
      `/quan-ly/mo-hinh/${ids.b}/thao-tac`,
      new URLSearchParams({
        action: 'recognise',
        version: versions.get(ids.b)!,
        year: String(YEAR - 1),
        level: 'province',
        grade: 'kha',
      }).toString(),
    );
    expect(meanwhile.status, meanwhile.text.slice(0, 300)).to.equal(303);

    const res = await post(
      reviewer,
      `/quan-ly/danh-gia-lai?nam=${YEAR}`,
      formBody(
        { decision: 'effective', level: 'province', grade: 'tot', decisionNumber: '15/QĐ-UBND' },
        [ids.a, ids.b, ids.c],
        versions,
      ),
    );
    expect(res.status, res.text.slice(0, 500)).to.equal(303);
    const shown = flashOf((await reviewer.get(res.headers.location)).text);
    expect(shown).to.include('Đã ghi nhận 2 mô hình còn hiệu quả');
    expect(shown).to.include(
      'Không áp dụng cho 1 mô hình vì đã có người sửa trong lúc bạn đánh giá: “Mô hình Bếp ăn tình thương”. Hãy tải lại trang và đánh giá lại.',
    );

    for (const k of ['a', 'c']) {
      const [rec] = await rows(
        sql`select grade, decision_number from recognitions where model_id = ${ids[k]} and year = ${YEAR}`,
      );
      expect(rec, k).to.deep.include({ grade: 'tot', decision_number: '15/QĐ-UBND' });
      const [ev] = await rows(sql`select decision, province_code, commune_code, field_code from evaluations
        where model_id = ${ids[k]} and year = ${YEAR}`);
      expect(ev, k).to.deep.equal({
        decision: 'effective',
        province_code: '19',
        commune_code: people.commune,
        field_code: 'kinh-te',
      });
      const [h] = await rows(sql`select action, from_status, to_status from status_history
        where model_id = ${ids[k]} order by id desc limit 1`);
      expect(h, k).to.deep.equal({ action: 'recognise', from_status: 'approved', to_status: 'approved' });
      // Still in the public catalogue, with the new year in its history line.
      const pub = await request(app).get(`/api/v1/models/${ids[k]}`);
      expect(pub.status, k).to.equal(200);
    }
    // B is left exactly as the province admin left it.
    expect(await rows(sql`select 1 from recognitions where model_id = ${ids.b} and year = ${YEAR}`)).to.have.length(0);
    expect(await rows(sql`select 1 from evaluations where model_id = ${ids.b}`)).to.have.length(0);
    const [b] = await rows(sql`select status, version from models where id = ${ids.b}`);
    expect(b).to.deep.equal({ status: 'approved', version: Number(versions.get(ids.b)) + 1 });

    // Decided models are shown as such and offer no box any more; B can be decided after a reload.
    const again = await reviewer.get(`/quan-ly/danh-gia-lai?nam=${YEAR}`);
    const after = versionsOn(again.text);
    expect(after.has(ids.a)).to.equal(false);
    expect(after.get(ids.b)).to.equal(String(Number(versions.get(ids.b)) + 1));
    expect(unescape(again.text)).to.include(`Còn hiệu quả — công nhận lại năm ${YEAR} (tốt)`);
  });

  it('withdraws a dropped model from the public catalogue and keeps why in its history and on the page', async () => {
    const reviewer = people.agents.reviewer;
    const versions = versionsOn((await reviewer.get(`/quan-ly/danh-gia-lai?nam=${YEAR}`)).text);
    const reason = 'Thôn đã sáp nhập, mô hình không còn duy trì.';
    const res = await post(
      reviewer,
      `/quan-ly/danh-gia-lai?nam=${YEAR}`,
      formBody({ decision: 'ineffective', reason }, [ids.drop], versions),
    );
    expect(res.status, res.text.slice(0, 500)).to.equal(303);
    expect(flashOf((await reviewer.get(res.headers.location)).text)).to.include(
      'Đã ghi nhận 1 mô hình không còn hiệu quả',
    );
    const [m] = await rows(sql`select status from models where id = ${ids.drop}`);
    expect(m.status).to.equal('withdrawn');
    const [h] = await rows(
      sql`select action, comment from status_history where model_id = ${ids.drop} order by id desc limit 1`,
    );
    expect(h).to.deep.equal({ action: 'withdraw', comment: reason });
    const [ev] = await rows(sql`select decision, reason, province_code from evaluations where model_id = ${ids.drop}`);
    expect(ev).to.deep.equal({ decision: 'ineffective', reason, province_code: '19' });
    expect((await request(app).get(`/api/v1/models/${ids.drop}`)).status).to.equal(404);
    const search = await request(app).get('/api/v1/models').query({ q: 'Đường hoa thôn xóm' });
    expect(search.body.total).to.equal(0);
    // Still findable on the year's page, under "đã đánh giá", with its reason.
    const decided = await reviewer.get(`/quan-ly/danh-gia-lai?nam=${YEAR}&xem=da-danh-gia`);
    expect(unescape(decided.text)).to.include('Mô hình Đường hoa thôn xóm');
    expect(unescape(decided.text)).to.include(`Không còn hiệu quả: ${reason}`);
    expect(unescape(decided.text)).not.to.include('Mô hình Quỹ khuyến học');
    // The counts at the top of the page.
    expect(decided.text).to.match(/Không còn hiệu quả \(thu hồi khi đánh giá lại\): <strong>1<\/strong>/);
    expect(decided.text).to.match(/Công nhận lại: <strong>2<\/strong>/);
    expect(decided.text).to.match(/Công nhận lần đầu: <strong>1<\/strong>/);
  });

  it('shows a model first recognised this year as needing no re-evaluation, and refuses to decide it', async () => {
    const reviewer = people.agents.reviewer;
    const page = await reviewer.get(`/quan-ly/danh-gia-lai?nam=${YEAR}`);
    expect(versionsOn(page.text).has(ids.first)).to.equal(false);
    expect(unescape(page.text)).to.include(`Công nhận lần đầu năm ${YEAR} — chưa cần đánh giá lại`);
    const res = await post(
      reviewer,
      `/quan-ly/danh-gia-lai?nam=${YEAR}`,
      formBody({ decision: 'ineffective', reason: 'Thử.' }, [ids.first], new Map([[ids.first, '1']])),
    );
    expect(res.status).to.equal(303);
    expect(flashOf((await reviewer.get(res.headers.location)).text)).to.include('Bỏ qua 1 mô hình');
    expect((await rows(sql`select status from models where id = ${ids.first}`))[0].status).to.equal('approved');
    expect(await rows(sql`select 1 from evaluations where model_id = ${ids.first}`)).to.have.length(0);
  });

  it('decides one model on its own page, without a script, once', async () => {
    const admin = people.agents.centralAdmin;
    const page = await admin.get(`/quan-ly/danh-gia-lai/${ids.one}?nam=${YEAR}`);
    expect(page.status).to.equal(200);
    const version = /name="version" value="(\d+)"/.exec(page.text)![1];
    const res = await post(
      admin,
      `/quan-ly/danh-gia-lai/${ids.one}?nam=${YEAR}`,
      new URLSearchParams({ decision: 'effective', level: 'central', grade: 'kha', version }).toString(),
    );
    expect(res.status, res.text.slice(0, 500)).to.equal(303);
    expect(res.headers.location).to.equal(`/quan-ly/danh-gia-lai?nam=${YEAR}&tinh=19`);
    const [rec] = await rows(sql`select level, grade from recognitions where model_id = ${ids.one} and year = ${YEAR}`);
    expect(rec).to.deep.equal({ level: 'central', grade: 'kha' });
    const second = await post(
      admin,
      `/quan-ly/danh-gia-lai/${ids.one}?nam=${YEAR}`,
      new URLSearchParams({
        decision: 'ineffective',
        reason: 'Lần hai.',
        version: String(Number(version) + 1),
      }).toString(),
    );
    expect(second.status).to.equal(303);
    expect((await rows(sql`select status from models where id = ${ids.one}`))[0].status).to.equal('approved');
    const shown = await admin.get(`/quan-ly/danh-gia-lai/${ids.one}?nam=${YEAR}`);
    expect(unescape(shown.text)).to.include(`Còn hiệu quả — công nhận lại năm ${YEAR} (khá)`);
  });

  it('lets the centre pick the province, and lists an earlier year', async () => {
    const admin = people.agents.centralAdmin;
    const none = await admin.get('/quan-ly/danh-gia-lai');
    expect(none.status).to.equal(200);
    expect(none.text).to.include('Hãy chọn tỉnh, thành phố cần đánh giá lại.');
    const ht = await admin.get(`/quan-ly/danh-gia-lai?nam=${YEAR}&tinh=42`);
    expect(unescape(ht.text)).to.include('Mô hình của Hà Tĩnh');
    expect(unescape(ht.text)).not.to.include('Mô hình Chợ an toàn');
    // In 2023 A, first recognised then, needs nothing; what came later is not listed, nor what was dropped since.
    const past = unescape((await admin.get('/quan-ly/danh-gia-lai?nam=2023&tinh=19')).text);
    expect(past).to.include('Mô hình An toàn giao thông');
    expect(past).not.to.include('Mô hình Đường hoa thôn xóm');
    expect(past).to.include('Công nhận lần đầu năm 2023 — chưa cần đánh giá lại');
    expect(past).not.to.include('Mô hình Chợ an toàn');
    // The filters: by last year recognised, and by field.
    const last = unescape((await admin.get(`/quan-ly/danh-gia-lai?nam=${YEAR}&tinh=19&nam-cong-nhan-cuoi=2023`)).text);
    expect(last).to.include('Mô hình An toàn giao thông');
    expect(last).not.to.include('Mô hình Chợ an toàn');
    const field = unescape((await admin.get(`/quan-ly/danh-gia-lai?nam=${YEAR}&tinh=19&linh-vuc=xay-dung-dang`)).text);
    expect(field).to.include('Không có mô hình nào');
  });

  it('links the page from the dashboard for those who may use it', async () => {
    expect((await people.agents.reviewer.get('/dashboard')).text).to.include('href="/quan-ly/danh-gia-lai"');
    expect((await people.agents.cadre.get('/dashboard')).text).not.to.include('href="/quan-ly/danh-gia-lai"');
  });
});
