import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { users } from '../../src/db/schema.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import { refreshSearchDocuments } from '../../src/submissions/search-refresh.js';
import { foldedWords } from '../../src/text/fold.js';
import { freshDatabase } from '../helpers/db.js';
import { insertModel } from '../helpers/fixtures.js';
import { testApp } from '../helpers/app.js';

const PASSWORD = 'mat-khau-dung-10';
const csrfFrom = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
const NAME = 'Nguyễn Thị Kín Đáo';
// Every form of the name privacy.ts looks for, folded; the page must hold none of them as words.
const FORMS = ['nguyen thi kin dao', 'thi kin dao', 'kin dao', 'ba dao', 'chi dao', 'ong dao', 'd/c dao', 'dc dao'];

function namedIn(text: string): string[] {
  const words = ` ${foldedWords(text.replace(/đ\/c/giu, 'dc')).join(' ')} `;
  return FORMS.filter((f) => words.includes(` ${f.replace('/', '')} `));
}

describe('names of individuals without consent, end to end', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  let hidden: { id: number; slug: string };
  let shown: { id: number; slug: string };
  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
    hidden = await insertModel(database, {
      type: 'individual',
      title: 'Bà Kín Đáo giữ rừng đầu nguồn',
      summary: 'Bà Nguyễn Thị Kín Đáo (KIN  DAO) vận động 40 hộ giữ rừng; chị Đáo cùng Thị Kín Đáo.',
      results: 'Ông Đáo nói: nhờ đ/c Đáo, rừng được giữ.'.normalize('NFD'),
      holderName: NAME,
      holderRole: 'Tổ trưởng tổ bảo vệ rừng, bà Kín Đáo',
      publishConsent: false,
    });
    await database.db.execute(sql`update models set sustainability = 'Chị Kin Dao truyền nghề cho lớp trẻ.'
      where id = ${hidden.id}`);
    await database.db.execute(
      sql`update model_indicators set name = 'Số hộ bà Đáo vận động' where model_id = ${hidden.id}`,
    );
    shown = await insertModel(database, {
      type: 'individual',
      title: 'Ông Trần Văn Khiêm dạy chữ cho trẻ vùng cao',
      summary: 'Ông Khiêm mở lớp học tình thương.',
      holderName: 'Trần Văn Khiêm',
      holderRole: 'Cựu giáo viên',
      publishConsent: true,
    });
  });
  after(async () => {
    await database.close();
  });

  it('shows no form of the name on the public pages, the cards and the API', async () => {
    const pages = [
      `/mo-hinh/${hidden.slug}`,
      '/',
      '/mo-hinh',
      '/mo-hinh?type=individual',
      '/tinh/19',
      `/api/v1/models/${hidden.id}`,
      '/api/v1/models?type=individual',
    ];
    for (const path of pages) {
      const res = await request(app).get(path);
      expect(res.status, path).to.equal(200);
      expect(namedIn(res.text), path).to.deep.equal([]);
    }
    const page = (await request(app).get(`/mo-hinh/${hidden.slug}`)).text;
    expect(page).to.contain('Bà [tên được giữ kín] giữ rừng').and.contain('Số hộ bà [tên được giữ kín] vận động');
    const api = (await request(app).get(`/api/v1/models/${hidden.id}`)).body;
    expect(api.holder).to.equal('Tổ trưởng tổ bảo vệ rừng, bà [tên được giữ kín]');
    expect(api.story.sustainability).to.equal('Chị [tên được giữ kín] truyền nghề cho lớp trẻ.');
    expect(hidden.slug).not.to.match(/kin-dao|(^|-)dao(-|$)/);
  });

  it('finds nothing public when searching for the name, with or without diacritics, or by title', async () => {
    for (const q of [NAME, 'nguyen thi kin dao', 'Kín Đáo', 'KIN DAO', 'bà Đáo', 'chị Đáo', 'Đáo', 'giữ kín']) {
      const res = await request(app).get('/api/v1/models').query({ q });
      expect(res.body.total, q).to.equal(0);
      const page = await request(app).get('/mo-hinh').query({ q });
      expect(page.text, q).not.to.contain(hidden.slug);
    }
    expect((await request(app).get('/api/v1/models').query({ q: 'giu rung dau nguon' })).body.total).to.equal(1);
  });

  it('shows the name of an individual who consented, and finds it', async () => {
    const page = (await request(app).get(`/mo-hinh/${shown.slug}`)).text;
    expect(page).to.contain('Trần Văn Khiêm').and.contain('Ông Khiêm mở lớp');
    const res = await request(app).get('/api/v1/models').query({ q: 'tran van khiem' });
    expect(res.body.items.map((m: { id: number }) => m.id)).to.deep.equal([shown.id]);
  });

  it('rebuilds documents and slugs stored under the old rule once, at start-up', async () => {
    // What the old rule (the exact full name only) stored for this row.
    await database.db.execute(sql`update models set title_folded = 'ba kin dao giu rung dau nguon',
      search_folded = search_folded || ' chi dao kin dao', slug = 'ba-kin-dao-giu-rung-dau-nguon-901'
      where id = ${hidden.id}`);
    await database.db.execute(sql`delete from app_settings where key = 'search_documents'`);
    expect((await request(app).get('/api/v1/models').query({ q: 'kin dao' })).body.total).to.equal(1);
    expect(await refreshSearchDocuments(database.db)).to.equal(1);
    expect((await request(app).get('/api/v1/models').query({ q: 'kin dao' })).body.total).to.equal(0);
    const [row] = await queryRows<{ slug: string; title_folded: string }>(
      database.db,
      sql`select slug, title_folded from models where id = ${hidden.id}`,
    );
    expect(row.slug).to.equal(`ba-ten-duoc-giu-kin-giu-rung-dau-nguon-${hidden.id}`);
    expect(row.title_folded).to.equal('ba giu rung dau nguon');
    expect((await request(app).get(`/mo-hinh/${row.slug}`)).status).to.equal(200);
    // Recorded: the next start changes nothing, even a row that would differ.
    await database.db.execute(
      sql`update models set search_folded = search_folded || ' kin dao' where id = ${hidden.id}`,
    );
    expect(await refreshSearchDocuments(database.db)).to.equal(0);
  });
});

