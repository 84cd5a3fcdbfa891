// The reviewer's view of an entry: the whole record for everyone in scope, what a resubmission
// changed, the history in Vietnamese, the open return comment, and confirmed reject and withdraw.
import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { movements } from '../../src/db/schema.js';
import { ENTRY_SECTIONS } from '../../src/submissions/entry-fields.js';
import { freshDatabase } from '../helpers/db.js';
import { insertModel } from '../helpers/fixtures.js';
import { testApp } from '../helpers/app.js';
import { csrfFrom, signInPeople, tokenOf, upload, type People } from '../helpers/people.js';
import * as sample from '../helpers/sample-files.js';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c]!);

// Every field filled, with text that must be escaped.
const FORM = {
  type: 'individual',
  title: 'Bà Hoàng Thị Mai vận động hiến đất & làm đường',
  fieldCode: 'kinh-te',
  startedYear: '2021',
  movementCodes: 'nam-dan-van-chinh-quyen',
  summary: 'Vận động 42 hộ hiến đất <b>mở đường</b>.',
  situation: 'Đường liên xóm hẹp, xe cứu thương không vào được.',
  goals: 'Mở rộng đường lên 5 m trong hai năm.',
  beneficiaries: '180 hộ của thôn Làng Chùa.',
  activities: 'Họp dân từng xóm, đảng viên hiến đất trước.',
  leadBodies: 'Chi bộ thôn Làng Chùa',
  partnerBodies: 'Hội Nông dân, Đoàn Thanh niên',
  resourcesMoneyMillion: '350',
  resourcesWorkDays: '900',
  resourcesNonState: 'Nhân dân góp 120 triệu đồng và cây giống.',
  results: '1,2 km đường rộng 5 m.',
  sustainability: 'Tổ tự quản duy tu hằng năm.',
  holderName: 'Hoàng Thị Mai',
  holderRole: 'Chi hội trưởng Chi hội Phụ nữ',
  publishConsent: 'on',
  contactName: 'Nguyễn Văn Liên',
  contactPhone: '0900 123 456',
  contactEmail: 'lien@example.vn',
  indicatorName: ['Đất hiến', 'Hộ tham gia'],
  indicatorValue: ['1600', '42'],
  indicatorUnit: ['m²', 'hộ'],
  checkedSimilar: '1',
};

/** The text values the page must show for FORM, by field. */
const SHOWN: Record<string, string> = {
  type: 'Điển hình cá nhân',
  title: FORM.title,
  fieldCode: 'Kinh tế',
  summary: FORM.summary,
  situation: FORM.situation,
  goals: FORM.goals,
  beneficiaries: FORM.beneficiaries,
  activities: FORM.activities,
  results: FORM.results,
  startedYear: '2021',
  movementCodes: 'Phong trào thi đua “Dân vận khéo”; Năm dân vận chính quyền 2019',
  leadBodies: FORM.leadBodies,
  partnerBodies: FORM.partnerBodies,
  resourcesMoneyMillion: '350',
  resourcesWorkDays: '900',
  resourcesNonState: FORM.resourcesNonState,
  sustainability: FORM.sustainability,
  holderName: FORM.holderName,
  holderRole: FORM.holderRole,
  publishConsent: 'Có',
  contactName: FORM.contactName,
  contactPhone: FORM.contactPhone,
  contactEmail: FORM.contactEmail,
};

const section = (html: string, id: string) => {
  const start = html.indexOf(`aria-labelledby="${id}"`);
  expect(start, id).to.be.greaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
};
const fieldValue = (html: string, key: string) => {
  const m = new RegExp(`<dt>([^<]*)</dt><dd data-field="${key}">([^<]*)</dd>`).exec(html);
  return m ? { label: m[1], value: m[2] } : null;
};

