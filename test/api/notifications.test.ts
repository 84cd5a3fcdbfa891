import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { notifications } from '../../src/db/schema.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';
import { csrfFrom, signInPeople, type People } from '../helpers/people.js';

// Opening the notifications page reads them: it still marks which were new, and the badge follows.
describe('notifications are read by opening them', function () {
  this.timeout(60000);
  let database: Database;
  let people: People;
  const badge = (html: string) => /class="badge">(\d+)<span class="visually-hidden"> chưa đọc/.exec(html)?.[1] ?? null;
  const unreadOf = async (userId: number) =>
    (
      await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from notifications where user_id = ${userId} and read_at is null`,
      )
    )[0].n;

  before(async () => {
    database = await freshDatabase();
    people = await signInPeople(database, testApp(database));
    const own = await insertModel(database, {
      title: 'Mô hình của xã',
      status: 'returned',
      communeCode: people.commune,
    });
    const elsewhere = await insertModel(database, {
      title: 'Mô hình xã khác',
      status: 'returned',
      communeCode: people.users.cadreOtherCommune!.communeCode,
    });
    const cadre = people.users.cadre!.id;
    await database.db.insert(notifications).values([
      { userId: cadre, modelId: own.id, kind: 'returned', message: 'Mô hình của xã được trả lại để bổ sung.' },
      { userId: cadre, modelId: null, kind: 'account', message: 'Tài khoản đã được gán xã.' },
      // About an entry no longer in the cadre's scope: neither shown, counted nor touched.
      { userId: cadre, modelId: elsewhere.id, kind: 'returned', message: 'Mô hình xã khác được trả lại.' },
      { userId: people.users.reviewer!.id, modelId: own.id, kind: 'submitted', message: 'Có mô hình chờ thẩm định.' },
    ]);
  });
  after(async () => {
    await database.close();
  });

  it('marks the notices read on opening, shows which were new, and the badge goes', async () => {
    const cadre = people.agents.cadre;
    expect(badge((await cadre.get('/dashboard')).text)).to.equal('2');
    const page = await cadre.get('/thong-bao');
    expect(page.status).to.equal(200);
    expect(page.text.match(/<strong>Mới:<\/strong>/g)).to.have.length(2);
    expect(page.text).to.contain('2 thông báo mới').and.not.contain('Mô hình xã khác');
    expect(badge(page.text)).to.equal(null);
    expect(await unreadOf(people.users.cadre!.id)).to.equal(1);
    expect(await unreadOf(people.users.reviewer!.id)).to.equal(1);

    const again = await cadre.get('/thong-bao');
    expect(again.text).not.to.contain('<strong>Mới:</strong>');
    expect(again.text).to.contain('Không có thông báo mới.').and.contain('Mô hình của xã được trả lại để bổ sung.');
    expect(badge((await cadre.get('/dashboard')).text)).to.equal(null);
    expect(badge((await people.agents.reviewer.get('/dashboard')).text)).to.equal('1');
  });

  it('counts a new notice again, and still accepts the old "read all" form', async () => {
    const cadre = people.agents.cadre;
    await database.db
      .insert(notifications)
      .values({ userId: people.users.cadre!.id, kind: 'account', message: 'Thông báo mới nhất.' });
    const dash = await cadre.get('/dashboard');
    expect(badge(dash.text)).to.equal('1');
    const res = await cadre
      .post('/thong-bao/da-doc')
      .type('form')
      .send({ _csrf: csrfFrom(dash.text) });
    expect(res.status).to.equal(303);
    expect(badge((await cadre.get(res.headers.location)).text)).to.equal(null);
  });
});
