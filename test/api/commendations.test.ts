// Commendations: who records them, every refused case with its message and the input kept, the
// history line, revocation leaving the public page, API and filter, and the filter's counts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import type express from 'express';
import { queryRows, type Database } from '../../src/db/client.js';
import { evidenceFiles } from '../../src/db/schema.js';
import { facetCounts } from '../../src/listing/counts.js';
import { listModels, publicList } from '../../src/listing/query.js';
import { parseListQuery, type ListQuery } from '../../src/listing/filters.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';
import { csrfFrom, signInPeople, tokenOf, type People } from '../helpers/people.js';
import * as sample from '../helpers/sample-files.js';

const unescape = (s: string) =>
  s
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const today = () => {
  const d = new Date(Date.now() + 7 * 3600_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};
const tomorrow = () => {
  const d = new Date(Date.now() + 7 * 3600_000 + 86400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};

describe('commendations', function () {
  this.timeout(120000);
  let database: Database;
  let app: express.Express;
  let people: People;
  let approved: number;
  let draft: number;
  let publicFile: number;
  let internalFile: number;
  let otherFile: number;
  let uploadDir: string;

  const post = async (who: keyof People['agents'], url: string, body: Record<string, unknown>) => {
    const agent = people.agents[who];
    const _csrf = csrfFrom((await agent.get('/dashboard')).text);
    return agent
      .post(url)
      .type('form')
      .send({ ...body, _csrf });
  };
  const VALID = {
    form: 'bang_khen',
    issuingBody: 'UBND tỉnh Thái Nguyên',
    level: 'province',
    decisionNumber: '123/QĐ-UBND',
    decisionDate: '15/03/2024',
    movement: 'dan-van-kheo',
    note: '',
  };

  before(async () => {
    database = await freshDatabase();
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-commendations-'));
    app = testApp(database, { UPLOAD_DIR: uploadDir });
    people = await signInPeople(database, app);
    approved = (
      await insertModel(database, {
        title: 'Mô hình được khen',
        status: 'approved',
        communeCode: people.commune,
        startedYear: 2020,
      })
    ).id;
    draft = (await insertModel(database, { title: 'Mô hình nháp', status: 'draft', communeCode: people.commune })).id;
    const file = async (modelId: number, isPublic: boolean, name: string) =>
      (
        await database.db
          .insert(evidenceFiles)
          .values({
            modelId,
            storageKey: `k-${name}-${Math.random()}`,
            originalName: name,
            mimeType: 'application/pdf',
            kind: 'document',
            sizeBytes: 100,
            isPublic,
          })
          .returning()
      )[0].id;
    publicFile = await file(approved, true, 'quyet-dinh-cong-khai.pdf');
    internalFile = await file(approved, false, 'quyet-dinh-noi-bo.pdf');
    otherFile = await file(draft, true, 'tep-mo-hinh-khac.pdf');
  });
  after(async () => {
    await database.close();
    fs.rmSync(uploadDir, { recursive: true, force: true });
  });

  const rowsOf = (modelId: number) =>
    queryRows<Record<string, unknown>>(
      database.db,
      sql`select * from commendations where model_id = ${modelId} order by id`,
    );

  it('lets the province reviewer record one, with its history line, and shows it publicly', async () => {
    const res = await post('reviewer', `/quan-ly/mo-hinh/${approved}/khen-thuong`, {
      ...VALID,
      evidenceFileId: String(publicFile),
    });
    expect(res.status, res.text).to.equal(303);
    const [row] = await rowsOf(approved);
    expect(row.form).to.equal('bang_khen');
    expect(String(row.decision_date).slice(0, 10) === '2024-03-15' || row.decision_date instanceof Date).to.equal(true);
    const [h] = await queryRows<Record<string, unknown>>(
      database.db,
      sql`select * from status_history where model_id = ${approved} and action = 'commendation'`,
    );
    expect(h.to_status).to.equal('approved');
    expect(h.from_status).to.equal('approved');
    const [m] = await queryRows<{ version: number }>(
      database.db,
      sql`select version from models where id = ${approved}`,
    );
    expect(Number(h.version)).to.equal(Number(m.version));
    const entry = await people.agents.reviewer.get(`/quan-ly/mo-hinh/${approved}`);
    expect(entry.text).to.include('123/QĐ-UBND');
    expect(entry.text).to.include('<strong>Khen thưởng</strong>');

    const page = await request(app).get(`/mo-hinh/${approved}`).redirects(1);
    const api = await request(app).get(`/api/v1/models/${approved}`);
    expect(api.status).to.equal(200);
    const c = api.body.commendations.find((x: { decisionNumber: string }) => x.decisionNumber === '123/QĐ-UBND');
    expect(c.formName).to.equal('Bằng khen');
    expect(c.decisionFileUrl).to.match(new RegExp(`/tep/${publicFile}/xem$`));
    expect(c.movementCode).to.equal('dan-van-kheo');
    const html =
      page.status === 200 ? page.text : (await request(app).get(api.body.url.replace(/^https?:\/\/[^/]+/, ''))).text;
    expect(unescape(html)).to.include('Bằng khen của UBND tỉnh Thái Nguyên');
    expect(html).to.include(`/tep/${publicFile}/xem`);
  });

  it('links the decision publicly only when its file is public', async () => {
    const res = await post('centralAdmin', `/quan-ly/mo-hinh/${approved}/khen-thuong`, {
      ...VALID,
      decisionNumber: '45/QĐ-BDVTW',
      level: 'central',
      issuingBody: 'Ban Dân vận Trung ương',
      evidenceFileId: String(internalFile),
    });
    expect(res.status, res.text).to.equal(303);
    const api = await request(app).get(`/api/v1/models/${approved}`);
    const c = api.body.commendations.find((x: { decisionNumber: string }) => x.decisionNumber === '45/QĐ-BDVTW');
    expect(c.decisionFileUrl).to.equal(null);
  });

  describe('refusals, each with its Vietnamese message and the input kept', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a decision date in the future', { decisionDate: tomorrow() }, 'không được sau hôm nay'],
      ['a decision date before the model started', { decisionDate: '31/12/2019' }, 'năm mô hình bắt đầu (2020)'],
      ['an unreadable date', { decisionDate: '31/02/2024' }, 'Ngày không hợp lệ'],
      ['the same decision number again', { decisionNumber: '  123/qđ-ubnd ' }, 'đã có khen thưởng theo Quyết định số'],
      ['a missing form', { form: '' }, 'Chọn hình thức khen thưởng'],
      ['a missing issuing body', { issuingBody: ' ' }, 'Nhập cơ quan khen thưởng'],
      ['a missing decision number', { decisionNumber: '' }, 'Nhập số quyết định'],
      ['a missing decision date', { decisionDate: '' }, 'Nhập ngày quyết định'],
      ['an unknown form', { form: 'huan_chuong_gia' }, 'không có trong danh mục'],
      ['an unknown level', { level: 'district' }, 'Cấp khen thưởng không hợp lệ'],
      ['an unknown movement', { movement: 'khong-co' }, 'Phong trào không có trong danh sách'],
      ['a file of another model', { evidenceFileId: String(0) }, 'Tệp quyết định không hợp lệ'],
    ];
    for (const [label, change, message] of cases) {
      it(`refuses ${label}`, async () => {
        const before = (await rowsOf(approved)).length;
        const body = { ...VALID, decisionNumber: `99/${Math.random().toString(36).slice(2, 8)}`, ...change };
        const res = await post('reviewer', `/quan-ly/mo-hinh/${approved}/khen-thuong`, body);
        expect(res.status, res.text.slice(0, 300)).to.equal(400);
        expect(unescape(res.text)).to.include(message);
        expect(unescape(res.text)).to.include(String(body.issuingBody).trim() || 'UBND');
        expect((await rowsOf(approved)).length).to.equal(before);
      });
    }
    it('refuses a decision file of another model', async () => {
      const res = await post('reviewer', `/quan-ly/mo-hinh/${approved}/khen-thuong`, {
        ...VALID,
        decisionNumber: 'khac/1',
        evidenceFileId: String(otherFile),
      });
      expect(res.status).to.equal(400);
      expect(unescape(res.text)).to.include('phải là một tệp minh chứng của mô hình này');
    });
    it('refuses a deactivated form for a new commendation', async () => {
      await database.db.execute(sql`update commendation_forms set is_active = false where code = 'huy_chuong'`);
      const res = await post('reviewer', `/quan-ly/mo-hinh/${approved}/khen-thuong`, {
        ...VALID,
        decisionNumber: 'hc/1',
        form: 'huy_chuong',
      });
      await database.db.execute(sql`update commendation_forms set is_active = true where code = 'huy_chuong'`);
      expect(res.status).to.equal(400);
      expect(unescape(res.text)).to.include('không còn được dùng');
    });
    it('refuses a model not approved (403) and a model out of scope (404)', async () => {
      const notApproved = await post('reviewer', `/quan-ly/mo-hinh/${draft}/khen-thuong`, VALID);
      expect(notApproved.status).to.equal(403);
      expect(unescape(notApproved.text)).to.include('mô hình đã được công nhận');
      const outside = await post('reviewerOtherProvince', `/quan-ly/mo-hinh/${approved}/khen-thuong`, VALID);
      expect(outside.status).to.equal(404);
      const cadre = await post('cadre', `/quan-ly/mo-hinh/${approved}/khen-thuong`, VALID);
      expect(cadre.status).to.equal(403);
    });
  });

  it('edits one into the history, refusing a number another one has', async () => {
    const [first, second] = await rowsOf(approved);
    const clash = await post('provinceAdmin', `/quan-ly/mo-hinh/${approved}/khen-thuong/${second.id}/sua`, {
      ...VALID,
      decisionNumber: '123/QĐ-UBND',
    });
    expect(clash.status).to.equal(400);
    expect(unescape(clash.text)).to.include('đã có khen thưởng theo Quyết định số');
    const ok = await post('provinceAdmin', `/quan-ly/mo-hinh/${approved}/khen-thuong/${first.id}/sua`, {
      ...VALID,
      note: 'Tổng kết 5 năm phong trào',
    });
    expect(ok.status, ok.text.slice(0, 300)).to.equal(303);
    const [h] = await queryRows<{ changes: unknown }>(
      database.db,
      sql`select changes from status_history where model_id = ${approved} and action = 'commendation' order by id desc limit 1`,
    );
    const changes = (typeof h.changes === 'string' ? JSON.parse(h.changes) : h.changes) as {
      commendation: { op: string; changes: Record<string, unknown> };
    };
    expect(changes.commendation.op).to.equal('edit');
    expect(Object.keys(changes.commendation.changes).sort()).to.deep.equal(['evidenceFileId', 'note']);
  });

  describe('revocation', () => {
    it('refuses a revocation date before the decision, in the future, or without a reason', async () => {
      const [first] = await rowsOf(approved);
      const url = `/quan-ly/mo-hinh/${approved}/khen-thuong/${first.id}/thu-hoi`;
      for (const [body, message] of [
        [{ revokedAt: '14/03/2024', reason: 'Sai thủ tục' }, 'không được trước ngày quyết định'],
        [{ revokedAt: tomorrow(), reason: 'Sai thủ tục' }, 'không được sau hôm nay'],
        [{ revokedAt: today(), reason: '' }, 'Nhập lý do thu hồi'],
        [{ revokedAt: '', reason: 'Sai thủ tục' }, 'Nhập ngày thu hồi'],
      ] as const) {
        const res = await post('reviewer', url, body);
        expect(res.status, message).to.equal(400);
        expect(unescape(res.text)).to.include(message);
        if (body.reason) expect(res.text).to.include(body.reason);
      }
      expect((await rowsOf(approved))[0].revoked_at).to.equal(null);
    });

    it('keeps a revoked one on the entry page and hides it from the page, the API and the filter', async () => {
      const list = async () => (await request(app).get('/api/v1/models?commendedAt=central')).body.total as number;
      const before = await list();
      const [, central] = await rowsOf(approved);
      const res = await post('reviewer', `/quan-ly/mo-hinh/${approved}/khen-thuong/${central.id}/thu-hoi`, {
        revokedAt: today(),
        reason: 'Hồ sơ đề nghị không trung thực',
      });
      expect(res.status, res.text.slice(0, 300)).to.equal(303);
      const entry = await people.agents.reviewer.get(`/quan-ly/mo-hinh/${approved}`);
      expect(entry.text).to.include('Đã thu hồi');
      expect(unescape(entry.text)).to.include('Hồ sơ đề nghị không trung thực');
      const api = await request(app).get(`/api/v1/models/${approved}`);
      expect(api.body.commendations.map((c: { decisionNumber: string }) => c.decisionNumber)).to.deep.equal([
        '123/QĐ-UBND',
      ]);
      const page = await request(app).get(api.body.url.replace(/^https?:\/\/[^/]+/, ''));
      expect(page.text).not.to.include('45/QĐ-BDVTW');
      expect(page.text).not.to.include('Đã thu hồi');
      expect(await list()).to.equal(before - 1);
      const central2 = await request(app).get('/api/v1/models?commendedAt=central&limit=100');
      expect(central2.body.items.map((m: { id: number }) => m.id)).not.to.include(approved);
      const province = await request(app).get('/api/v1/models?commendedAt=province&limit=100');
      expect(province.body.items.map((m: { id: number }) => m.id)).to.include(approved);
    });
  });

  describe('the commendedAt filter', () => {
    const expected = async (level: string, extra = sql``) => {
      const levels = {
        commune: ['commune', 'province', 'central'],
        province: ['province', 'central'],
        central: ['central'],
      }[level]!;
      const rows = await queryRows<{
        id: number;
        level: string;
        revoked_at: unknown;
        status: string;
        field_code: string;
      }>(
        database.db,
        sql`select m.id, c.level, c.revoked_at, m.status, m.field_code from models m
        left join commendations c on c.model_id = m.id where true ${extra}`,
      );
      const ids = new Set(
        rows
          .filter((r) => r.status === 'approved' && r.revoked_at === null && levels.includes(r.level))
          .map((r) => r.id),
      );
      return ids;
    };
    const parse = (raw: Record<string, unknown>): ListQuery => {
      const p = parseListQuery(raw);
      if ('error' in p) throw new Error(p.error.message);
      return p.value;
    };

    for (const level of ['commune', 'province', 'central']) {
      it(`counts ${level} or higher as the rows do, in the list, the totals and the facets`, async () => {
        const ids = await expected(level);
        const q = parse({ commendedAt: level, limit: 100 });
        const result = await listModels(database.db, publicList(q));
        expect(result.total).to.equal(ids.size);
        const facets = await facetCounts(database.db, q);
        const byField = new Map<string, number>();
        const rows = await queryRows<{ id: number; field_code: string }>(
          database.db,
          sql`select id, field_code from models where status = 'approved'`,
        );
        for (const r of rows) if (ids.has(r.id)) byField.set(r.field_code, (byField.get(r.field_code) ?? 0) + 1);
        expect(facets.field).to.deep.equal(Object.fromEntries(byField));
        const sumProvinces = Object.values(facets.province).reduce((a, b) => a + b, 0);
        expect(sumProvinces).to.equal(ids.size);
        const api = await request(app).get(`/api/v1/models?commendedAt=${level}`);
        expect(api.body.total).to.equal(ids.size);
        const page = await request(app).get(`/mo-hinh?commendedAt=${level}`);
        expect(page.status).to.equal(200);
        expect(page.text).to.match(new RegExp(`<option value="${level}" selected`));
      });
    }

    it('refuses an unknown level on the API', async () => {
      const res = await request(app).get('/api/v1/models?commendedAt=district');
      expect(res.status).to.equal(400);
    });
  });

  describe('the scanned decision uploaded with the form', () => {
    const send = async (fields: Record<string, string>, files: [string, Buffer][]) => {
      const agent = people.agents.reviewer;
      const token = await tokenOf(agent);
      let req = agent.post(`/quan-ly/mo-hinh/${approved}/khen-thuong?_csrf=${encodeURIComponent(token)}`);
      for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
      for (const [name, buf] of files)
        req = req.attach('files', buf, { filename: name, contentType: 'application/octet-stream' });
      return req;
    };
    it('stores it through the evidence pipeline as one of the model’s files, internal when chosen', async () => {
      const res = await send({ ...VALID, decisionNumber: 'scan/1', decisionVisibility: 'internal' }, [
        ['quyet-dinh.png', await sample.png()],
      ]);
      expect(res.status, res.text.slice(0, 400)).to.equal(303);
      const [row] = await queryRows<{ evidence_file_id: number; is_public: boolean; caption: string; kind: string }>(
        database.db,
        sql`select c.evidence_file_id, e.is_public, e.caption, e.kind from commendations c
        join evidence_files e on e.id = c.evidence_file_id where c.decision_number = 'scan/1'`,
      );
      expect(row.is_public).to.equal(false);
      expect(row.kind).to.equal('image');
      expect(row.caption).to.include('scan/1');
      const api = await request(app).get(`/api/v1/models/${approved}`);
      const c = api.body.commendations.find((x: { decisionNumber: string }) => x.decisionNumber === 'scan/1');
      expect(c.decisionFileUrl).to.equal(null);
    });
    it('refuses a file the content checks refuse, keeping what was typed, storing nothing', async () => {
      const before = await queryRows(database.db, sql`select id from evidence_files`);
      const res = await send({ ...VALID, decisionNumber: 'scan/2', issuingBody: 'Ban Dân vận Tỉnh ủy Thái Nguyên' }, [
        ['quyet-dinh.exe', sample.exe()],
      ]);
      expect(res.status).to.be.within(400, 499);
      expect(unescape(res.text)).to.include('Ban Dân vận Tỉnh ủy Thái Nguyên');
      expect(res.text).to.include('id="err-decisionFile"');
      expect((await queryRows(database.db, sql`select id from evidence_files`)).length).to.equal(before.length);
      expect(
        (await queryRows(database.db, sql`select 1 from commendations where decision_number = 'scan/2'`)).length,
      ).to.equal(0);
    });
    it('refuses a chosen file and an upload together, and a refused commendation keeps no uploaded file', async () => {
      const before = await queryRows(database.db, sql`select id from evidence_files`);
      const both = await send({ ...VALID, decisionNumber: 'scan/3', evidenceFileId: String(publicFile) }, [
        ['quyet-dinh.png', await sample.png()],
      ]);
      expect(both.status).to.equal(400);
      expect(unescape(both.text)).to.include('không chọn cả hai');
      const duplicate = await send({ ...VALID }, [['quyet-dinh.png', await sample.png()]]);
      expect(duplicate.status).to.equal(400);
      expect(unescape(duplicate.text)).to.include('đã có khen thưởng theo Quyết định số');
      expect((await queryRows(database.db, sql`select id from evidence_files`)).length).to.equal(before.length);
    });
  });

  describe('the list of forms', () => {
    it('lets the central admin add, rename, reorder and deactivate; refuses deleting one in use', async () => {
      const add = await post('centralAdmin', '/quan-ly/hinh-thuc-khen-thuong', { name: 'Kỷ niệm chương' });
      expect(add.status).to.equal(303);
      const [f] = await queryRows<{ code: string; position: number }>(
        database.db,
        sql`select code, position from commendation_forms where name = 'Kỷ niệm chương'`,
      );
      expect(f.code).to.equal('ky_niem_chuong');
      const dup = await post('centralAdmin', '/quan-ly/hinh-thuc-khen-thuong', { name: 'kỷ niệm chương' });
      expect(dup.status).to.equal(400);
      const edit = await post('centralAdmin', `/quan-ly/hinh-thuc-khen-thuong/${f.code}`, {
        name: 'Kỷ niệm chương Vì sự nghiệp Dân vận',
        position: '5',
      });
      expect(edit.status).to.equal(303);
      const [g] = await queryRows<{ name: string; position: number; is_active: boolean }>(
        database.db,
        sql`select name, position, is_active from commendation_forms where code = ${f.code}`,
      );
      expect([g.name, Number(g.position), g.is_active]).to.deep.equal([
        'Kỷ niệm chương Vì sự nghiệp Dân vận',
        5,
        false,
      ]);
      const inUse = await post('centralAdmin', '/quan-ly/hinh-thuc-khen-thuong/bang_khen/xoa', {});
      expect(inUse.status).to.equal(409);
      expect(unescape(inUse.text)).to.include('không xóa được');
      const del = await post('centralAdmin', `/quan-ly/hinh-thuc-khen-thuong/${f.code}/xoa`, {});
      expect(del.status).to.equal(303);
      const badPos = await post('centralAdmin', '/quan-ly/hinh-thuc-khen-thuong/giay_khen', {
        name: 'Giấy khen',
        position: 'x',
      });
      expect(badPos.status).to.equal(400);
      expect(unescape(badPos.text)).to.include('Thứ tự là số nguyên');
      for (const who of ['reviewer', 'provinceAdmin', 'cadre'] as const) {
        expect((await people.agents[who].get('/quan-ly/hinh-thuc-khen-thuong')).status).to.equal(403);
      }
    });
  });
});
