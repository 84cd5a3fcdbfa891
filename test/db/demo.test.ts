import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { loadDemoData } from '../../src/demo/load.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';

describe('demo data', function () {
  this.timeout(120000);
  let database: Database;
  before(async () => {
    database = await freshDatabase();
    await loadDemoData(database.db);
  });
  after(async () => {
    await database.close();
  });

  const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(database.db, q))[0];

  it('has the main movement with its phases, provincial movements with models, and a draft kept hidden', async () => {
    const phases = await queryRows<{ name: string }>(
      database.db,
      sql`select p.name from movement_phases p join movements mv on mv.id = p.movement_id
        where mv.code = 'dan-van-kheo' order by p.position`,
    );
    expect(phases.map((p) => p.name)).to.include('Giai đoạn 2021–2025');
    const provincial = await queryRows<{ code: string; models: number }>(
      database.db,
      sql`select mv.code, (select count(*)::int from model_movements mm join models m on m.id = mm.model_id
          where mm.movement_id = mv.id and m.status = 'approved') as models
        from movements mv where mv.level = 'province' and mv.status <> 'draft'`,
    );
    expect(provincial.filter((m) => Number(m.models) > 0)).to.have.length.at.least(3);
    const statuses = await queryRows<{ status: string }>(database.db, sql`select distinct status from movements`);
    expect(statuses.map((r) => r.status)).to.include.members(['in_force', 'ended', 'draft']);
    const app = testApp(database);
    const listed = (await request(app).get('/api/v1/movements')).body as { status: string }[];
    expect(listed.length).to.be.greaterThan(5);
    expect(listed.map((m) => m.status)).not.to.include('draft');
  });

  it('has at least 300 models across at least 8 provinces, all fields, both types, 2016–2026', async () => {
    const s = await one<
      Record<string, number>
    >(sql`select count(*)::int as total, count(distinct province_code)::int as provinces,
      count(distinct field_code)::int as fields, count(distinct type)::int as types,
      min(started_year)::int as min_year, max(coalesce(recognised_year, started_year))::int as max_year,
      count(*) filter (where status <> 'approved')::int as unapproved, count(*) filter (where not is_demo)::int as unmarked
      from models`);
    expect(s.total).to.be.at.least(300);
    expect(s.provinces).to.be.at.least(8);
    expect(s.fields).to.equal(4);
    expect(s.types).to.equal(2);
    expect(s.min_year).to.be.at.least(2016);
    expect(s.max_year).to.be.at.most(2026);
    expect(s.unapproved / s.total).to.be.within(0.12, 0.3);
    expect(s.unmarked).to.equal(0);
    const statuses = (await queryRows<{ status: string }>(database.db, sql`select distinct status from models`)).map(
      (r) => r.status,
    );
    expect(statuses).to.include.members(['approved', 'draft', 'submitted', 'returned', 'rejected']);
  });

  it("has one entry under consultation in the demo reviewer's province, with opinions and one hidden", async () => {
    const c = await one<{ model_id: number; province_code: string; shown: number; hidden: number }>(
      sql`select c.model_id, m.province_code,
        count(*) filter (where o.hidden_at is null)::int as shown, count(*) filter (where o.hidden_at is not null)::int as hidden
      from consultations c join models m on m.id = c.model_id join opinions o on o.consultation_id = c.id
      where m.status = 'consultation' group by c.model_id, m.province_code`,
    );
    expect(c.province_code).to.equal('42');
    expect(c.shown).to.be.at.least(2);
    expect(c.hidden).to.equal(1);
    const app = testApp(database);
    const list = await request(app).get('/lay-y-kien');
    expect(list.text).to.include(`href="/lay-y-kien/${c.model_id}"`);
    expect((await request(app).get(`/lay-y-kien/${c.model_id}`)).status).to.equal(200);
  });

  it('dates no approval, submission or creation after today, and a model approved now leads the home page', async () => {
    const s = await one<{ future: number }>(sql`select count(*)::int as future from models
      where published_at > now() or submitted_at > now() or created_at > now()`);
    expect(s.future).to.equal(0);
    const [latest] = await queryRows<{ id: number; title: string }>(
      database.db,
      sql`select id, title from models where status = 'approved' order by published_at asc limit 1`,
    );
    await database.db.execute(
      sql`update models set published_at = now() - interval '1 minute' where id = ${latest.id}`,
    );
    const home = await request(testApp(database)).get('/');
    const first = /<li class="model-card">\s*<h3><a [^>]*>(.*?)<\/a>/.exec(home.text)?.[1];
    expect(first).to.equal(latest.title);
  });

  it('covers the required provinces, with models under the former Quảng Bình and Thái Bình', async () => {
    const rows = await queryRows<{ province_code: string; former_province_code: string | null; n: number }>(
      database.db,
      sql`
      select province_code, former_province_code, count(*)::int as n from models group by 1, 2`,
    );
    const count = (p: string, former?: string) =>
      rows
        .filter((r) => r.province_code === p && (former === undefined || r.former_province_code === former))
        .reduce((a, r) => a + r.n, 0);
    for (const p of ['19', '42', '44', '33']) expect(count(p), p).to.be.at.least(10);
    expect(count('44', '44')).to.be.at.least(5);
    expect(count('33', '34')).to.be.at.least(5);
  });

  it('keeps every model consistent: a commune in its province, recognitions behind the year, a story', async () => {
    const bad = await one<Record<string, number>>(sql`select
      count(*) filter (where m.commune_code is not null and c.province_code <> m.province_code)::int as wrong_commune,
      count(*) filter (where m.former_commune_code is not null and fp.merged_into_province_code <> m.province_code)::int as wrong_former,
      count(*) filter (where (m.commune_code is null) = (m.former_commune_code is null))::int as no_unit,
      count(*) filter (where m.status = 'approved' and m.recognised_year <> (select min(year) from recognitions r where r.model_id = m.id))::int as wrong_year,
      count(*) filter (where m.status <> 'approved' and exists (select 1 from recognitions r where r.model_id = m.id))::int as early_recognition,
      count(*) filter (where length(m.situation) < 20 or length(m.activities) < 20 or length(m.results) < 20)::int as thin_story,
      count(*) filter (where m.status in ('returned', 'rejected') and not exists (select 1 from status_history h where h.model_id = m.id and h.to_status = m.status and length(h.comment) > 10))::int as no_comment
      from models m left join communes c on c.code = m.commune_code
      left join former_communes fc on fc.code = m.former_commune_code left join former_provinces fp on fp.code = fc.former_province_code`);
    expect(bad).to.deep.equal({
      wrong_commune: 0,
      wrong_former: 0,
      no_unit: 0,
      wrong_year: 0,
      early_recognition: 0,
      thin_story: 0,
      no_comment: 0,
    });
    const recognisedAgain = await one<{ n: number }>(
      sql`select count(*)::int as n from (select model_id from recognitions group by model_id having count(*) > 1) x`,
    );
    expect(recognisedAgain.n).to.be.greaterThan(0);
  });

  it('creates the demo accounts, the cadres in communes that have models', async () => {
    const users = await queryRows<{ username: string; role: string; n: number }>(
      database.db,
      sql`select u.username, u.role,
      (select count(*)::int from models m where m.commune_code = u.commune_code) as n from users u order by u.username`,
    );
    expect(users.map((u) => u.username)).to.include.members([
      'admin.demo',
      'tinh.demo',
      'xa.demo',
      'tinh.hatinh.demo',
      'xa.hatinh.demo',
    ]);
    expect(users.find((u) => u.username === 'xa.demo')!.n).to.be.greaterThan(0);
  });

  it('is marked as demo in the API and never publishes a name without consent', async () => {
    const app = testApp(database);
    const res = await request(app).get('/api/v1/models?limit=100');
    expect(res.body.total).to.be.at.least(240);
    expect(res.body.items.every((i: { demo: boolean }) => i.demo === true)).to.equal(true);
    const hidden = await queryRows<{ id: number; holder_name: string }>(
      database.db,
      sql`select id, holder_name from models
      where status = 'approved' and type = 'individual' and not publish_consent`,
    );
    expect(hidden.length).to.be.greaterThan(0);
    for (const h of hidden.slice(0, 10)) {
      const body = JSON.stringify((await request(app).get(`/api/v1/models/${h.id}`)).body);
      expect(body).not.to.contain(h.holder_name);
    }
    const dvk = await request(app).get(`/api/v1/models?q=${encodeURIComponent('dan van kheo')}`);
    expect(dvk.body.items[0].title.toLowerCase()).to.contain('dân vận khéo');
  });
  it('has a replication chain: a Hưng Yên model replicated in three other provinces, one replica replicated again', async () => {
    const links = await queryRows<{
      source: number;
      replica: number;
      source_province: string;
      replica_province: string;
      source_year: number | null;
      replica_year: number | null;
      replica_status: string;
      source_status: string;
    }>(
      database.db,
      sql`select r.source_model_id as source, r.replica_model_id as replica, s.province_code as source_province,
        m.province_code as replica_province, s.recognised_year as source_year, m.recognised_year as replica_year,
        m.status as replica_status, s.status as source_status
      from replications r join models s on s.id = r.source_model_id join models m on m.id = r.replica_model_id`,
    );
    const approved = links.filter((l) => l.replica_status === 'approved');
    const root = approved.find(
      (l) =>
        l.source_province === '33' &&
        new Set(
          approved.filter((x) => x.source === l.source && x.replica_province !== '33').map((x) => x.replica_province),
        ).size >= 3,
    );
    expect(root, 'a Hưng Yên original with replicas in three other provinces').to.not.equal(undefined);
    const replicas = approved.filter((l) => l.source === root!.source).map((l) => l.replica);
    expect(
      approved.some((l) => replicas.includes(l.source)),
      'a replica of a replica',
    ).to.equal(true);
    for (const l of approved) {
      expect(l.source_status).to.equal('approved');
      expect(l.replica_year!).to.be.at.least(l.source_year!);
    }
    const page = await request(testApp(database)).get(`/api/v1/models/${root!.source}`);
    expect(page.body.replicationCount).to.equal(replicas.length);
    expect(page.body.replicationProvinces).to.be.at.least(3);
  });
});
