import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.js';
import { HIDDEN_NAME } from '../../src/policy/privacy.js';
import { capturedLog, testApp } from '../helpers/app.js';
import { csrfFrom } from '../helpers/people.js';
import {
  consultationWorld,
  openConsultation,
  SECRET_EMAIL,
  SECRET_PHONE,
  sendOpinion,
  submittedEntry,
  type ConsultationWorld,
} from '../helpers/consultation-world.js';

const TITLE_WORD = 'Quyxanhthuong';
const HOLDER = 'Hoàng Văn Kín Tiếng';
const OPINION_CONTACT = 'nguoi-gop-y.rieng@example.vn';

describe('consultation: an entry under consultation is nowhere public but its pages, and never leaks', function () {
  this.timeout(120000);
  let w: ConsultationWorld;
  let id: number;
  before(async () => {
    w = await consultationWorld();
    ({ id } = await submittedEntry(w, {
      title: `Ông Kín Tiếng giữ rừng ${TITLE_WORD}`,
      type: 'individual',
      holderName: HOLDER,
      holderRole: 'Trưởng thôn',
      publishConsent: false,
      summary: `Ông Kín Tiếng vận động 40 hộ giữ rừng đầu nguồn ${TITLE_WORD}.`,
    }));
    await w.database.db.execute(sql`update models set activities = 'Anh Tiếng họp dân từng xóm.' where id = ${id}`);
    await openConsultation(w, id, 10);
  });
  after(async () => {
    await w.database.close();
  });

  const anonymous = () => request(w.app);

  it('is absent from the catalogue search, the API list and detail, and the counts', async () => {
    const search = await anonymous().get(`/mo-hinh?q=${TITLE_WORD}`);
    expect(search.status).to.equal(200);
    expect(search.text).not.to.include(`giữ rừng ${TITLE_WORD}`);
    expect(search.text).not.to.include(`/mo-hinh/`);
    const list = await anonymous().get(`/api/v1/models?q=${TITLE_WORD}`);
    expect(list.body.total).to.equal(0);
    const all = await anonymous().get('/api/v1/models?limit=100');
    expect(all.body.items.map((m: { id: number }) => m.id)).not.to.include(id);
    expect((await anonymous().get(`/api/v1/models/${id}`)).status).to.equal(404);
    expect((await anonymous().get(`/mo-hinh/${encodeURIComponent(String(id))}`)).status).to.equal(404);
    const [approved] = await queryRows<{ n: number }>(
      w.database.db,
      sql`select count(*)::int as n from models where status = 'approved' and province_code = '19'`,
    );
    const stats = await anonymous().get('/api/v1/stats?by=province');
    const row = (stats.body as { key: string; count: number }[]).find((r) => r.key === '19')!;
    expect(row.count).to.equal(approved.n);
    const types = await anonymous().get('/api/v1/stats?by=type');
    const individuals = (types.body as { key: string; count: number }[]).find((r) => r.key === 'individual')!;
    const [ind] = await queryRows<{ n: number }>(
      w.database.db,
      sql`select count(*)::int as n from models where status = 'approved' and type = 'individual'`,
    );
    expect(individuals.count).to.equal(ind.n);
    // Signed in, so that no cached page answers: the home and province pages do not name it either.
    for (const path of ['/', '/tinh/19', '/phong-trao']) {
      const page = await w.people.agents.cadre.get(path);
      expect(page.status, path).to.equal(200);
      expect(page.text, path).not.to.include(TITLE_WORD);
    }
  });

  it('its public pages show the record without contacts and with the name masked, and are not indexed', async () => {
    for (const path of ['/lay-y-kien', '/lay-y-kien?tinh=19', `/lay-y-kien/${id}`]) {
      const res = await anonymous().get(path);
      expect(res.status, path).to.equal(200);
      expect(res.text, path).to.include(TITLE_WORD);
      expect(res.headers['x-robots-tag'], path).to.equal('noindex');
      expect(res.text, path).to.include('<meta name="robots" content="noindex">');
      for (const secret of [SECRET_PHONE, SECRET_EMAIL, 'Người liên hệ', 'Kín Tiếng', 'Anh Tiếng', HOLDER])
        expect(res.text, `${path} ${secret}`).not.to.include(secret);
      expect(res.text, path).to.include(HIDDEN_NAME);
    }
    const page = await anonymous().get(`/lay-y-kien/${id}`);
    expect(page.text).to.include('Trưởng thôn');
    expect(page.text).to.match(/Nhận ý kiến đến \d{2}:\d{2}, \d{2}\/\d{2}\/\d{4} \(còn 10 ngày\)/);
    // The list filters by province: another province's list does not have it.
    const other = await anonymous().get('/lay-y-kien?tinh=42');
    expect(other.text).not.to.include(TITLE_WORD);
    const unknown = await anonymous().get('/lay-y-kien?tinh=zz');
    expect(unknown.status).to.equal(200);
    expect(unknown.text).to.include('đang hiện mọi tỉnh');
    expect(unknown.text).to.include(TITLE_WORD);
  });

  it('is linked from every public page and never served from the response cache', async () => {
    expect((await anonymous().get('/')).text).to.include('href="/lay-y-kien"');
    const first = await anonymous().get(`/lay-y-kien/${id}`);
    expect(first.text).not.to.include('Tóm tắt ý kiến của cơ quan thẩm định');
    // A change the catalogue version does not follow: a cached page would miss it.
    await w.database.db.execute(
      sql`update consultations set summary = 'Nhiều ý kiến đồng tình với cách làm.' where model_id = ${id}`,
    );
    const second = await anonymous().get(`/lay-y-kien/${id}`);
    expect(second.text).to.include('Nhiều ý kiến đồng tình với cách làm.');
    const listBefore = await anonymous().get('/lay-y-kien');
    await w.database.db.execute(
      sql`update consultations set closes_at = closes_at - interval '3 days' where model_id = ${id}`,
    );
    const listAfter = await anonymous().get('/lay-y-kien');
    expect(listAfter.text).to.include('còn 7 ngày');
    expect(listBefore.text).to.include('còn 10 ngày');
  });

  it("an opinion's contact is shown to the province reviewer only, and never logged", async () => {
    const log = capturedLog('debug');
    const logged = testApp(w.database, { TRUST_PROXY: '1' }, { logger: log.logger });
    const agent = request.agent(logged);
    const _csrf = csrfFrom((await agent.get('/login')).text);
    const sent = await agent.post(`/lay-y-kien/${id}`).set('X-Forwarded-For', '198.51.100.7').type('form').send({
      _csrf,
      authorName: 'Lò Thị Góp Ý',
      contact: OPINION_CONTACT,
      stance: 'agree',
      body: 'Tôi ở thôn bên, thấy cách làm này hiệu quả.',
    });
    expect(sent.status).to.equal(303);
    const thanks = await agent.get(sent.headers.location).set('X-Forwarded-For', '198.51.100.7');
    expect(thanks.text).to.include('Cảm ơn bạn đã góp ý');
    expect(log.text()).not.to.include(OPINION_CONTACT);
    expect(log.text()).not.to.include('Góp Ý');
    // A refused post (too long) is not logged with what was typed either.
    await agent
      .post(`/lay-y-kien/${id}`)
      .type('form')
      .send({ _csrf, contact: OPINION_CONTACT, stance: 'agree', body: 'x'.repeat(2001) });
    expect(log.text()).not.to.include(OPINION_CONTACT);
    for (const path of ['/lay-y-kien', `/lay-y-kien/${id}`])
      expect((await anonymous().get(path)).text, path).not.to.include(OPINION_CONTACT);
    const reviewer = await w.people.agents.reviewer.get(`/quan-ly/mo-hinh/${id}`);
    expect(reviewer.text).to.include(OPINION_CONTACT);
    expect(reviewer.text).to.include('Lò Thị Góp Ý');
    const cadre = await w.people.agents.cadre.get(`/quan-ly/mo-hinh/${id}`);
    expect(cadre.status).to.equal(200);
    expect(cadre.text).to.include('Ý kiến nhân dân');
    expect(cadre.text).not.to.include(OPINION_CONTACT);
    expect(cadre.text).not.to.include('Lò Thị Góp Ý');
    const outsider = await w.people.agents.reviewerOtherProvince.get(`/quan-ly/mo-hinh/${id}`);
    expect(outsider.status).to.equal(404);
    expect(outsider.text).not.to.include(OPINION_CONTACT);
  });

  it("the sender's name and text are not on the public pages", async () => {
    await sendOpinion(w, id, { authorName: 'Người Gửi Riêng', body: 'Nội dung chỉ cơ quan thẩm định đọc.' });
    const page = await anonymous().get(`/lay-y-kien/${id}`);
    expect(page.text).not.to.include('Người Gửi Riêng');
    expect(page.text).not.to.include('Nội dung chỉ cơ quan thẩm định đọc.');
  });
});
