import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { users } from '../../src/db/schema.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';

const PASSWORD = 'mat-khau-dung-10';
const csrfFrom = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
const valueOf = (html: string, id: string) => new RegExp(`id="${id}"[^>]*value="([^"]*)"`).exec(html)?.[1];

// Numbers typed the Vietnamese way: "." groups thousands, "," marks decimals.
const FORM = {
  type: 'collective',
  title: 'Tổ đoàn kết bê tông hóa đường thôn Khe Cốc',
  fieldCode: 'kinh-te',
  startedYear: '2023',
  movementCodes: 'dan-van-kheo',
  summary: 'Nhân dân góp công làm đường bê tông.',
  situation: 'Đường đất lầy lội mùa mưa.',
  goals: 'Bê tông hóa toàn bộ đường thôn.',
  beneficiaries: '96 hộ của thôn.',
  activities: 'Họp dân, phân công từng tổ.',
  leadBodies: 'Chi bộ thôn Khe Cốc',
  partnerBodies: '',
  resourcesMoneyMillion: '1.250',
  resourcesWorkDays: '2.600',
  resourcesNonState: 'Nhân dân góp ngày công.',
  results: 'Đường bê tông rộng 3,5 m.',
  sustainability: 'Tổ tự quản duy tu.',
  holderName: 'Nhân dân thôn Khe Cốc',
  holderRole: 'Tập thể',
  contactName: 'Trưởng thôn',
  contactPhone: '0900 222 333',
  contactEmail: '',
  indicatorName: ['Sân phơi bê tông', 'Đường bê tông'],
  indicatorValue: ['4.200', '2,8'],
  indicatorUnit: ['m²', 'km'],
};

