import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.js';
import { notifyEndedConsultations } from '../../src/consultations/sweep.js';
import { testApp } from '../helpers/app.js';
import { csrfFrom, PASSWORD } from '../helpers/people.js';
import {
  consultationWorld,
  openConsultation,
  sendOpinion,
  step,
  submittedEntry,
  type ConsultationWorld,
} from '../helpers/consultation-world.js';

describe('consultation: hiding opinions, the summary, the notice when the period ends', function () {
  this.timeout(120000);
  let w: ConsultationWorld;
  before(async () => {
    w = await consultationWorld();
  });
  after(async () => {
    await w.database.close();
  });

  const token = async (agent: request.Agent) => csrfFrom((await agent.get('/dashboard')).text);
  const opinionIds = async (modelId: number) =>
    (
      await queryRows<{ id: number }>(
        w.database.db,
        sql`select o.id from opinions o join consultations c on c.id = o.consultation_id where c.model_id = ${modelId} order by o.id`,
      )
    ).map((r) => r.id);
  const hiddenOf = async (opinionId: number) =>
    (
      await queryRows<{ hidden: boolean }>(
        w.database.db,
        sql`select hidden_at is not null as hidden from opinions where id = ${opinionId}`,
      )
    )[0].hidden;
  const historyActions = async (modelId: number) =>
    (
      await queryRows<{ action: string }>(
        w.database.db,
        sql`select action from status_history where model_id = ${modelId} order by id`,
      )
    ).map((r) => r.action);

  it('a reviewer hides an abusive opinion (kept, marked, not counted) and shows it again; others may not', async () => {
    const { id } = await submittedEntry(w);
    await openConsultation(w, id, 10);
    await sendOpinion(w, id, { stance: 'agree', body: 'Rất tốt.' });
    await sendOpinion(w, id, { stance: 'disagree', body: 'Lời lẽ xúc phạm cán bộ thôn.' });
    const [, abusive] = await opinionIds(id);
    for (const who of ['cadre', 'cadreOtherProvince', 'reviewerOtherProvince'] as const) {
      const agent = w.people.agents[who];
      const res = await agent
        .post(`/quan-ly/mo-hinh/${id}/y-kien/${abusive}/an`)
        .type('form')
        .send({ _csrf: await token(agent) });
      expect([403, 404], who).to.include(res.status);
    }
    const anonymous = await w.people.agents.anonymous
      .post(`/quan-ly/mo-hinh/${id}/y-kien/${abusive}/an`)
      .type('form')
      .send({});
    expect(anonymous.status).to.be.oneOf([303, 403]);
    expect(await hiddenOf(abusive)).to.equal(false);
    const reviewer = w.people.agents.reviewer;
    const hide = await reviewer
      .post(`/quan-ly/mo-hinh/${id}/y-kien/${abusive}/an`)
      .type('form')
      .send({ _csrf: await token(reviewer) });
    expect(hide.status).to.equal(303);
    expect(await hiddenOf(abusive)).to.equal(true);
    const page = await reviewer.get(`/quan-ly/mo-hinh/${id}`);
    expect(page.text).to.include('Đã ẩn');
    expect(page.text).to.include('Lời lẽ xúc phạm cán bộ thôn.');
    expect(page.text).to.match(
      /<strong>1<\/strong> đồng ý, <strong>0<\/strong> không đồng ý \(không tính 1 ý kiến đã ẩn\)/,
    );
    expect(page.text).to.include('Ẩn một ý kiến nhân dân');
    // An opinion of another entry is not found through this one.
    const { id: other } = await submittedEntry(w);
    expect(
      (
        await reviewer
          .post(`/quan-ly/mo-hinh/${other}/y-kien/${abusive}/hien`)
          .type('form')
          .send({ _csrf: await token(reviewer) })
      ).status,
    ).to.equal(404);
    const show = await reviewer
      .post(`/quan-ly/mo-hinh/${id}/y-kien/${abusive}/hien`)
      .type('form')
      .send({ _csrf: await token(reviewer) });
    expect(show.status).to.equal(303);
    expect(await hiddenOf(abusive)).to.equal(false);
    expect(await historyActions(id)).to.include.members(['opinion-hidden', 'opinion-shown']);
    expect((await reviewer.get(`/quan-ly/mo-hinh/${id}`)).text).to.include('Hiện lại một ý kiến nhân dân');
  });

  it('publishes a short summary (at most 500 characters), shown on the public page; empty removes it', async () => {
    const { id } = await submittedEntry(w);
    await openConsultation(w, id, 10);
    const reviewer = w.people.agents.reviewer;
    const post = async (summary: string) =>
      reviewer
        .post(`/quan-ly/mo-hinh/${id}/y-kien/tom-tat`)
        .type('form')
        .send({ _csrf: await token(reviewer), summary });
    const tooLong = await post('Ý'.repeat(501));
    expect(tooLong.status).to.equal(400);
    expect(tooLong.text).to.include('Tóm tắt công khai dài tối đa 500 ký tự');
    expect(tooLong.text).to.include('Ý'.repeat(501));
    expect((await post('Đa số người dân đồng tình.')).status).to.equal(303);
    expect((await w.people.agents.anonymous.get(`/lay-y-kien/${id}`)).text).to.include('Đa số người dân đồng tình.');
    const cadre = await w.people.agents.cadre.get(`/quan-ly/mo-hinh/${id}`);
    expect(cadre.text).to.include('Đa số người dân đồng tình.');
    expect(cadre.text).not.to.include('name="summary"');
    const bycadre = await w.people.agents.cadre
      .post(`/quan-ly/mo-hinh/${id}/y-kien/tom-tat`)
      .type('form')
      .send({ _csrf: await token(w.people.agents.cadre), summary: 'Cán bộ xã tự viết.' });
    expect(bycadre.status).to.equal(403);
    expect((await post('')).status).to.equal(303);
    expect((await w.people.agents.anonymous.get(`/lay-y-kien/${id}`)).text).not.to.include(
      'Đa số người dân đồng tình.',
    );
    expect((await historyActions(id)).filter((a) => a === 'summary')).to.have.length(2);
    const history = await reviewer.get(`/quan-ly/mo-hinh/${id}`);
    expect(history.text).to.include('Sửa tóm tắt ý kiến nhân dân');
    expect(history.text).to.include('Đã gỡ tóm tắt');
  });

  it('tells each reviewer of the province once when the period ends; an early close is not told', async () => {
    const ended = (await submittedEntry(w, { title: 'Mô hình hết hạn lấy ý kiến' })).id;
    const closed = (await submittedEntry(w)).id;
    const running = (await submittedEntry(w)).id;
    for (const id of [ended, closed, running]) await openConsultation(w, id, 3);
    expect((await step(w, w.people.agents.reviewer, closed, { action: 'close' })).status).to.equal(303);
    await w.database.db.execute(sql`update consultations set opened_at = now() - interval '4 days',
      closes_at = now() - interval '1 day' where model_id in (${ended}, ${closed})`);
    const told = async (id: number) =>
      queryRows<{ username: string }>(
        w.database.db,
        sql`select u.username from notifications n join users u on u.id = n.user_id
        where n.model_id = ${id} and n.kind = 'consultation' order by u.username`,
      );
    expect(await notifyEndedConsultations(w.database.db)).to.equal(1);
    expect((await told(ended)).map((r) => r.username)).to.deep.equal(['provinceAdmin', 'reviewer']);
    expect(await told(closed)).to.deep.equal([]);
    expect(await told(running)).to.deep.equal([]);
    // A second sweep, here or on another instance, tells nobody again.
    expect(await notifyEndedConsultations(w.database.db)).to.equal(0);
    expect(await told(ended)).to.have.length(2);
    const notices = await w.people.agents.reviewer.get('/thong-bao');
    expect(notices.text).to.include('Đã hết thời hạn lấy ý kiến nhân dân về mô hình “Mô hình hết hạn lấy ý kiến”');
    expect((await w.people.agents.reviewerOtherProvince.get('/thong-bao')).text).not.to.include(
      'Mô hình hết hạn lấy ý kiến',
    );
  });

  it('the sweep runs by itself when a reviewer opens a page', async () => {
    const { id } = await submittedEntry(w, { title: 'Mô hình hết hạn khi mở trang' });
    await openConsultation(w, id, 3);
    await w.database.db.execute(sql`update consultations set opened_at = now() - interval '4 days',
      closes_at = now() - interval '1 hour' where model_id = ${id}`);
    // A new instance, whose once-a-minute sweep has not run yet.
    const app = testApp(w.database, { TRUST_PROXY: '1' });
    const agent = request.agent(app);
    const _csrf = csrfFrom((await agent.get('/login')).text);
    await agent.post('/login').type('form').send({ _csrf, username: 'reviewer', password: PASSWORD });
    const page = await agent.get('/dashboard');
    expect(page.text).to.match(/Thông báo <span class="badge">\d+/);
    expect((await agent.get('/thong-bao')).text).to.include('Mô hình hết hạn khi mở trang');
  });
});
