// The yearly re-evaluation refuses: who may not use it, another province's models (also forged into a
// batch), a missing CSRF token, and every bad input, each with its Vietnamese message and nothing written.
import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import type express from 'express';
import { queryRows, type Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';
import { signInPeople, tokenOf, type People } from '../helpers/people.js';
import { formBody, unescape, versionsOn, type Agent } from '../helpers/reevaluation.js';

const YEAR = new Date().getFullYear();
const URL = `/quan-ly/danh-gia-lai?nam=${YEAR}`;

describe('yearly re-evaluation refusals', function () {
  this.timeout(120000);
  let database: Database;
  let app: express.Express;
  let people: People;
  let own: number;
  let own2: number;
  let other: number;

  const post = async (agent: Agent, url: string, body: string, csrf = true) =>
    agent
      .post(url)
      .type('form')
      .send(csrf ? `${body}&_csrf=${encodeURIComponent(await tokenOf(agent))}` : body);
  /** Everything a decision writes. */
  const written = async () =>
    JSON.stringify(
      await queryRows(
        database.db,
        sql`select (select count(*) from evaluations) as e, (select count(*) from recognitions) as r,
          (select count(*) from status_history) as h, (select string_agg(status || version, ',' order by id) from models) as m`,
      ),
    );

  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
    people = await signInPeople(database, app);
    own = (await insertModel(database, { title: 'Mô hình Thái Nguyên một', communeCode: people.commune })).id;
    own2 = (await insertModel(database, { title: 'Mô hình Thái Nguyên hai', communeCode: people.commune })).id;
    other = (await insertModel(database, { title: 'Mô hình Hà Tĩnh', provinceCode: '42' })).id;
  });
  after(async () => {
    await database.close();
  });

  it('refuses a commune cadre, and anyone signed out', async () => {
    const before = await written();
    const page = await people.agents.cadre.get(URL);
    expect(page.status).to.equal(403);
    expect(unescape(page.text)).to.include('Chỉ cán bộ thẩm định cấp tỉnh và quản trị viên');
    const res = await post(
      people.agents.cadre,
      URL,
      formBody({ decision: 'ineffective', reason: 'Thử.' }, [own], new Map([[own, '1']])),
    );
    expect(res.status).to.equal(403);
    const one = await people.agents.cadre.get(`/quan-ly/danh-gia-lai/${own}?nam=${YEAR}`);
    expect(one.status).to.equal(403);
    const anonymous = await people.agents.anonymous.get(URL);
    expect(anonymous.status).to.equal(303);
    expect(anonymous.headers.location).to.match(/^\/login/);
    expect(await written()).to.equal(before);
  });

  it('keeps a reviewer to their own province: no page, no model and no forged id of another', async () => {
    const before = await written();
    const reviewer = people.agents.reviewerOtherProvince;
    const page = await reviewer.get(`${URL}&tinh=19`);
    expect(page.status).to.equal(403);
    expect(unescape(page.text)).to.include('chỉ đánh giá lại mô hình của tỉnh, thành phố mình');
    // Its own page does not list the other province's models.
    const ownPage = await reviewer.get(URL);
    expect(ownPage.status).to.equal(200);
    expect(versionsOn(ownPage.text).has(own)).to.equal(false);
    expect(versionsOn(ownPage.text).has(other)).to.equal(true);
    expect((await reviewer.get(`/quan-ly/danh-gia-lai/${own}?nam=${YEAR}`)).status).to.equal(404);
    const single = await post(
      reviewer,
      `/quan-ly/danh-gia-lai/${own}?nam=${YEAR}`,
      new URLSearchParams({ decision: 'ineffective', reason: 'Giả mạo.', version: '1' }).toString(),
    );
    expect(single.status).to.equal(404);
    // A forged id among its own models refuses the whole batch.
    const forged = await post(
      reviewer,
      URL,
      formBody(
        { decision: 'ineffective', reason: 'Giả mạo.' },
        [other, own],
        new Map([
          [own, '1'],
          [other, '1'],
        ]),
      ),
    );
    expect(forged.status).to.equal(403);
    expect(unescape(forged.text)).to.include('không thuộc tỉnh, thành phố của tài khoản');
    // The province reviewer of 19 cannot forge 42's model into its batch either.
    const forged2 = await post(
      people.agents.reviewer,
      URL,
      formBody(
        { decision: 'effective', level: 'province', grade: 'tot' },
        [own, other],
        new Map([
          [own, '1'],
          [other, '1'],
        ]),
      ),
    );
    expect(forged2.status).to.equal(403);
    // The centre decides the province its page shows: a model of another one is refused there.
    const elsewhere = await post(
      people.agents.centralAdmin,
      `${URL}&tinh=42`,
      formBody({ decision: 'ineffective', reason: 'Nhầm tỉnh.' }, [own], new Map([[own, '1']])),
    );
    expect(elsewhere.status).to.equal(403);
    expect(unescape(elsewhere.text)).to.include('không thuộc tỉnh, thành phố đang đánh giá');
    const unknown = await post(
      people.agents.reviewer,
      URL,
      formBody({ decision: 'effective', level: 'province', grade: 'tot' }, [999999], new Map([[999999, '1']])),
    );
    expect(unknown.status).to.equal(404);
    expect(await written()).to.equal(before);
  });

  it('refuses a form without its CSRF token', async () => {
    const before = await written();
    const res = await post(
      people.agents.reviewer,
      URL,
      formBody({ decision: 'ineffective', reason: 'Thử.' }, [own], new Map([[own, '1']])),
      false,
    );
    expect(res.status).to.equal(403);
    expect(unescape(res.text)).to.include('mã bảo vệ');
    expect(await written()).to.equal(before);
  });

  it('refuses a year that is not a whole number from 2009 to this year', async () => {
    for (const nam of ['2008', String(YEAR + 1), 'abc', '2024.5', '20240']) {
      const res = await people.agents.reviewer.get(`/quan-ly/danh-gia-lai?nam=${encodeURIComponent(nam)}`);
      expect(res.status, nam).to.equal(400);
      expect(unescape(res.text), nam).to.include(`Năm đánh giá là số nguyên từ 2009 đến ${YEAR}`);
    }
    const before = await written();
    const res = await post(
      people.agents.reviewer,
      '/quan-ly/danh-gia-lai?nam=2008',
      formBody({ decision: 'ineffective', reason: 'Thử.' }, [own], new Map([[own, '1']])),
    );
    expect(res.status).to.equal(400);
    expect(await written()).to.equal(before);
    const province = await people.agents.centralAdmin.get(`${URL}&tinh=99`);
    expect(province.status).to.equal(400);
    expect(unescape(province.text)).to.include('Không có tỉnh, thành phố này');
  });

  it('refuses each bad decision with its message, keeping the selection and what was typed', async () => {
    const reviewer = people.agents.reviewer;
    const versions = versionsOn((await reviewer.get(URL)).text);
    const before = await written();
    const cases: [Record<string, string>, number[], string][] = [
      [{ decision: 'ineffective', reason: 'Lý do đã gõ.' }, [], 'Hãy chọn ít nhất một mô hình để đánh giá.'],
      [{ reason: 'Lý do đã gõ.' }, [own], 'Hãy chọn kết quả đánh giá'],
      [{ decision: 'ineffective', reason: '   ' }, [own, own2], 'Cần nhập lý do mô hình không còn hiệu quả'],
      [{ decision: 'ineffective', reason: 'x'.repeat(2001) }, [own], 'Lý do dài tối đa 2.000 ký tự.'],
      [{ decision: 'effective', level: 'huyen', grade: 'tot' }, [own], 'Chọn cấp công nhận'],
      [{ decision: 'effective', level: 'province', grade: 'xuat-sac' }, [own], 'Chọn loại công nhận'],
      [
        { decision: 'effective', level: 'province', grade: 'tot', decisionDate: '31/02/2026', decisionNumber: '7/QĐ' },
        [own2],
        'Ngày không hợp lệ',
      ],
      [
        { decision: 'effective', level: 'province', grade: 'tot', decisionDate: '01/01/2999' },
        [own],
        'không được sau ngày hôm nay',
      ],
      [
        { decision: 'effective', level: 'province', grade: 'tot', decisionNumber: 'x'.repeat(101) },
        [own],
        'Số quyết định dài tối đa',
      ],
    ];
    for (const [fields, ticked, message] of cases) {
      const res = await post(reviewer, URL, formBody(fields, ticked, versions));
      const text = unescape(res.text);
      expect(res.status, message).to.equal(400);
      expect(text, message).to.include(message);
      for (const id of ticked) expect(res.text, message).to.match(new RegExp(`value="${id}" checked`));
      if (fields.reason?.trim() && fields.reason.length < 100) expect(text, message).to.include(fields.reason);
      if (fields.decisionNumber === '7/QĐ') expect(text).to.include('value="7/QĐ"');
      if (fields.decision) expect(res.text).to.include(`value="${fields.decision}" checked`);
    }
    // A tick without its version is a page that cannot be trusted: reload.
    const broken = await post(reviewer, URL, `decision=effective&level=province&grade=tot&chon=${own}`);
    expect(broken.status).to.equal(400);
    expect(unescape(broken.text)).to.include('Hãy tải lại trang và chọn lại');
    expect(await written()).to.equal(before);
  });
});