describe('numbers and dates as Vietnamese people write them, through the pages', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  let modelId: number;
  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
    const passwordHash = await hashPassword(PASSWORD);
    const [commune] = await queryRows<{ code: string }>(
      database.db,
      sql`select code from communes where province_code = '19' order by code limit 1`,
    );
    await database.db.insert(users).values([
      {
        username: 'xa',
        displayName: 'Cán bộ xã',
        role: 'commune_cadre',
        provinceCode: '19',
        communeCode: commune.code,
        passwordHash,
      },
      { username: 'tinh', displayName: 'Thẩm định', role: 'province_reviewer', provinceCode: '19', passwordHash },
    ]);
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
  const stored = async (id: number) => {
    const [m] = await queryRows<{ money: string; days: number }>(
      database.db,
      sql`select resources_money_million::text as money, resources_work_days as days from models where id = ${id}`,
    );
    const indicators = await queryRows<{ value: string }>(
      database.db,
      sql`select value::text as value from model_indicators where model_id = ${id} order by position`,
    );
    return { money: Number(m.money), days: m.days, indicators: indicators.map((i) => Number(i.value)) };
  };

  it('shows hints with examples beside the number fields', async () => {
    const page = await (await login('xa')).get('/quan-ly/mo-hinh/moi');
    expect(page.text).to.contain('Ví dụ: 1.250').and.contain('ví dụ: 2.600').and.contain('4.200 (bốn nghìn hai trăm)');
    expect(page.text).to.match(/id="resourcesMoneyMillion"[^>]*aria-describedby="hint-resourcesMoneyMillion"/);
  });

  it('refuses "1.25" beside the field, keeping everything typed, and stores nothing', async () => {
    const cadre = await login('xa');
    const _csrf = csrfFrom((await cadre.get('/quan-ly/mo-hinh/moi')).text);
    const res = await cadre
      .post('/quan-ly/mo-hinh')
      .type('form')
      .send({ ...FORM, _csrf, resourcesMoneyMillion: '1.25', indicatorValue: ['4.200', '1,250'], intent: 'draft' });
    expect(res.status).to.equal(400);
    expect(res.text).to.match(
      /id="err-resourcesMoneyMillion">Số không hợp lệ: viết 1.250 \(một nghìn hai trăm năm mươi\) hoặc 2,8 \(hai phẩy tám\)./,
    );
    expect(res.text).to.contain(
      'id="err-indicators.1.value">Dấu phẩy đánh dấu phần thập phân; nếu ý là 1250, viết 1.250.',
    );
    expect(valueOf(res.text, 'resourcesMoneyMillion')).to.equal('1.25');
    expect(valueOf(res.text, 'resourcesWorkDays')).to.equal('2.600');
    expect(valueOf(res.text, 'ind-value-0')).to.equal('4.200');
    expect(valueOf(res.text, 'ind-value-1')).to.equal('1,250');
    expect(valueOf(res.text, 'title')).to.equal(FORM.title);
    const [{ n }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from models`);
    expect(n).to.equal(0);
  });

  it('refuses negative, fractional and out-of-range figures with a 400, never a 500', async () => {
    const cadre = await login('xa');
    const _csrf = csrfFrom((await cadre.get('/quan-ly/mo-hinh/moi')).text);
    const res = await cadre
      .post('/quan-ly/mo-hinh')
      .type('form')
      .send({
        ...FORM,
        _csrf,
        resourcesMoneyMillion: '-5',
        resourcesWorkDays: '2,5',
        indicatorValue: ['9.999.999.999.999', 'nhiều'],
        intent: 'draft',
      });
    expect(res.status).to.equal(400);
    expect(res.text)
      .to.contain('id="err-resourcesMoneyMillion">Không nhận số âm.')
      .and.contain('id="err-resourcesWorkDays">Cần một số nguyên')
      .and.contain('id="err-indicators.0.value">Số phải từ 0 đến 1.000.000.000.000.')
      .and.contain('id="err-indicators.1.value">Số không hợp lệ');
    const tooMuch = await cadre
      .post('/quan-ly/mo-hinh')
      .type('form')
      .send({ ...FORM, _csrf, resourcesMoneyMillion: '1.250.000', resourcesWorkDays: '26.000.000', intent: 'draft' });
    expect(tooMuch.status).to.equal(400);
    expect(tooMuch.text)
      .to.contain('id="err-resourcesMoneyMillion">Số phải từ 0 đến 1.000.000.')
      .and.contain('id="err-resourcesWorkDays">Số phải từ 0 đến 10.000.000.');
    const [{ n }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from models`);
    expect(n).to.equal(0);
  });

  it('stores the real numbers and shows them back formatted on the entry page and the edit form', async () => {
    const cadre = await login('xa');
    const _csrf = csrfFrom((await cadre.get('/quan-ly/mo-hinh/moi')).text);
    const res = await cadre
      .post('/quan-ly/mo-hinh')
      .type('form')
      .send({ ...FORM, _csrf, intent: 'submit' });
    expect(res.status).to.equal(303);
    modelId = Number(/\/quan-ly\/mo-hinh\/(\d+)$/.exec(res.headers.location)![1]);
    expect(await stored(modelId)).to.deep.equal({ money: 1250, days: 2600, indicators: [4200, 2.8] });
    const entry = await cadre.get(`/quan-ly/mo-hinh/${modelId}`);
    expect(entry.text)
      .to.contain('<dd data-field="resourcesMoneyMillion">1.250</dd>')
      .and.contain('<dd data-field="resourcesWorkDays">2.600</dd>');
    expect(entry.text).to.contain('<td class="num">4.200</td>').and.contain('<td class="num">2,8</td>');
    expect(entry.text).not.to.match(/1,25\b|4,2\b|>1250<|>4200</);
  });

  it('gives the edit form the stored numbers written the Vietnamese way', async () => {
    // Returned so that the cadre may edit it.
    const reviewer = await login('tinh');
    let _csrf = csrfFrom((await reviewer.get(`/quan-ly/mo-hinh/${modelId}`)).text);
    const back = await reviewer
      .post(`/quan-ly/mo-hinh/${modelId}/thao-tac`)
      .type('form')
      .send({ _csrf, action: 'return', version: 2, comment: 'Bổ sung ảnh.' });
    expect(back.status).to.equal(303);
    const cadre = await login('xa');
    const form = await cadre.get(`/quan-ly/mo-hinh/${modelId}/sua`);
    expect(valueOf(form.text, 'resourcesMoneyMillion')).to.equal('1.250');
    expect(valueOf(form.text, 'resourcesWorkDays')).to.equal('2.600');
    expect(valueOf(form.text, 'ind-value-0')).to.equal('4.200');
    expect(valueOf(form.text, 'ind-value-1')).to.equal('2,8');
    // Saving the form as shown changes no number.
    _csrf = csrfFrom(form.text);
    const saved = await cadre
      .post(`/quan-ly/mo-hinh/${modelId}/sua`)
      .type('form')
      .send({ ...FORM, _csrf, version: 3, resourcesMoneyMillion: '1.250,5', intent: 'submit' });
    expect(saved.status).to.equal(303);
    expect(await stored(modelId)).to.deep.equal({ money: 1250.5, days: 2600, indicators: [4200, 2.8] });
  });

  it('reads the decision date as day/month/year, refuses a bad one, and shows dd/mm/yyyy publicly', async () => {
    const reviewer = await login('tinh');
    const page = await reviewer.get(`/quan-ly/mo-hinh/${modelId}`);
    expect(page.text).to.contain('Ngày/tháng/năm, ví dụ: 02/12/2026.').and.not.contain('type="date"');
    let _csrf = csrfFrom(page.text);
    const approve = {
      action: 'approve',
      version: 5,
      year: 2025,
      level: 'province',
      grade: 'tot',
      decisionNumber: '12-QĐ/BDV',
    };
    const bad = await reviewer
      .post(`/quan-ly/mo-hinh/${modelId}/thao-tac`)
      .type('form')
      .send({ ...approve, _csrf, decisionDate: '31/02/2025' });
    expect(bad.status).to.equal(400);
    expect(bad.text).to.contain('Ngày quyết định không hợp lệ: viết ngày/tháng/năm, ví dụ 02/12/2026.');
    expect(bad.text).to.contain('value="31/02/2025"');
    _csrf = csrfFrom(bad.text);
    const ok = await reviewer
      .post(`/quan-ly/mo-hinh/${modelId}/thao-tac`)
      .type('form')
      .send({ ...approve, _csrf, decisionDate: '2/9/2025' });
    expect(ok.status).to.equal(303);
    const [rec] = await queryRows<{ d: string }>(
      database.db,
      sql`select decision_date::text as d from recognitions where model_id = ${modelId}`,
    );
    expect(rec.d).to.equal('2025-09-02');
    const [{ slug }] = await queryRows<{ slug: string }>(
      database.db,
      sql`select slug from models where id = ${modelId}`,
    );
    const pub = await request(app).get(`/mo-hinh/${slug}`);
    expect(pub.status).to.equal(200);
    expect(pub.text)
      .to.contain('Kinh phí: 1.250,5 triệu đồng')
      .and.contain('Ngày công: 2.600')
      .and.contain('<td class="num">4.200</td>')
      .and.contain('<td class="num">2,8</td>')
      .and.contain('ngày 02/09/2025');
    // The API keeps JSON numbers.
    const api = await request(app).get(`/api/v1/models/${modelId}`);
    expect(api.body.resources.moneyMillion).to.equal(1250.5);
    expect(api.body.resources.workDays).to.equal(2600);
    expect(api.body.indicators.map((i: { value: number }) => i.value)).to.deep.equal([4200, 2.8]);
  });
});