describe('the entry page for review', () => {
  let database: Database;
  let people: People;
  let id: number;
  const status = async (modelId: number) =>
    (
      await queryRows<{ status: string; version: number }>(
        database.db,
        sql`select status, version from models where id = ${modelId}`,
      )
    )[0];
  const token = async (agent: People['agents']['cadre'], url: string) => csrfFrom((await agent.get(url)).text);
  const act = async (agent: People['agents']['cadre'], modelId: number, body: Record<string, unknown>) => {
    const _csrf = await tokenOf(agent);
    const { version } = await status(modelId);
    return agent
      .post(`/quan-ly/mo-hinh/${modelId}/thao-tac`)
      .type('form')
      .send({ _csrf, version, ...body });
  };

  before(async () => {
    database = await freshDatabase();
    people = await signInPeople(database, testApp(database));
    await database.db.insert(movements).values({
      code: 'nam-dan-van-chinh-quyen',
      name: 'Năm dân vận chính quyền 2019',
      // Central and still open: the registration form offers it this year (src/submissions/movement-offer.ts).
      level: 'central',
      issuingBody: 'Ban Dân vận Trung ương',
      startYear: 2019,
    });
    const cadre = people.agents.cadre;
    const _csrf = await token(cadre, '/quan-ly/mo-hinh/moi');
    const res = await cadre
      .post('/quan-ly/mo-hinh')
      .type('form')
      .send({ ...FORM, _csrf, intent: 'draft' });
    expect(res.status, res.text.slice(0, 2000)).to.equal(303);
    id = Number(/\/quan-ly\/mo-hinh\/(\d+)$/.exec(res.headers.location)![1]);
    expect(
      (await upload(cadre, id, [['hien-truong.png', await sample.png()]], { caption: 'Ảnh hiện trường' })).status,
    ).to.be.oneOf([302, 303]);
    expect((await act(cadre, id, { action: 'submit' })).status).to.equal(303);
  });
  after(async () => {
    await database.close();
  });

  for (const who of ['cadre', 'reviewer', 'provinceAdmin', 'centralAdmin'] as const) {
    it(`shows the ${who} every field of the record, labelled and escaped, in the form's order`, async () => {
      const page = await people.agents[who].get(`/quan-ly/mo-hinh/${id}`);
      expect(page.status).to.equal(200);
      const record = section(page.text, 'content-h');
      let last = -1;
      for (const s of ENTRY_SECTIONS) {
        const at = record.indexOf(`<h3>${esc(s.heading)}</h3>`);
        expect(at, s.heading).to.be.greaterThan(last);
        last = at;
        for (const [key, label] of s.fields) {
          if (key === 'indicators') continue;
          expect(fieldValue(record, key), key).to.deep.equal({ label: esc(label), value: esc(SHOWN[key]) });
        }
      }
      expect(record).not.to.contain('<b>mở đường</b>');
      expect(record).to.contain(esc(', Thái Nguyên'));
      // The indicators as a table, each row in order; the file as a thumbnail.
      expect(record).to.match(
        /<td>Đất hiến<\/td><td class="num">1.600<\/td><td>m²<\/td><\/tr><tr><td>Hộ tham gia<\/td><td class="num">42<\/td><td>hộ<\/td>/,
      );
      expect(record).to.match(/<img src="\/tep\/\d+\/anh-nho" alt="Ảnh hiện trường"/);
    });
  }

  it('keeps the entry away from a reviewer of another province', async () => {
    expect((await people.agents.reviewerOtherProvince.get(`/quan-ly/mo-hinh/${id}`)).status).to.equal(404);
  });

  it('gives the review actions distinct looks, and a confirmation box to reject', async () => {
    const page = (await people.agents.reviewer.get(`/quan-ly/mo-hinh/${id}`)).text;
    expect(page).to.match(/<button type="submit" class="primary">Duyệt<\/button>/);
    expect(page).to.match(/<button type="submit" class="secondary">Trả lại<\/button>/);
    expect(page).to.match(/<button type="submit" class="danger">Từ chối công nhận<\/button>/);
    expect(page).to.contain(
      '<input type="checkbox" name="confirm" value="yes" required> Tôi xác nhận không công nhận mô hình này',
    );
    // Nothing was resubmitted yet: no comparison.
    expect(page).not.to.contain('id="changes-h"');
  });

  it('puts the return comment at the top of the entry page and of the edit form', async () => {
    const comment = 'Bổ sung số liệu kinh phí & ảnh <đường mới>.';
    expect((await act(people.agents.reviewer, id, { action: 'return', comment })).status).to.equal(303);
    for (const url of [`/quan-ly/mo-hinh/${id}`, `/quan-ly/mo-hinh/${id}/sua`]) {
      const page = (await people.agents.cadre.get(url)).text;
      const at = page.indexOf('id="return-comment"');
      expect(at, url).to.be.greaterThan(-1);
      expect(at).to.be.lessThan(page.indexOf(url.endsWith('sua') ? 'class="model-form"' : 'id="content-h"'));
      expect(page).to.contain(esc(comment));
    }
  });

  it('keeps the return comment while the commune saves a draft, and shows the reviewer each change after resubmission', async () => {
    const cadre = people.agents.cadre;
    const _csrf = await token(cadre, `/quan-ly/mo-hinh/${id}/sua`);
    const { version } = await status(id);
    const saved = await cadre
      .post(`/quan-ly/mo-hinh/${id}/sua`)
      .type('form')
      .send({
        ...FORM,
        _csrf,
        version,
        intent: 'draft',
        resourcesMoneyMillion: '1250',
        results: '1,5 km đường rộng 5 m.',
        indicatorValue: ['1800', '42'],
      });
    expect(saved.status).to.equal(303);
    expect(await status(id)).to.include({ status: 'returned' });
    expect((await cadre.get(`/quan-ly/mo-hinh/${id}`)).text).to.contain('id="return-comment"');
    expect((await act(cadre, id, { action: 'submit' })).status).to.equal(303);

    const page = (await people.agents.reviewer.get(`/quan-ly/mo-hinh/${id}`)).text;
    const changes = section(page, 'changes-h');
    expect(page.indexOf('id="changes-h"')).to.be.lessThan(page.indexOf('id="content-h"'));
    expect(changes).to.contain('<th scope="col">Trường</th><th scope="col">Trước</th><th scope="col">Sau</th>');
    const rows = [
      ...changes.matchAll(
        /<tr data-field="(\w+)"><th scope="row">([^<]*)<\/th><td><del>([^<]*)<\/del><\/td><td><ins>([^<]*)<\/ins><\/td><\/tr>/g,
      ),
    ].map((m) => m.slice(1));
    expect(rows).to.deep.equal([
      ['results', 'Kết quả kiểm chứng được', esc(FORM.results), '1,5 km đường rộng 5 m.'],
      ['resourcesMoneyMillion', 'Kinh phí (triệu đồng)', '350', '1.250'],
      [
        'indicators',
        'Chỉ số kết quả',
        'Đất hiến: 1.600 m²; Hộ tham gia: 42 hộ',
        'Đất hiến: 1.800 m²; Hộ tham gia: 42 hộ',
      ],
    ]);
    // The return is answered: its comment leaves the top of the pages.
    expect(page).not.to.contain('id="return-comment"');
    expect((await cadre.get(`/quan-ly/mo-hinh/${id}`)).text).not.to.contain('id="return-comment"');
    expect((await people.agents.reviewer.get(`/quan-ly/mo-hinh/${id}/sua`)).text).not.to.contain('id="return-comment"');
  });

  it('lists the history with capitalised action names and Vietnamese field labels, never column names', async () => {
    const history = section((await people.agents.reviewer.get(`/quan-ly/mo-hinh/${id}`)).text, 'history-h');
    const titles = [...history.matchAll(/<li><strong>([^<]+)<\/strong>/g)].map((m) => m[1]);
    expect(titles).to.deep.equal(['Tạo mới', 'Gửi thẩm định', 'Trả lại', 'Sửa nội dung', 'Gửi thẩm định']);
    expect(history).to.contain('Đã sửa: Kết quả kiểm chứng được, Kinh phí (triệu đồng), Chỉ số kết quả');
    expect(history).to.contain('Trả lại để bổ sung → Chờ thẩm định');
    expect(history).not.to.match(/\b[a-z]+_[a-z_]+\b/);
  });

  it('refuses to reject without the confirmation, with a message, and rejects with it', async () => {
    const before = await status(id);
    const refused = await act(people.agents.reviewer, id, { action: 'reject', comment: 'Trùng mô hình khác.' });
    expect(refused.status).to.equal(400);
    expect(refused.text).to.contain('Hãy đánh dấu ô “Tôi xác nhận không công nhận mô hình này” để từ chối công nhận.');
    expect(await status(id)).to.deep.equal(before);
    const done = await act(people.agents.reviewer, id, {
      action: 'reject',
      comment: 'Trùng mô hình khác.',
      confirm: 'yes',
    });
    expect(done.status).to.equal(303);
    expect(await status(id)).to.include({ status: 'rejected' });
  });

  it('refuses to withdraw a recognition without the confirmation, and withdraws with it', async () => {
    const m = await insertModel(database, { title: 'Tổ tự quản đường làng', communeCode: people.commune });
    const page = (await people.agents.reviewer.get(`/quan-ly/mo-hinh/${m.id}`)).text;
    expect(page).to.match(/<button type="submit" class="danger">Thu hồi công nhận<\/button>/);
    expect(page).to.match(/<button type="submit" class="primary">Công nhận lại<\/button>/);
    const refused = await act(people.agents.reviewer, m.id, { action: 'withdraw', comment: 'Không còn duy trì.' });
    expect(refused.status).to.equal(400);
    expect(refused.text).to.contain('Tôi xác nhận thu hồi công nhận mô hình này');
    expect(await status(m.id)).to.include({ status: 'approved' });
    // The check comes after the scope: an outsider still gets nothing but a refusal.
    const outsider = await act(people.agents.reviewerOtherProvince, m.id, {
      action: 'withdraw',
      comment: 'x',
      confirm: 'yes',
    });
    expect(outsider.status).to.equal(403);
    const done = await act(people.agents.reviewer, m.id, {
      action: 'withdraw',
      comment: 'Không còn duy trì.',
      confirm: 'yes',
    });
    expect(done.status).to.equal(303);
    expect(await status(m.id)).to.include({ status: 'withdrawn' });
  });
});
