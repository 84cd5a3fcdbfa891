import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.js';
import { OPINION_LIMITS } from '../../src/consultations/opinions.js';
import {
  consultationWorld,
  count,
  freshAddress,
  openConsultation,
  sendOpinion,
  submittedEntry,
  type ConsultationWorld,
} from '../helpers/consultation-world.js';

describe('consultation: abuse of the opinion form', function () {
  this.timeout(120000);
  let w: ConsultationWorld;
  let id: number;
  before(async () => {
    w = await consultationWorld();
    ({ id } = await submittedEntry(w));
    await openConsultation(w, id, 10);
  });
  after(async () => {
    await w.database.close();
  });

  /** Expects a refusal that stored nothing and said why on the page. */
  async function refused(res: request.Response, status: number, message: string) {
    expect(res.status, res.text.slice(0, 200)).to.equal(status);
    expect(res.text).to.include(message);
    expect(res.text).to.include('role="alert"');
  }

  it('refuses a post without the CSRF token (403) and stores nothing', async () => {
    const before = await count(w, 'opinions');
    const res = await request(w.app)
      .post(`/lay-y-kien/${id}`)
      .type('form')
      .send({ stance: 'agree', body: 'Không có mã chống giả mạo.' });
    expect(res.status).to.equal(403);
    expect(await count(w, 'opinions')).to.equal(before);
  });

  it('refuses a filled honeypot, keeping what was typed', async () => {
    const before = await count(w, 'opinions');
    const res = await sendOpinion(w, id, { website: 'http://spam.example', body: 'Nội dung của máy gửi thư rác.' });
    await refused(res, 400, 'ô “Trang web” phải để trống');
    expect(res.text).to.include('Nội dung của máy gửi thư rác.');
    expect(res.text).not.to.include('http://spam.example');
    expect(await count(w, 'opinions')).to.equal(before);
  });

  it('refuses a text over 2.000 characters, a missing stance or text, a malformed contact', async () => {
    const before = await count(w, 'opinions');
    const long = 'Ý'.repeat(OPINION_LIMITS.bodyChars + 1);
    const tooLong = await sendOpinion(w, id, { body: long, authorName: 'Người Viết Dài' });
    await refused(tooLong, 400, 'Ý kiến dài tối đa 2.000 ký tự');
    expect(tooLong.text).to.include('Người Viết Dài');
    expect(tooLong.text).to.include('aria-invalid="true"');
    await refused(await sendOpinion(w, id, { stance: '' }), 400, 'Hãy chọn “Đồng ý” hoặc “Không đồng ý”');
    await refused(await sendOpinion(w, id, { stance: 'maybe' }), 400, 'Hãy chọn “Đồng ý” hoặc “Không đồng ý”');
    await refused(await sendOpinion(w, id, { body: '   ' }), 400, 'Hãy viết ý kiến của bạn.');
    await refused(
      await sendOpinion(w, id, { contact: 'gọi tôi nhé' }),
      400,
      'Số điện thoại hoặc thư điện tử chưa đúng',
    );
    expect(await count(w, 'opinions')).to.equal(before);
    // Exactly the limit is taken.
    expect((await sendOpinion(w, id, { body: 'Ý'.repeat(OPINION_LIMITS.bodyChars) })).status).to.equal(303);
    expect(await count(w, 'opinions')).to.equal(before + 1);
  });

  it('limits one address to 2 opinions on an entry and 5 an hour, in the database', async () => {
    const address = freshAddress();
    const others = [(await submittedEntry(w)).id, (await submittedEntry(w)).id];
    for (const o of others) await openConsultation(w, o, 10);
    for (let i = 0; i < OPINION_LIMITS.perAddressPerEntry; i++)
      expect((await sendOpinion(w, id, {}, { address })).status).to.equal(303);
    const before = await count(w, 'opinions');
    await refused(
      await sendOpinion(w, id, {}, { address }),
      429,
      'Mỗi địa chỉ mạng chỉ gửi được 2 ý kiến về một mô hình',
    );
    expect(await count(w, 'opinions')).to.equal(before);
    // Another address is not limited by this one.
    expect((await sendOpinion(w, id, {})).status).to.equal(303);
    for (let i = 0; i < 2; i++) expect((await sendOpinion(w, others[0], {}, { address })).status).to.equal(303);
    expect((await sendOpinion(w, others[1], {}, { address })).status).to.equal(303);
    const atHour = await count(w, 'opinions');
    await refused(await sendOpinion(w, others[1], {}, { address }), 429, 'Có quá nhiều ý kiến gửi từ địa chỉ mạng này');
    expect(await count(w, 'opinions')).to.equal(atHour);
    // An hour later the address may write again (on an entry it has not used up).
    await w.database.db.execute(sql`update opinions set created_at = created_at - interval '61 minutes'`);
    expect((await sendOpinion(w, others[1], {}, { address })).status).to.equal(303);
  });

  it('caps the opinions of an entry, parallel posts included', async () => {
    const { id: capped } = await submittedEntry(w);
    await openConsultation(w, capped, 10);
    await w.database.db.execute(sql`insert into opinions (consultation_id, stance, body, address_key)
      select c.id, 'agree', 'Đồng ý.', 'filled-' || g from consultations c, generate_series(1, ${OPINION_LIMITS.perEntry - 3}) g
      where c.model_id = ${capped}`);
    const results = await Promise.all(Array.from({ length: 6 }, () => sendOpinion(w, capped, {})));
    expect(results.map((r) => r.status).sort()).to.deep.equal([303, 303, 303, 409, 409, 409]);
    expect(results.find((r) => r.status === 409)!.text).to.include('đã nhận đủ 500 ý kiến');
    const [n] = await queryRows<{ n: number }>(
      w.database.db,
      sql`select count(*)::int as n from opinions o join consultations c on c.id = o.consultation_id
      where c.model_id = ${capped}`,
    );
    expect(n.n).to.equal(OPINION_LIMITS.perEntry);
  });

  it('refuses an opinion once the period ended, without a form on the page', async () => {
    const { id: ended } = await submittedEntry(w);
    await openConsultation(w, ended, 3);
    await w.database.db.execute(sql`update consultations set opened_at = now() - interval '5 days',
      closes_at = now() - interval '2 days' where model_id = ${ended}`);
    const before = await count(w, 'opinions');
    const res = await sendOpinion(w, ended, { body: 'Gửi muộn.' });
    await refused(res, 410, 'Đợt lấy ý kiến nhân dân về mô hình này đã kết thúc');
    expect(res.text).not.to.include('name="body"');
    expect(await count(w, 'opinions')).to.equal(before);
    const list = await request(w.app).get('/lay-y-kien');
    expect(list.text).to.include('Đã hết thời hạn góp ý');
  });

  it('answers 404 for an entry not under consultation, and for a malformed id', async () => {
    const { id: plain } = await submittedEntry(w);
    for (const path of [`/lay-y-kien/${plain}`, '/lay-y-kien/abc', '/lay-y-kien/0', '/lay-y-kien/99999999']) {
      expect((await request(w.app).get(path)).status, path).to.equal(404);
    }
    const before = await count(w, 'opinions');
    expect((await sendOpinion(w, plain, {})).status).to.equal(404);
    expect(await count(w, 'opinions')).to.equal(before);
  });
});
