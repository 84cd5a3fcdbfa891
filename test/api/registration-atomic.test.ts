import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { csrfFrom, signInPeople, type People } from '../helpers/people.js';

const FORM = {
  type: 'collective',
  fieldCode: 'kinh-te',
  startedYear: '2024',
  movementCodes: 'dan-van-kheo',
  summary: '42 hộ hiến 1.600 m² đất để mở rộng 1,2 km đường liên xóm.',
  situation: 'Đường nhỏ, xe cứu thương không vào được.',
  goals: 'Mở rộng đường lên 5 m.',
  beneficiaries: '180 hộ của thôn.',
  activities: 'Chi bộ họp dân, đảng viên hiến đất trước.',
  leadBodies: 'Chi bộ thôn',
  partnerBodies: '',
  resourcesMoneyMillion: '350',
  resourcesWorkDays: '900',
  resourcesNonState: '',
  results: '1,2 km đường rộng 5 m.',
  sustainability: 'Tổ tự quản duy tu hằng năm.',
  holderName: 'Nhân dân thôn Làng Mới',
  holderRole: 'Tập thể',
  contactName: 'Trưởng thôn',
  contactPhone: '0900 123 456',
  contactEmail: '',
  indicatorName: 'Đất hiến',
  indicatorValue: '1600',
  indicatorUnit: 'm²',
  checkedSimilar: '1',
};

/**
 * Saving an entry and sending it for review ("Gửi thẩm định") is one transaction: when the submission
 * fails, nothing of the save stays. The failure is a real one, raised by the database in the submit step.
 */
describe('saving and submitting in one step', () => {
  let database: Database;
  let people: People;
  before(async () => {
    database = await freshDatabase();
    people = await signInPeople(database, testApp(database));
  });
  after(async () => {
    await database.close();
  });

  const failSubmissions = async (on: boolean) => {
    await database.db.execute(sql`create or replace function test_refuse_submit() returns trigger language plpgsql as $$
      begin raise exception 'submission refused by the test'; end $$`);
    await database.db.execute(sql`drop trigger if exists test_refuse_submit on status_history`);
    if (on) {
      await database.db.execute(sql`create trigger test_refuse_submit before insert on status_history
        for each row when (new.action = 'submit') execute function test_refuse_submit()`);
    }
  };
  const entries = (title: string) =>
    queryRows<{ id: number; status: string; version: number; title: string }>(
      database.db,
      sql`select id, status, version, title from models where title = ${title}`,
    );
  const history = (id: number) =>
    queryRows<{ action: string }>(
      database.db,
      sql`select action from status_history where model_id = ${id} order by id`,
    );
  const post = async (url: string, form: Record<string, string | number>) => {
    const agent = people.agents.cadre;
    const _csrf = csrfFrom((await agent.get('/quan-ly/mo-hinh/moi')).text);
    return agent
      .post(url)
      .type('form')
      .send({ ...form, _csrf });
  };

  it('leaves no entry and no history when the submission of a new entry fails', async () => {
    const title = 'Làng Mới hiến đất làm đường';
    await failSubmissions(true);
    const res = await post('/quan-ly/mo-hinh', { ...FORM, title, intent: 'submit' });
    expect(res.status).to.equal(500);
    expect(await entries(title)).to.deep.equal([]);
    expect(
      await queryRows(
        database.db,
        sql`select 1 from status_history h left join models m on m.id = h.model_id where m.id is null`,
      ),
    ).to.deep.equal([]);

    await failSubmissions(false);
    const ok = await post('/quan-ly/mo-hinh', { ...FORM, title, intent: 'submit' });
    expect(ok.status).to.equal(303);
    const [m] = await entries(title);
    expect(m).to.include({ status: 'submitted', version: 2 });
    expect((await history(m.id)).map((h) => h.action)).to.deep.equal(['create', 'submit']);
  });

  it('keeps the saved text as it was when the submission after an edit fails', async () => {
    const title = 'Làng Mới thắp sáng đường quê';
    const saved = await post('/quan-ly/mo-hinh', { ...FORM, title });
    expect(saved.status).to.equal(303);
    const [draft] = await entries(title);
    expect(draft).to.include({ status: 'draft', version: 1 });

    await failSubmissions(true);
    const res = await post(`/quan-ly/mo-hinh/${draft.id}/sua`, {
      ...FORM,
      title: `${title} (đã sửa)`,
      version: 1,
      intent: 'submit',
    });
    expect(res.status).to.equal(500);
    expect(await entries(title)).to.deep.equal([{ ...draft }]);
    expect((await history(draft.id)).map((h) => h.action)).to.deep.equal(['create']);

    await failSubmissions(false);
    const ok = await post(`/quan-ly/mo-hinh/${draft.id}/sua`, {
      ...FORM,
      title: `${title} (đã sửa)`,
      version: 1,
      intent: 'submit',
    });
    expect(ok.status).to.equal(303);
    expect(await entries(`${title} (đã sửa)`)).to.deep.equal([
      { id: draft.id, status: 'submitted', version: 3, title: `${title} (đã sửa)` },
    ]);
  });
});
