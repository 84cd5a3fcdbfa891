import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { facetCounts } from '../../src/listing/counts.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';
import { signInPeople, tokenOf, type People } from '../helpers/people.js';

// Replication links: named on the forms, managed by reviewers, public only between approved models.
describe('replication (nhân rộng)', function () {
  this.timeout(120000);
  let database: Database;
  let app: ReturnType<typeof testApp>;
  let people: People;
  const ids: Record<string, number> = {};
  const slugs: Record<string, string> = {};

  const add = async (key: string, f: Parameters<typeof insertModel>[1]) => {
    const m = await insertModel(database, f);
    ids[key] = m.id;
    slugs[key] = m.slug;
  };
  const link = (source: string, replica: string, note = '') =>
    database.db.execute(sql`insert into replications (source_model_id, replica_model_id, note)
      values (${ids[source]}, ${ids[replica]}, ${note})`);
  const linkCount = async () =>
    (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from replications`))[0].n;
  const modelCount = async () =>
    (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from models`))[0].n;

  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
    people = await signInPeople(database, app);
    await add('source', { title: 'Đường làng sáng xanh sạch đẹp', provinceCode: '42', year: 2020 });
    // The app puts the names of its place in the search text; the fixture leaves them out.
    await database.db.execute(
      sql`update models set search_folded = search_folded || ' ha tinh' where id = ${ids.source}`,
    );
    await add('pending', { title: 'Bếp ăn nghĩa tình chưa duyệt', provinceCode: '42', status: 'submitted' });
    await add('r19', { title: 'Đường hoa thôn Đông', provinceCode: '19', year: 2022 });
    await add('r44', { title: 'Đường cờ Tổ quốc', provinceCode: '44', year: 2023 });
    await add('r33', { title: 'Con đường bích họa', provinceCode: '33', year: 2024 });
    await add('r19b', { title: 'Ngõ xóm sạch đẹp', provinceCode: '19', year: 2024 });
    await add('rDraft', { title: 'Đường làng chưa gửi', provinceCode: '19', status: 'draft' });
    await add('rWithdrawn', { title: 'Đường làng đã thu hồi', provinceCode: '44', status: 'withdrawn' });
    await add('ofPending', { title: 'Nhân rộng bếp ăn', provinceCode: '44', year: 2025 });
    await add('other', { title: 'Mô hình khác không liên kết', provinceCode: '19', year: 2021 });
    for (const r of ['r19', 'r44', 'r33', 'r19b', 'rDraft', 'rWithdrawn'])
      await link('source', r, `Điều chỉnh ở ${r}.`);
    await link('r19', 'r19b', 'Học qua thôn Đông.');
    await link('pending', 'ofPending', 'Từ mô hình chưa duyệt.');
  });
  after(async () => {
    await database.close();
  });

  describe('on the registration form', () => {
    const cadre = () => people.agents.cadre;
    const post = async (url: string, body: Record<string, unknown>) =>
      cadre()
        .post(url)
        .type('form')
        .send({ _csrf: await tokenOf(cadre()), type: 'collective', ...body });

    it('finds approved originals by title or place without accents, saving nothing, keeping what was typed', async () => {
      const before = await modelCount();
      for (const q of ['duong lang sang', 'ĐƯỜNG LÀNG', 'ha tinh']) {
        const res = await post('/quan-ly/mo-hinh', {
          title: 'Tuyến đường nở hoa',
          summary: 'Đã gõ tóm tắt.',
          intent: 'findSource',
          sourceQuery: q,
        });
        expect(res.status, q).to.equal(200);
        expect(res.text, q).to.include('Đường làng sáng xanh sạch đẹp');
        expect(res.text).to.include(`name="addSource" value="${ids.source}"`);
        expect(res.text).to.include('value="Tuyến đường nở hoa"');
        expect(res.text).to.include('Đã gõ tóm tắt.');
      }
      const res = await post('/quan-ly/mo-hinh', { title: 'X', intent: 'findSource', sourceQuery: 'bep an nghia' });
      expect(res.text, 'a model not approved is never offered').not.to.include(`value="${ids.pending}"`);
      expect(await modelCount()).to.equal(before);
    });

    it('"Chọn" adds the original to the form without saving; a ticked "Bỏ" takes it away', async () => {
      const before = await modelCount();
      const chosen = await post('/quan-ly/mo-hinh', { title: 'Tuyến đường nở hoa', addSource: String(ids.source) });
      expect(chosen.status).to.equal(200);
      expect(chosen.text).to.include(`name="replicatesId" value="${ids.source}"`);
      const removed = await post('/quan-ly/mo-hinh', {
        title: 'Tuyến đường nở hoa',
        replicatesId: String(ids.source),
        replicatesNote: 'x',
        removeSource: String(ids.source),
        intent: 'findSource',
        sourceQuery: 'khong co gi',
      });
      expect(removed.text).not.to.include(`name="replicatesId" value="${ids.source}"`);
      expect(await modelCount()).to.equal(before);
    });

    it('stores the links with the entry, in one step, and the edit form gives them back', async () => {
      const res = await post('/quan-ly/mo-hinh', {
        title: 'Tuyến đường nở hoa',
        intent: 'draft',
        replicatesId: String(ids.source),
        replicatesNote: 'Trồng hoa giấy thay cho hoa mười giờ.',
      });
      expect(res.status).to.equal(303);
      const id = Number(/\/(\d+)$/.exec(res.headers.location)![1]);
      ids.mine = id;
      const rows = await queryRows<{ source_model_id: number; note: string }>(
        database.db,
        sql`select source_model_id, note from replications where replica_model_id = ${id}`,
      );
      expect(rows).to.deep.equal([{ source_model_id: ids.source, note: 'Trồng hoa giấy thay cho hoa mười giờ.' }]);
      const form = await cadre().get(`/quan-ly/mo-hinh/${id}/sua`);
      expect(form.text).to.include(`name="replicatesId" value="${ids.source}"`);
      expect(form.text).to.include('Trồng hoa giấy thay cho hoa mười giờ.');
      const page = await cadre().get(`/quan-ly/mo-hinh/${id}`);
      expect(page.text).to.include('Đường làng sáng xanh sạch đẹp');
      expect(page.text).to.include('chưa công khai');
    });

    it('a ticked "Bỏ" drops a stored original when the entry is saved', async () => {
      await add('dropper', {
        title: 'Mô hình sẽ bỏ liên kết',
        provinceCode: '19',
        status: 'draft',
        communeCode: people.commune,
      });
      await link('source', 'dropper', 'Tạm thời.');
      const res = await post(`/quan-ly/mo-hinh/${ids.dropper}/sua`, {
        title: 'Mô hình sẽ bỏ liên kết',
        intent: 'draft',
        version: 1,
        replicatesId: String(ids.source),
        replicatesNote: 'Tạm thời.',
        removeSource: String(ids.source),
      });
      expect(res.status).to.equal(303);
      const left = await queryRows(
        database.db,
        sql`select 1 from replications where replica_model_id = ${ids.dropper}`,
      );
      expect(left).to.have.length(0);
    });

    const refusals: [string, () => Record<string, unknown>, RegExp][] = [
      ['a model not approved', () => ({ replicatesId: String(ids.pending) }), /chưa được công nhận/],
      [
        'the same original twice',
        () => ({ replicatesId: [String(ids.source), String(ids.source)], replicatesNote: ['', ''] }),
        /chỉ được chọn một lần/,
      ],
      ['itself', () => ({ replicatesId: String(ids.mine) }), /chính nó/],
      ['an unknown model', () => ({ replicatesId: '999999' }), /Không tìm thấy mô hình gốc/],
      ['a malformed id', () => ({ replicatesId: 'abc' }), /Mô hình gốc không hợp lệ/],
      [
        'a note too long',
        () => ({ replicatesId: String(ids.source), replicatesNote: 'a'.repeat(1001) }),
        /tối đa 1000 ký tự/,
      ],
      [
        'eleven originals',
        () => ({
          replicatesId: Array.from({ length: 11 }, (_, i) => String(i + 1)),
          replicatesNote: Array(11).fill(''),
        }),
        /tối đa 10 mô hình gốc/,
      ],
    ];
    for (const [what, body, message] of refusals) {
      it(`refuses ${what} with a Vietnamese message, keeping the form`, async () => {
        const links = await linkCount();
        const before = await modelCount();
        const version = (
          await queryRows<{ version: number }>(database.db, sql`select version from models where id = ${ids.mine}`)
        )[0].version;
        const res = await post(`/quan-ly/mo-hinh/${ids.mine}/sua`, {
          title: 'Tuyến đường nở hoa (sửa)',
          intent: 'draft',
          version,
          ...body(),
        });
        expect(res.status).to.equal(400);
        expect(res.text).to.match(message);
        expect(res.text).to.include('Tuyến đường nở hoa (sửa)');
        expect(await linkCount()).to.equal(links);
        expect(await modelCount()).to.equal(before);
      });
    }

    it('refuses two models replicating each other', async () => {
      await database.db.execute(
        sql`insert into replications (source_model_id, replica_model_id) values (${ids.mine}, ${ids.other})`,
      );
      const version = (
        await queryRows<{ version: number }>(database.db, sql`select version from models where id = ${ids.mine}`)
      )[0].version;
      const res = await post(`/quan-ly/mo-hinh/${ids.mine}/sua`, {
        title: 'Tuyến đường nở hoa',
        intent: 'draft',
        version,
        replicatesId: String(ids.other),
      });
      expect(res.status).to.equal(400);
      expect(res.text).to.match(/nhân rộng lẫn nhau/);
      await database.db.execute(sql`delete from replications where source_model_id = ${ids.mine}`);
    });

    it('search-as-you-type answers approved matches as JSON', async () => {
      const res = await cadre().get('/quan-ly/mo-hinh-goc?q=duong%20lang');
      expect(res.status).to.equal(200);
      const found = (res.body.items as { id: number }[]).map((m) => m.id);
      expect(found).to.include(ids.source);
      expect(found).not.to.include(ids.rDraft);
    });
  });

  describe('by reviewers on the entry page', () => {
    const reviewer = () => people.agents.reviewer;
    it('adds a link with its history line, refuses a duplicate, and removes it after confirmation', async () => {
      await add('entry', { title: 'Mô hình được thẩm định', provinceCode: '19', status: 'submitted' });
      const page = await reviewer().get(`/quan-ly/mo-hinh/${ids.entry}/nhan-rong?q=ha%20tinh`);
      expect(page.status).to.equal(200);
      expect(page.text).to.include('Đường làng sáng xanh sạch đẹp');
      const _csrf = await tokenOf(reviewer());
      const url = `/quan-ly/mo-hinh/${ids.entry}/nhan-rong`;
      const made = await reviewer()
        .post(url)
        .type('form')
        .send({ _csrf, sourceId: ids.source, note: 'Thêm đèn năng lượng.' });
      expect(made.status).to.equal(303);
      const again = await reviewer().post(url).type('form').send({ _csrf, sourceId: ids.source, note: '' });
      expect(again.status).to.equal(400);
      expect(again.text).to.include('Liên kết nhân rộng này đã có.');
      for (const [sourceId, message] of [
        [ids.pending, /chưa được công nhận/],
        [ids.entry, /chính nó/],
        ['abc', /Mô hình gốc không hợp lệ/],
      ] as const) {
        const res = await reviewer().post(url).type('form').send({ _csrf, sourceId, note: '' });
        expect(res.status).to.equal(400);
        expect(res.text).to.match(message);
      }
      const history = async () =>
        queryRows<{ action: string; to_status: string; version: number; comment: string }>(
          database.db,
          sql`select action, to_status, version, comment from status_history where model_id = ${ids.entry} and action = 'replication' order by id`,
        );
      expect(await history()).to.have.length(1);
      expect((await history())[0]).to.include({ to_status: 'submitted', version: 1 });
      const shown = await reviewer().get(`/quan-ly/mo-hinh/${ids.entry}`);
      expect(shown.text).to.include('Sửa liên kết nhân rộng');
      expect(shown.text).to.include('Thêm đèn năng lượng.');
      const removeUrl = `${url}/go`;
      const asked = await reviewer()
        .post(removeUrl)
        .type('form')
        .send({ _csrf, sourceId: ids.source, replicaId: ids.entry });
      expect(asked.status).to.equal(200);
      expect(asked.text).to.include('name="confirm" value="yes"');
      expect((await history()).length).to.equal(1);
      const gone = await reviewer()
        .post(removeUrl)
        .type('form')
        .send({ _csrf, sourceId: ids.source, replicaId: ids.entry, confirm: 'yes' });
      expect(gone.status).to.equal(303);
      expect(await history()).to.have.length(2);
      const left = await queryRows(database.db, sql`select 1 from replications where replica_model_id = ${ids.entry}`);
      expect(left).to.have.length(0);
    });
  });

  describe('in public', () => {
    const anon = () => request(app);
    /** Counted from the rows: approved replicas of approved models, and their provinces. */
    const expected = async () =>
      queryRows<{ id: number; n: number; provinces: number }>(
        database.db,
        sql`select s.id, count(r.replica_model_id) filter (where rm.status = 'approved')::int as n,
          count(distinct rm.province_code) filter (where rm.status = 'approved')::int as provinces
        from models s left join replications r on r.source_model_id = s.id left join models rm on rm.id = r.replica_model_id
        where s.status = 'approved' group by s.id`,
      );

    it('the original lists approved replicas only, with "được nhân rộng ở N nơi, thuộc M tỉnh" counted from the rows', async () => {
      const row = (await expected()).find((r) => r.id === ids.source)!;
      expect(row).to.include({ n: 4, provinces: 3 });
      const page = await anon().get(`/mo-hinh/${slugs.source}`);
      expect(page.status).to.equal(200);
      expect(page.text).to.include(`Được nhân rộng ở ${row.n} nơi, thuộc ${row.provinces} tỉnh`);
      for (const r of ['r19', 'r44', 'r33', 'r19b']) expect(page.text).to.include(`/mo-hinh/${slugs[r]}`);
      expect(page.text).to.include('Điều chỉnh ở r44.');
      for (const hidden of ['rDraft', 'rWithdrawn', 'mine']) {
        expect(page.text).not.to.include(`/mo-hinh/${slugs[hidden] ?? 'none'}`);
      }
      expect(page.text).not.to.include('Tuyến đường nở hoa');
      const api = (await anon().get(`/api/v1/models/${ids.source}`)).body;
      expect(api.replicatedBy.map((m: { id: number }) => m.id).sort()).to.deep.equal(
        [ids.r19, ids.r44, ids.r33, ids.r19b].sort(),
      );
      expect(api).to.include({ replicationCount: row.n, replicationProvinces: row.provinces });
    });

    it('a replica names what it follows, with the note, unless the original is not approved', async () => {
      const page = await anon().get(`/mo-hinh/${slugs.r19b}`);
      expect(page.text).to.include('Mô hình này học tập, nhân rộng từ');
      expect(page.text).to.include('Học qua thôn Đông.');
      const orphan = await anon().get(`/mo-hinh/${slugs.ofPending}`);
      expect(orphan.text).not.to.include('Bếp ăn nghĩa tình');
      expect((await anon().get(`/api/v1/models/${ids.ofPending}`)).body.replicates).to.deep.equal([]);
    });

    it('list counts, the sort and the filter agree with the rows', async () => {
      const rows = await expected();
      const all = (await anon().get('/api/v1/models?sort=replicated&limit=100')).body;
      const order = [...rows].sort((a, b) => b.n - a.n || b.id - a.id).map((r) => r.id);
      expect(all.items.map((m: { id: number }) => m.id)).to.deep.equal(order);
      for (const m of all.items as { id: number; replicationCount: number }[])
        expect(m.replicationCount, String(m.id)).to.equal(rows.find((r) => r.id === m.id)!.n);
      const replicas = await queryRows<{ id: number }>(
        database.db,
        sql`select distinct m.id from models m join replications r on r.replica_model_id = m.id
          join models s on s.id = r.source_model_id where m.status = 'approved' and s.status = 'approved' order by m.id`,
      );
      const filtered = (await anon().get('/api/v1/models?replica=true&limit=100&sort=title')).body;
      expect(filtered.total).to.equal(replicas.length);
      expect(filtered.items.map((m: { id: number }) => m.id).sort((a: number, b: number) => a - b)).to.deep.equal(
        replicas.map((r) => r.id),
      );
      expect(filtered.items.map((m: { id: number }) => m.id)).not.to.include(ids.ofPending);
      const browse = await anon().get('/mo-hinh?replica=true');
      expect(browse.text).to.include(`Tìm thấy ${replicas.length} mô hình`);
      const facets = await facetCounts(database.db, { replica: true });
      const byType = Object.values(facets.type).reduce((a, n) => a + n, 0);
      expect(byType).to.equal(replicas.length);
      const inProvince19 = (await anon().get('/api/v1/models?replica=true&province=19')).body.total;
      expect(facets.province['19'] ?? 0).to.equal(inProvince19);
    });
    it("masks the name of an individual without consent in a replica's note, on the original's page and API", async () => {
      await add('hidden', {
        title: 'Điển hình cá nhân nhân rộng',
        type: 'individual',
        holderName: 'Nguyễn Thị Kín',
        holderRole: 'Chi hội trưởng',
        publishConsent: false,
        provinceCode: '19',
        year: 2025,
      });
      await link('r44', 'hidden', 'Bà Nguyễn Thị Kín điều chỉnh lịch họp.');
      const api = JSON.stringify((await anon().get(`/api/v1/models/${ids.r44}`)).body);
      expect(api).to.include('điều chỉnh lịch họp');
      expect(api).not.to.include('Nguyễn Thị Kín');
      expect((await anon().get(`/mo-hinh/${slugs.r44}`)).text).not.to.include('Nguyễn Thị Kín');
    });
  });
});
