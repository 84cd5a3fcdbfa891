import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.js';
import { movementPhases, movements } from '../../src/db/schema.js';
import { fileWorld, type FileWorld } from '../helpers/disk.js';
import { insertModel } from '../helpers/fixtures.js';
import { tokenOf } from '../helpers/people.js';
import * as sample from '../helpers/sample-files.js';
import { checkFiles } from '../../src/evidence/consistency.js';
import { LocalDiskStore } from '../../src/evidence/storage.js';

const THIS_YEAR = new Date().getFullYear();

describe('movements: catalogue, management and registration offer', function () {
  this.timeout(120000);
  let w: FileWorld;
  const agent = (who: keyof FileWorld['people']['agents']) => w.people.agents[who];

  async function post(who: keyof FileWorld['people']['agents'], url: string, body: Record<string, unknown>) {
    const a = agent(who);
    return a
      .post(url)
      .type('form')
      .send({ ...body, _csrf: await tokenOf(a) });
  }

  before(async () => {
    w = await fileWorld();
    const db = w.database.db;
    const rows = [
      {
        code: 'tw-dang-chay',
        name: 'Phong trào Trung ương đang chạy',
        level: 'central',
        provinceCode: null,
        startYear: 2020,
        endYear: null,
        status: 'in_force',
      },
      {
        code: 'tn-dang-chay',
        name: 'Phong trào Thái Nguyên đang chạy',
        level: 'province',
        provinceCode: '19',
        startYear: 2021,
        endYear: 2030,
        status: 'in_force',
      },
      {
        code: 'ht-dang-chay',
        name: 'Phong trào Hà Tĩnh đang chạy',
        level: 'province',
        provinceCode: '42',
        startYear: 2021,
        endYear: 2030,
        status: 'in_force',
      },
      {
        code: 'tw-da-xong',
        name: 'Phong trào đã kết thúc 2015–2018',
        level: 'central',
        provinceCode: null,
        startYear: 2015,
        endYear: 2018,
        status: 'ended',
      },
      {
        code: 'tw-ban-nhap',
        name: 'Phong trào bản nháp bí mật',
        level: 'central',
        provinceCode: null,
        startYear: 2020,
        endYear: null,
        status: 'draft',
      },
    ];
    await db.insert(movements).values(rows.map((r) => ({ ...r, issuingBody: 'Ban Dân vận' })));
    const [tn] = await db
      .select({ id: movements.id })
      .from(movements)
      .where(sql`code = 'tn-dang-chay'`);
    await db.insert(movementPhases).values([
      { movementId: tn.id, name: 'Giai đoạn 1', startYear: 2021, endYear: 2023, position: 1 },
      { movementId: tn.id, name: 'Giai đoạn 2', startYear: 2024, endYear: 2030, position: 2 },
    ]);
    const specs: [string, number, string[], string?][] = [
      ['Đường hoa thôn Đồng', 2022, ['tn-dang-chay', 'tw-dang-chay']],
      ['Tổ tự quản bờ sông', 2024, ['tn-dang-chay']],
      ['Bếp ăn tình thương', 2025, ['tn-dang-chay'], 'van-hoa-xa-hoi'],
      ['Chợ phiên không tiền', 2023, ['tw-ban-nhap', 'tw-dang-chay']],
    ];
    for (const [title, year, codes, fieldCode] of specs)
      await insertModel(w.database, { title, year, provinceCode: '19', movementCodes: codes, fieldCode });
    // Not approved: counted nowhere public.
    await insertModel(w.database, { title: 'Bản nháp chưa gửi', status: 'draft', movementCodes: ['tn-dang-chay'] });
  });
  after(() => w.close());

  /** Approved models of a movement, counted from the rows themselves. */
  async function approvedCount(code: string, from = 0, to = 9999) {
    const [r] = await queryRows<{ n: number }>(
      w.database.db,
      sql`select count(*)::int as n from model_movements mm join movements mv on mv.id = mm.movement_id
        join models m on m.id = mm.model_id
        where mv.code = ${code} and m.status = 'approved' and m.recognised_year between ${from} and ${to}`,
    );
    return Number(r.n);
  }

  describe('public pages and API', () => {
    it('lists movements in force and ended ones, with period and counts, never a draft', async () => {
      const res = await agent('anonymous').get('/phong-trao');
      expect(res.status).to.equal(200);
      const [inForce, ended] = res.text.split('id="da-ket-thuc"');
      expect(inForce).to.include('Phong trào Thái Nguyên đang chạy').and.include('từ 2020').and.include('2021–2030');
      expect(ended).to.include('Phong trào đã kết thúc 2015–2018').and.include('2015–2018');
      expect(res.text).to.include('Trung ương').and.include('Tỉnh, thành phố: Thái Nguyên');
      expect(res.text).not.to.include('bản nháp bí mật');
    });

    it('counts approved models per movement and per phase as the rows say', async () => {
      const list = (await agent('anonymous').get('/api/v1/movements')).body as {
        code: string;
        modelCount: number;
        phases: { name: string; startYear: number; endYear: number | null; modelCount: number }[];
      }[];
      expect(list.map((m) => m.code)).not.to.include('tw-ban-nhap');
      for (const m of list) {
        expect(m.modelCount, m.code).to.equal(await approvedCount(m.code));
        for (const p of m.phases)
          expect(p.modelCount, `${m.code} ${p.name}`).to.equal(
            await approvedCount(m.code, p.startYear, p.endYear ?? 9999),
          );
      }
      const tn = list.find((m) => m.code === 'tn-dang-chay')!;
      expect(tn.modelCount).to.equal(3);
      expect(tn.phases.map((p) => p.modelCount)).to.deep.equal([1, 2]);
      const one = await agent('anonymous').get('/api/v1/movements/tn-dang-chay');
      expect(one.status).to.equal(200);
      expect(one.body.modelCount).to.equal(3);
    });

    it('shows a movement with its figures and its models, filtered through the list query', async () => {
      const res = await agent('anonymous').get('/phong-trao/tn-dang-chay');
      expect(res.status).to.equal(200);
      expect(res.text).to.include('Đường hoa thôn Đồng').and.include('Bếp ăn tình thương');
      expect(res.text).not.to.include('Chợ phiên không tiền');
      expect(res.text)
        .to.include('Theo năm công nhận')
        .and.include('Theo lĩnh vực')
        .and.include('Theo tỉnh, thành phố');
      const filtered = await agent('anonymous').get(
        '/phong-trao/tn-dang-chay?field=van-hoa-xa-hoi&movement=tw-dang-chay',
      );
      expect(filtered.status).to.equal(200);
      expect(filtered.text).to.include('Bếp ăn tình thương').and.not.include('Đường hoa thôn Đồng');
      expect((await agent('anonymous').get('/phong-trao/tn-dang-chay?year=abc')).status).to.equal(400);
    });

    it('never shows a draft movement to the public: page, API, browse filter, registration form', async () => {
      expect((await agent('anonymous').get('/phong-trao/tw-ban-nhap')).status).to.equal(404);
      expect((await agent('anonymous').get('/api/v1/movements/tw-ban-nhap')).status).to.equal(404);
      expect((await agent('anonymous').get('/api/v1/movements/khong-co')).status).to.equal(404);
      const browse = await agent('anonymous').get('/mo-hinh');
      expect(browse.text).to.include('value="tn-dang-chay"').and.not.include('value="tw-ban-nhap"');
      expect((await agent('anonymous').get('/mo-hinh?movement=tw-ban-nhap')).status).to.equal(400);
      expect((await agent('anonymous').get('/api/v1/models?movement=tw-ban-nhap')).status).to.equal(400);
      const stats = (await agent('anonymous').get('/api/v1/stats?by=movement')).body as { key: string }[];
      expect(stats.map((r) => r.key)).not.to.include('tw-ban-nhap');
      // A model of a draft movement does not name it on its public record.
      const models = (await agent('anonymous').get('/api/v1/models?q=Chợ phiên không tiền')).body.items as {
        id: number;
      }[];
      const model = await agent('anonymous').get(`/api/v1/models/${models[0].id}`);
      expect(JSON.stringify(model.body.movements)).to.include('tw-dang-chay').and.not.include('tw-ban-nhap');
      const form = await agent('cadre').get('/quan-ly/mo-hinh/moi');
      expect(form.text).not.to.include('tw-ban-nhap');
    });
  });

  it('a cached catalogue page shows a movement as soon as it is published', async () => {
    const first = await agent('anonymous').get('/phong-trao');
    expect(first.text).not.to.include('bản nháp bí mật');
    await w.database.db.execute(sql`update movements set status = 'in_force' where code = 'tw-ban-nhap'`);
    expect((await agent('anonymous').get('/phong-trao')).text).to.include('bản nháp bí mật');
    expect((await agent('anonymous').get('/phong-trao/tw-ban-nhap')).status).to.equal(200);
    await w.database.db.execute(sql`update movements set status = 'draft' where code = 'tw-ban-nhap'`);
    expect((await agent('anonymous').get('/phong-trao')).text).not.to.include('bản nháp bí mật');
    expect((await agent('anonymous').get('/phong-trao/tw-ban-nhap')).status).to.equal(404);
  });

  describe('registration form offer', () => {
    it('offers the centre’s and the province’s movements running this year, nothing else', async () => {
      const form = (await agent('cadre').get('/quan-ly/mo-hinh/moi')).text;
      expect(form).to.include('value="tw-dang-chay"').and.include('value="tn-dang-chay"');
      expect(form).not.to.include('value="ht-dang-chay"');
      expect(form).not.to.include('value="tw-da-xong"');
    });

    const entry = (movementCodes: string[]) => ({
      type: 'collective',
      title: `Mô hình thử phong trào ${Math.random()}`,
      fieldCode: 'kinh-te',
      startedYear: String(THIS_YEAR),
      holderName: 'Chi hội',
      intent: 'draft',
      movementCodes,
    });

    it('refuses a movement that is not offered, keeping what was typed', async () => {
      for (const code of ['ht-dang-chay', 'tw-da-xong', 'tw-ban-nhap']) {
        const res = await post('cadre', '/quan-ly/mo-hinh', entry([code]));
        expect(res.status, code).to.equal(400);
        expect(res.text, code).to.include('Không thể chọn phong trào').and.include(code);
        expect(res.text).to.include('Mô hình thử phong trào');
      }
      const ok = await post('cadre', '/quan-ly/mo-hinh', entry(['tn-dang-chay']));
      expect(ok.status).to.equal(303);
    });

    it('keeps an entry’s chosen movement listed after it ends', async () => {
      const { id } = await insertModel(w.database, {
        title: 'Bản nháp có phong trào cũ',
        status: 'draft',
        communeCode: w.people.commune,
        movementCodes: ['tw-da-xong'],
      });
      const form = (await agent('cadre').get(`/quan-ly/mo-hinh/${id}/sua`)).text;
      expect(form).to.include('value="tw-da-xong"');
    });
  });

  describe('management', () => {
    const VALID = {
      code: 'phong-trao-moi-2026',
      name: 'Phong trào mới năm 2026',
      kind: 'thematic',
      status: 'in_force',
      issuingBody: 'Ban Dân vận Trung ương',
      documentNumber: '01-HD/BDVTW',
      documentDate: '15/01/2026',
      startYear: '2026',
      endYear: '2030',
      goals: 'Mục tiêu.',
      phaseName: ['Giai đoạn đầu', 'Giai đoạn sau', ''],
      phaseStart: ['2026', '2028', ''],
      phaseEnd: ['2027', '2030', ''],
    };

    it('refuses every invalid form with a Vietnamese message, keeping what was typed', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ code: 'Sai Mã' }, 'Mã phong trào chỉ gồm chữ thường'],
        [{ code: 'dan-van-kheo' }, 'Mã phong trào này đã được dùng'],
        [{ name: 'Ng' }, 'Tên phong trào dài từ 5 đến 300 ký tự'],
        [{ kind: 'other' }, 'Chọn loại phong trào'],
        [{ issuingBody: '' }, 'Cơ quan phát động'],
        [{ startYear: '1800' }, 'Năm bắt đầu là số từ 1945'],
        [{ endYear: '2020' }, 'Năm kết thúc (2020) không được trước năm bắt đầu (2026)'],
        [{ status: 'ended', endYear: '' }, 'Phong trào đã kết thúc cần có năm kết thúc'],
        [{ documentDate: '31/02/2026' }, 'Ngày không hợp lệ'],
        [{ phaseStart: ['2020', '2028', ''] }, 'Giai đoạn 1: bắt đầu (2020) trước khi phong trào bắt đầu'],
        [{ phaseEnd: ['2025', '2030', ''] }, 'Giai đoạn 1: năm kết thúc (2025) không được trước năm bắt đầu (2026)'],
        [{ phaseEnd: ['2027', '2035', ''] }, 'Giai đoạn 2: phải kết thúc trong thời gian của phong trào'],
        [{ phaseName: ['', 'Giai đoạn sau', ''] }, 'Giai đoạn 1: tên giai đoạn'],
        [{ endYear: '', phaseEnd: ['2027', '9999', ''] }, 'Giai đoạn 2: năm là số từ 1945 đến 2100'],
      ];
      for (const [change, message] of cases) {
        const res = await post('centralAdmin', '/quan-ly/phong-trao', { ...VALID, ...change });
        expect(res.status, message).to.equal(400);
        expect(res.text, message).to.include(message);
        expect(res.text, message).to.include('Mục tiêu.');
      }
      const [{ n }] = await queryRows<{ n: number }>(
        w.database.db,
        sql`select count(*)::int as n from movements where code = 'phong-trao-moi-2026'`,
      );
      expect(Number(n)).to.equal(0);
    });

    it('creates, edits (with version check), ends and records every change with labels', async () => {
      const created = await post('centralAdmin', '/quan-ly/phong-trao', VALID);
      expect(created.status).to.equal(303);
      expect(created.headers.location).to.equal('/quan-ly/phong-trao/phong-trao-moi-2026');
      const [row] = await queryRows<{ level: string; version: number; document_date: unknown }>(
        w.database.db,
        sql`select level, version, document_date from movements where code = 'phong-trao-moi-2026'`,
      );
      expect(row.level).to.equal('central');
      const edited = await post('centralAdmin', '/quan-ly/phong-trao/phong-trao-moi-2026/sua', {
        ...VALID,
        name: 'Phong trào mới năm 2026 (đã sửa)',
        version: 1,
      });
      expect(edited.status).to.equal(303);
      const stale = await post('centralAdmin', '/quan-ly/phong-trao/phong-trao-moi-2026/sua', {
        ...VALID,
        name: 'Sửa chồng lên',
        version: 1,
      });
      expect(stale.status).to.equal(409);
      expect(stale.text).to.include('vừa được người khác thay đổi').and.include('Sửa chồng lên');
      expect(
        (
          await post('centralAdmin', '/quan-ly/phong-trao/phong-trao-moi-2026/ket-thuc', {
            endYear: '2020',
            version: 2,
          })
        ).status,
      ).to.equal(400);
      const ended = await post('centralAdmin', '/quan-ly/phong-trao/phong-trao-moi-2026/ket-thuc', {
        endYear: '2027',
        version: 2,
      });
      expect(ended.status).to.equal(303);
      const page = await agent('centralAdmin').get('/quan-ly/phong-trao/phong-trao-moi-2026');
      expect(page.text).to.include('Lịch sử thay đổi').and.include('Tạo phong trào').and.include('Sửa thông tin');
      expect(page.text)
        .to.include('Kết thúc phong trào')
        .and.include('Tên')
        .and.include('Phong trào mới năm 2026 (đã sửa)');
      expect(page.text).to.include('Đã kết thúc');
      const history = await queryRows<{ action: string }>(
        w.database.db,
        sql`select action from movement_history where movement_code = 'phong-trao-moi-2026' order by id`,
      );
      expect(history.map((h) => h.action)).to.deep.equal(['create', 'edit', 'end']);
    });

    it('a province admin manages its province’s movements only', async () => {
      const res = await post('provinceAdmin', '/quan-ly/phong-trao', { ...VALID, code: 'thai-nguyen-moi' });
      expect(res.status).to.equal(303);
      const [row] = await queryRows<{ level: string; province_code: string }>(
        w.database.db,
        sql`select level, province_code from movements where code = 'thai-nguyen-moi'`,
      );
      expect(row).to.deep.equal({ level: 'province', province_code: '19' });
      const list = (await agent('provinceAdmin').get('/quan-ly/phong-trao')).text;
      expect(list).to.include('thai-nguyen-moi').and.include('tn-dang-chay').and.not.include('ht-dang-chay');
      expect(list).not.to.include('tw-dang-chay');
      expect((await agent('provinceAdmin').get('/quan-ly/phong-trao/ht-dang-chay')).status).to.equal(404);
      expect((await agent('provinceAdmin').get('/quan-ly/phong-trao/tw-dang-chay')).status).to.equal(404);
      expect((await agent('reviewer').get('/quan-ly/phong-trao')).status).to.equal(403);
      expect((await agent('cadre').get('/quan-ly/phong-trao')).status).to.equal(403);
    });

    it('deletes only a movement without models; otherwise only ending is possible', async () => {
      const refused = await post('provinceAdmin', '/quan-ly/phong-trao/tn-dang-chay/xoa', { version: 1 });
      expect(refused.status).to.equal(400);
      expect(refused.text).to.include('chỉ có thể kết thúc phong trào');
      const deleted = await post('provinceAdmin', '/quan-ly/phong-trao/thai-nguyen-moi/xoa', { version: 1 });
      expect(deleted.status).to.equal(303);
      const [h] = await queryRows<{ action: string; movement_id: number | null }>(
        w.database.db,
        sql`select action, movement_id from movement_history where movement_code = 'thai-nguyen-moi' order by id desc limit 1`,
      );
      expect(h).to.deep.equal({ action: 'delete', movement_id: null });
    });

    it('keeps a checked launch document and serves it with the public movement', async () => {
      const a = agent('centralAdmin');
      const upload = async (name: string, content: Buffer, version: number) =>
        a
          .post(`/quan-ly/phong-trao/tw-dang-chay/van-ban?_csrf=${encodeURIComponent(await tokenOf(a))}`)
          .field('version', String(version))
          .attach('files', content, { filename: name, contentType: 'application/octet-stream' });
      const bad = await upload('van-ban.pdf', sample.exe(), 1);
      // Refused with a 4xx and the reason on the movement's page, nothing stored.
      expect(bad.status).to.be.within(400, 499);
      expect(bad.text).to.include('Chưa lưu văn bản phát động');
      const image = await upload('anh.png', await sample.png(), 1);
      expect(image.status).to.equal(415);
      expect(image.text).to.include('phải là tài liệu PDF');
      const good = await upload('Quyết định phát động.pdf', sample.pdf(), 1);
      expect(good.status).to.equal(303);
      expect((await a.get('/quan-ly/phong-trao/tw-dang-chay')).text).to.include('Đã lưu văn bản phát động');
      const file = await agent('anonymous').get('/phong-trao/tw-dang-chay/van-ban').buffer(true);
      expect(file.status).to.equal(200);
      expect(file.headers['content-type']).to.equal('application/pdf');
      expect(Buffer.from(file.body).subarray(0, 5).toString()).to.equal('%PDF-');
      const api = await agent('anonymous').get('/api/v1/movements/tw-dang-chay');
      expect(api.body.document.name).to.equal('Quyết định phát động.pdf');
      // The storage check knows the document: never an orphan to remove.
      const report = await checkFiles(w.database, new LocalDiskStore(w.uploadDir), { minAgeMinutes: 0 });
      expect(report.orphanFiles).to.deep.equal([]);
      // A draft's document is not public.
      await w.database.db.execute(sql`update movements set status = 'draft' where code = 'tw-dang-chay'`);
      expect((await agent('anonymous').get('/phong-trao/tw-dang-chay/van-ban')).status).to.equal(404);
      expect((await a.get('/phong-trao/tw-dang-chay/van-ban')).status).to.equal(200);
      await w.database.db.execute(sql`update movements set status = 'in_force' where code = 'tw-dang-chay'`);
    });
  });
});
