import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { REQUIRED_FOR_SUBMISSION } from '../../src/submissions/completeness.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { csrfFrom, signInPeople, type People } from '../helpers/people.js';

// Everything but the type and title, which a draft needs.
const REST = {
  fieldCode: 'kinh-te',
  startedYear: '2023',
  summary: 'Các hộ góp tiền lắp đèn đường.',
  situation: 'Đường tối, người đi làm về khuya không an toàn.',
  goals: 'Mọi ngõ xóm có đèn.',
  beneficiaries: '38 hộ xóm Đồi Chè.',
  activities: 'Chi bộ họp bàn, các hộ tự nguyện góp tiền và ngày công.',
  leadBodies: 'Chi bộ xóm Đồi Chè',
  results: '64 bóng đèn trên 2,6 km đường.',
  sustainability: 'Tổ tự quản thu phí điện hằng tháng.',
  holderName: 'Nhân dân xóm Đồi Chè',
};

describe('a draft saved early, completed before it is sent for review', () => {
  let database: Database;
  let people: People;
  let draftId: number;
  const TITLE = 'Thắp sáng đường quê xóm Đồi Chè';

  before(async () => {
    database = await freshDatabase();
    people = await signInPeople(database, testApp(database));
  });
  after(async () => {
    await database.close();
  });

  const cadre = () => people.agents.cadre;
  const token = async (url: string) => csrfFrom((await cadre().get(url)).text);
  const row = async (id: number) =>
    (
      await queryRows<Record<string, unknown>>(
        database.db,
        sql`select status, version, field_code, started_year, summary, holder_name from models where id = ${id}`,
      )
    )[0];
  const count = async (table: string) =>
    (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0].n;

  it('marks on the form, beside its label, every field that submitting asks for', async () => {
    const html = (await cadre().get('/quan-ly/mo-hinh/moi')).text;
    expect(html.split('(bắt buộc khi gửi thẩm định)').length - 1).to.equal(REQUIRED_FOR_SUBMISSION.length);
    expect(html).to.match(
      /<label for="summary">Tóm tắt[^<]*<span class="required-note">\(bắt buộc khi gửi thẩm định\)/,
    );
    expect(html).to.match(/<label for="title">Tên mô hình <span class="required-note">\(bắt buộc\)/);
  });

  it('refuses to send a new entry that lacks fields, naming each of them, and saves nothing', async () => {
    const _csrf = await token('/quan-ly/mo-hinh/moi');
    const res = await cadre()
      .post('/quan-ly/mo-hinh')
      .type('form')
      .send({ _csrf, type: 'collective', title: TITLE, summary: 'Đã viết tóm tắt.', intent: 'submit' });
    expect(res.status).to.equal(400);
    for (const [key, label] of REQUIRED_FOR_SUBMISSION) {
      if (key === 'summary') continue;
      expect(res.text).to.contain(`<a href="#${key}">Cần nhập “${label}” trước khi gửi thẩm định.</a>`);
      expect(res.text).to.contain(`id="err-${key}"`);
    }
    expect(res.text).not.to.contain('Cần nhập “Tóm tắt”');
    expect(res.text).to.contain(`value="${TITLE}"`).and.contain('Đã viết tóm tắt.');
    expect(await count('models')).to.equal(0);
  });

  it('saves a draft with only its type and title, which then shows on the dashboard', async () => {
    const _csrf = await token('/quan-ly/mo-hinh/moi');
    const res = await cadre()
      .post('/quan-ly/mo-hinh')
      .type('form')
      .send({ _csrf, type: 'individual', title: TITLE, intent: 'draft' });
    expect(res.status).to.equal(303);
    draftId = Number(/\/quan-ly\/mo-hinh\/(\d+)$/.exec(res.headers.location)![1]);
    expect(await row(draftId)).to.deep.equal({
      status: 'draft',
      version: 1,
      field_code: null,
      started_year: null,
      summary: '',
      holder_name: '',
    });
    expect((await cadre().get('/dashboard')).text).to.contain(TITLE);
    const page = await cadre().get(`/quan-ly/mo-hinh/${draftId}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Còn thiếu trước khi gửi thẩm định').and.contain('Năm bắt đầu thực hiện');
    const edit = await cadre().get(`/quan-ly/mo-hinh/${draftId}/sua`);
    expect(edit.status).to.equal(200);
    expect(edit.text).to.contain(`value="${TITLE}"`).and.contain('name="startedYear" inputmode="numeric" value=""');
  });

  it('refuses "gửi thẩm định" on the entry page with the same list, changing nothing', async () => {
    const _csrf = await token(`/quan-ly/mo-hinh/${draftId}`);
    const res = await cadre()
      .post(`/quan-ly/mo-hinh/${draftId}/thao-tac`)
      .type('form')
      .send({ _csrf, action: 'submit', version: 1 });
    expect(res.status).to.equal(400);
    expect(res.text).to.contain(
      `Chưa gửi thẩm định được: còn thiếu ${REQUIRED_FOR_SUBMISSION.map(([, l]) => l).join(', ')}.`,
    );
    expect((await row(draftId)).status).to.equal('draft');
    const [{ n }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from status_history where model_id = ${draftId} and action = 'submit'`,
    );
    expect(n).to.equal(0);
  });

  it('keeps what was typed when an edit is sent incomplete, and writes none of it', async () => {
    const _csrf = await token(`/quan-ly/mo-hinh/${draftId}/sua`);
    const res = await cadre()
      .post(`/quan-ly/mo-hinh/${draftId}/sua`)
      .type('form')
      .send({ _csrf, version: 1, type: 'collective', title: TITLE, ...REST, results: ' ', intent: 'submit' });
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('Cần nhập “Kết quả kiểm chứng được” trước khi gửi thẩm định.');
    expect(res.text).to.contain(REST.activities).and.contain(REST.holderName);
    expect(await row(draftId)).to.include({ version: 1, summary: '', field_code: null });
  });

  it('saves and submits once the entry is complete', async () => {
    const _csrf = await token(`/quan-ly/mo-hinh/${draftId}/sua`);
    const res = await cadre()
      .post(`/quan-ly/mo-hinh/${draftId}/sua`)
      .type('form')
      .send({ _csrf, version: 1, type: 'collective', title: TITLE, ...REST, intent: 'submit' });
    expect(res.status).to.equal(303);
    expect(await row(draftId)).to.include({ status: 'submitted', field_code: 'kinh-te', started_year: 2023 });
  });

  it('lets the database itself refuse an incomplete entry outside the draft and returned states', async () => {
    const _csrf = await token('/quan-ly/mo-hinh/moi');
    const res = await cadre()
      .post('/quan-ly/mo-hinh')
      .type('form')
      .send({ _csrf, type: 'collective', title: 'Một bản nháp khác hẳn', intent: 'draft' });
    const id = Number(/(\d+)$/.exec(res.headers.location)![1]);
    let refused: unknown = null;
    try {
      await database.db.execute(sql`update models set status = 'submitted' where id = ${id}`);
    } catch (err) {
      refused = err;
    }
    expect(String((refused as { cause?: unknown })?.cause ?? refused)).to.contain('models_complete_check');
  });

  it('saves a draft whose title resembles an existing model, warning on its page', async () => {
    const _csrf = await token('/quan-ly/mo-hinh/moi');
    const res = await cadre()
      .post('/quan-ly/mo-hinh')
      .type('form')
      .send({ _csrf, type: 'collective', title: 'Thap sang duong que xom Doi Che', intent: 'draft' });
    expect(res.status).to.equal(303);
    const page = await cadre().get(res.headers.location);
    expect(page.text).to.contain('Có thể trùng').and.contain(TITLE);
  });
});