describe('the registration form and names without consent', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  const FORM = {
    type: 'individual',
    title: 'Gương giữ rừng đầu nguồn',
    fieldCode: 'kinh-te',
    startedYear: '2022',
    movementCodes: 'dan-van-kheo',
    summary: 'Tổ trưởng vận động 40 hộ; chị  Đáo đến từng nhà để bàn bạc.',
    situation: 'Rừng bị chặt phá.',
    goals: 'Giữ 100 ha rừng.',
    beneficiaries: '40 hộ của thôn.',
    activities: 'Họp dân, chia ca tuần tra.',
    leadBodies: 'Tổ bảo vệ rừng',
    results: 'Không còn vụ chặt phá nào.',
    sustainability: 'Tổ duy trì tuần tra.',
    holderName: NAME,
    holderRole: 'Tổ trưởng',
    indicatorName: 'Hộ do Kin Dao vận động',
    indicatorValue: '40',
    indicatorUnit: 'hộ',
  };
  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
    const [commune] = await queryRows<{ code: string }>(
      database.db,
      sql`select code from communes where province_code = '19' order by code limit 1`,
    );
    await database.db.insert(users).values({
      username: 'xa',
      displayName: 'Cán bộ xã',
      role: 'commune_cadre',
      provinceCode: '19',
      communeCode: commune.code,
      passwordHash: await hashPassword(PASSWORD),
    });
  });
  after(async () => {
    await database.close();
  });

  async function login() {
    const agent = request.agent(app);
    const _csrf = csrfFrom((await agent.get('/login')).text);
    await agent.post('/login').type('form').send({ _csrf, username: 'xa', password: PASSWORD }).expect(303);
    return agent;
  }
  const count = async () =>
    (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from models`))[0].n;

  it('refuses to submit, says which field and where, and keeps what was typed', async () => {
    const cadre = await login();
    const _csrf = csrfFrom((await cadre.get('/quan-ly/mo-hinh/moi')).text);
    const res = await cadre
      .post('/quan-ly/mo-hinh')
      .type('form')
      .send({ ...FORM, _csrf, intent: 'submit' });
    expect(res.status).to.equal(400);
    expect(res.text)
      .to.contain('id="err-summary"')
      .and.contain(
        'Có họ tên của cá nhân chưa đồng ý công bố: “…trưởng vận động 40 hộ; chị «Đáo» đến từng nhà để bàn bạc.”',
      )
      .and.contain('id="err-indicators.0.name"')
      .and.contain('“Hộ do «Kin Dao» vận động”')
      .and.contain('Biểu mẫu còn 2 chỗ cần sửa')
      .and.contain('chị  Đáo đến từng nhà')
      .and.contain('value="Hộ do Kin Dao vận động"');
    expect(await count()).to.equal(0);
  });

  it('keeps a draft with a warning on its page, and refuses to send it for review from there', async () => {
    const cadre = await login();
    const _csrf = csrfFrom((await cadre.get('/quan-ly/mo-hinh/moi')).text);
    const saved = await cadre
      .post('/quan-ly/mo-hinh')
      .type('form')
      .send({ ...FORM, _csrf, intent: 'draft' });
    expect(saved.status).to.equal(303);
    const entry = await cadre.get(saved.headers.location);
    expect(entry.text).to.contain('id="name-warning"').and.contain('Tóm tắt: “…trưởng vận động 40 hộ; chị «Đáo»');
    const id = Number(/(\d+)$/.exec(saved.headers.location)![1]);
    const submit = await cadre
      .post(`/quan-ly/mo-hinh/${id}/thao-tac`)
      .type('form')
      .send({ _csrf: csrfFrom(entry.text), action: 'submit', version: '1' });
    expect(submit.status).to.equal(400);
    expect(submit.text).to.contain('Chưa gửi thẩm định được').and.contain('Chỉ số 1: “Hộ do «Kin Dao» vận động”');
    const [row] = await queryRows<{ status: string }>(database.db, sql`select status from models where id = ${id}`);
    expect(row.status).to.equal('draft');

    // With the name replaced by the role, it goes.
    const form = (await cadre.get(`/quan-ly/mo-hinh/${id}/sua`)).text;
    const edited = await cadre
      .post(`/quan-ly/mo-hinh/${id}/sua`)
      .type('form')
      .send({
        ...FORM,
        summary: 'Tổ trưởng vận động 40 hộ; chị tổ trưởng đến từng nhà.',
        indicatorName: 'Hộ được vận động',
        _csrf: csrfFrom(form),
        version: '1',
        intent: 'submit',
      });
    expect(edited.status).to.equal(303);
    const [after] = await queryRows<{ status: string }>(database.db, sql`select status from models where id = ${id}`);
    expect(after.status).to.equal('submitted');
  });

  it('submits the same text when the individual consented', async () => {
    const cadre = await login();
    const _csrf = csrfFrom((await cadre.get('/quan-ly/mo-hinh/moi')).text);
    const res = await cadre
      .post('/quan-ly/mo-hinh')
      .type('form')
      .send({ ...FORM, _csrf, publishConsent: 'on', checkedSimilar: '1', intent: 'submit' });
    expect(res.status).to.equal(303);
  });
});
