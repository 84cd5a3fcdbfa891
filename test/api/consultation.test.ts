import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.js';
import {
  consultationWorld,
  count,
  openConsultation,
  sendOpinion,
  step,
  submittedEntry,
  type ConsultationWorld,
} from '../helpers/consultation-world.js';

describe('consultation: opening, closing early, deciding after it', function () {
  this.timeout(120000);
  let w: ConsultationWorld;
  before(async () => {
    w = await consultationWorld();
  });
  after(async () => {
    await w.database.close();
  });

  it('opens for the province reviewer in scope only; the period is 3 to 30 whole days', async () => {
    const { id } = await submittedEntry(w);
    for (const who of ['cadre', 'reviewerOtherProvince'] as const) {
      const res = await step(w, w.people.agents[who], id, { action: 'consult', periodDays: '10' });
      expect(res.status, who).to.equal(403);
    }
    for (const days of ['2', '31', 'abc', '']) {
      const res = await step(w, w.people.agents.reviewer, id, { action: 'consult', periodDays: days });
      expect(res.status, days).to.equal(400);
      expect(res.text, days).to.include('từ 3 đến 30');
      // What was typed stays in the field.
      if (days)
        expect(res.text).to.include(
          `name="periodDays" inputmode="numeric" aria-describedby="days-hint" value="${days}"`,
        );
    }
    expect(await count(w, 'consultations')).to.equal(0);
    await openConsultation(w, id, 10);
    const [c] = await queryRows<{ days: number; status: string }>(
      w.database.db,
      sql`select round(extract(epoch from closes_at - opened_at) / 86400)::int as days, m.status
      from consultations c join models m on m.id = c.model_id where c.model_id = ${id}`,
    );
    expect(c).to.deep.equal({ days: 10, status: 'consultation' });
    const page = await w.people.agents.reviewer.get(`/quan-ly/mo-hinh/${id}`);
    expect(page.text).to.include('Ý kiến nhân dân');
    expect(page.text).to.match(/Thời hạn: 10 ngày, đến \d{2}:\d{2}, \d{2}\/\d{2}\/\d{4}/);
    // Under consultation the cadre cannot change what the people comment on.
    expect((await w.people.agents.cadre.get(`/quan-ly/mo-hinh/${id}/sua`)).status).to.equal(403);
  });

  it('closes early: no more opinions, the public page says so, a second close is refused', async () => {
    const { id } = await submittedEntry(w);
    await openConsultation(w, id, 5);
    expect((await sendOpinion(w, id, {})).status).to.equal(303);
    const closed = await step(w, w.people.agents.reviewer, id, { action: 'close' });
    expect(closed.status).to.equal(303);
    const page = await w.people.agents.anonymous.get(`/lay-y-kien/${id}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.include('Đã hết thời hạn lấy ý kiến');
    expect(page.text).not.to.include('name="body"');
    const before = await count(w, 'opinions');
    const refused = await sendOpinion(w, id, { body: 'Gửi sau khi đã kết thúc.' });
    expect(refused.status).to.equal(410);
    expect(refused.text).to.include('không nhận thêm ý kiến');
    expect(await count(w, 'opinions')).to.equal(before);
    const again = await step(w, w.people.agents.reviewer, id, { action: 'close' });
    expect(again.status).to.equal(400);
    expect(again.text).to.include('đã kết thúc');
    const staff = await w.people.agents.reviewer.get(`/quan-ly/mo-hinh/${id}`);
    expect(staff.text).to.include('Kết thúc trước thời hạn');
    expect(staff.text).to.include('Đã kết thúc sớm lúc');
  });

  it('an approval after it records the counts in the history; the model page says how many opinions', async () => {
    const { id, slug } = await submittedEntry(w);
    await openConsultation(w, id, 10);
    const stances = ['agree', 'agree', 'disagree', 'agree'];
    for (const stance of stances) expect((await sendOpinion(w, id, { stance })).status).to.equal(303);
    const staff = await w.people.agents.reviewer.get(`/quan-ly/mo-hinh/${id}`);
    const [hidden] = await queryRows<{ id: number }>(
      w.database.db,
      sql`select o.id from opinions o join consultations c on c.id = o.consultation_id
      where c.model_id = ${id} and o.stance = 'disagree'`,
    );
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(staff.text)![1];
    const hide = await w.people.agents.reviewer
      .post(`/quan-ly/mo-hinh/${id}/y-kien/${hidden.id}/an`)
      .type('form')
      .send({ _csrf });
    expect(hide.status).to.equal(303);
    const summary = await w.people.agents.reviewer
      .post(`/quan-ly/mo-hinh/${id}/y-kien/tom-tat`)
      .type('form')
      .send({ _csrf, summary: 'Đa số ý kiến đồng tình; một ý kiến xúc phạm đã được ẩn.' });
    expect(summary.status).to.equal(303);
    const approved = await step(w, w.people.agents.reviewer, id, {
      action: 'approve',
      year: '2025',
      level: 'province',
      grade: 'tot',
    });
    expect(approved.status, approved.text.slice(0, 400)).to.equal(303);
    const history = await w.people.agents.reviewer.get(`/quan-ly/mo-hinh/${id}`);
    expect(history.text).to.include('Ý kiến nhân dân: 3 đồng ý, 0 không đồng ý, 1 bị ẩn');
    const [h] = await queryRows<{ changes: unknown }>(
      w.database.db,
      sql`select changes from status_history where model_id = ${id} and action = 'approve'`,
    );
    const changes = (typeof h.changes === 'string' ? JSON.parse(h.changes) : h.changes) as Record<string, unknown>;
    expect(changes.consultation).to.deep.equal({ agree: 3, disagree: 0, hidden: 1 });
    const publicPage = await w.people.agents.anonymous.get(`/mo-hinh/${slug}`);
    expect(publicPage.status).to.equal(200);
    expect(publicPage.text).to.include('đã lấy ý kiến nhân dân: 3 ý kiến');
    expect(publicPage.text).to.include('Đa số ý kiến đồng tình');
    // The consultation's page now leads to the recognised model.
    const moved = await w.people.agents.anonymous.get(`/lay-y-kien/${id}`);
    expect(moved.status).to.equal(302);
    expect(moved.headers.location).to.equal(`/mo-hinh/${slug}`);
  });

  it('a return after it ends the public page (404) and keeps the counts in the history', async () => {
    const { id } = await submittedEntry(w);
    await openConsultation(w, id, 10);
    await sendOpinion(w, id, { stance: 'disagree', body: 'Chưa thấy kết quả thực tế ở thôn.' });
    const returned = await step(w, w.people.agents.reviewer, id, { action: 'return', comment: 'Bổ sung số liệu.' });
    expect(returned.status).to.equal(303);
    const gone = await w.people.agents.anonymous.get(`/lay-y-kien/${id}`);
    expect(gone.status).to.equal(404);
    expect(gone.headers['x-robots-tag']).to.equal('noindex');
    const page = await w.people.agents.cadre.get(`/quan-ly/mo-hinh/${id}`);
    expect(page.text).to.include('Ý kiến nhân dân: 0 đồng ý, 1 không đồng ý');
    // The commune sees the counts, never who wrote or how to reach them.
    expect(page.text).to.include('1</strong> không đồng ý');
    expect(page.text).not.to.include('Chưa thấy kết quả thực tế');
  });

  it("shows the consultation with its closing date in the reviewers' queue, filtered by status", async () => {
    const { id } = await submittedEntry(w, { title: 'Mô hình trong hàng chờ lấy ý kiến' });
    await openConsultation(w, id, 7);
    const res = await w.people.agents.reviewer.get('/dashboard?status=consultation');
    expect(res.status).to.equal(200);
    expect(res.text).to.include('Mô hình trong hàng chờ lấy ý kiến');
    expect(res.text).to.match(/lấy ý kiến đến \d{2}\/\d{2}\/\d{4}/);
    expect(res.text).to.include('<option value="consultation" selected');
  });
});
