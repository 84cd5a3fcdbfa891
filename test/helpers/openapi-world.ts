import { expect } from 'chai';
import request from 'supertest';
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import {
  commendations,
  evidenceFiles,
  modelIndicators,
  modelMovements,
  models,
  movements,
  recognitions,
  replications,
} from '../../src/db/schema.js';
import { freshDatabase } from './db.js';
import { testApp } from './app.js';
import { insertModel } from './fixtures.js';
import { expectConforms } from './openapi-schema.js';

/**
 * The catalogue the API conformance tests call, in a database of its own: four approved models (ids.road in Thái
 * Nguyên with everything a detail can carry, ids.quangBinh in a whole former commune, ids.split in a split one,
 * ids.individual) and one draft (ids.draft). Call it inside a describe: it registers the before/after hooks there.
 * `call` checks the status and that the response matches the document.
 */
export function openApiWorld() {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  const ids: Record<string, number> = {};

  async function call(url: string, status = 200): Promise<request.Response> {
    const res = await request(app).get(url);
    expect(res.status, `${url}: ${JSON.stringify(res.body).slice(0, 400)}`).to.equal(status);
    expectConforms('get', url, res);
    return res;
  }

  before(async () => {
    database = await freshDatabase();
    // The CSV export is called for every documented parameter value: no hourly allowance in the way.
    app = testApp(database, { EXPORTS_PER_HOUR: '100000' });
    const db = database.db;
    const [quangBinhCommune] = await queryRows<{ code: string }>(
      db,
      sql`select code from former_communes
      where former_province_code = '44' and merge_type = 'whole' order by code limit 1`,
    );
    const [split] = await queryRows<{ code: string; former_province_code: string; province_code: string }>(
      db,
      sql`select fc.code,
        fc.former_province_code, fp.merged_into_province_code as province_code
      from former_communes fc join former_provinces fp on fp.code = fc.former_province_code
      where fc.merge_type = 'split' order by fc.code limit 1`,
    );

    ids.road = (
      await insertModel(database, {
        title: 'Dân vận khéo trong hiến đất mở đường',
        fieldCode: 'kinh-te',
        provinceCode: '19',
        year: 2023,
        movementCodes: ['dan-van-kheo'],
      })
    ).id;
    ids.quangBinh = (
      await insertModel(database, {
        title: 'Nồi cháo tình thương',
        fieldCode: 'van-hoa-xa-hoi',
        provinceCode: '44',
        formerProvinceCode: '44',
        communeCode: null,
        formerCommuneCode: quangBinhCommune.code,
        year: 2022,
      })
    ).id;
    ids.split = (
      await insertModel(database, {
        title: 'Tổ tự quản khu dân cư',
        fieldCode: 'quoc-phong-an-ninh',
        provinceCode: split.province_code,
        formerProvinceCode: split.former_province_code,
        communeCode: null,
        formerCommuneCode: split.code,
        year: 2020,
      })
    ).id;
    ids.individual = (
      await insertModel(database, {
        title: 'Đảng viên kèm cặp mười hộ',
        fieldCode: 'xay-dung-dang',
        provinceCode: '33',
        year: 2019,
        type: 'individual',
        holderName: 'Nguyễn Văn Khiêm',
        holderRole: 'Bí thư Chi bộ thôn Đông',
        publishConsent: false,
      })
    ).id;
    ids.draft = (await insertModel(database, { title: 'Bản nháp chưa công nhận', status: 'draft' })).id;

    // Everything the detail can carry, with its nullable parts both set and unset.
    await db
      .update(models)
      .set({ resourcesMoneyMillion: '150.50', resourcesWorkDays: 320 })
      .where(eq(models.id, ids.road));
    await db.insert(recognitions).values({
      modelId: ids.road,
      year: 2024,
      level: 'central',
      grade: 'kha',
      decisionNumber: '15-QĐ/BDVTW',
      decisionDate: '2024-05-19',
    });
    await db.insert(commendations).values([
      {
        modelId: ids.road,
        form: 'bang_khen',
        issuingBody: 'UBND tỉnh Thái Nguyên',
        level: 'province',
        decisionNumber: '123/QĐ-UBND',
        decisionDate: '2024-06-01',
        note: 'Khen thưởng',
      },
      { modelId: ids.road, form: 'other', issuingBody: 'UBND xã', level: 'commune' },
    ]);
    await db.insert(modelIndicators).values({
      modelId: ids.road,
      kindCode: null,
      name: 'Cây xanh trồng mới',
      value: '12.5',
      unit: 'cây',
      position: 1,
    });
    const [movement] = await db
      .insert(movements)
      .values({
        code: 'thai-nguyen-chung-suc',
        name: 'Thái Nguyên chung sức xây dựng nông thôn mới',
        level: 'province',
        issuingBody: 'Tỉnh ủy Thái Nguyên',
        documentNumber: '05-KH/TU',
        documentDate: '2021-03-01',
        startYear: 2021,
        endYear: 2025,
        provinceCode: '19',
      })
      .returning({ id: movements.id });
    // A commendation's nullable parts set: its movement and a public decision file; a revoked one stays hidden.
    await db.execute(
      sql`update commendations set movement_id = ${movement.id} where model_id = ${ids.road} and form = 'other'`,
    );
    const [decision] = await db
      .insert(evidenceFiles)
      .values({
        modelId: ids.road,
        storageKey: 'openapi-world-decision',
        originalName: 'quyet-dinh.pdf',
        mimeType: 'application/pdf',
        kind: 'document',
        sizeBytes: 1000,
      })
      .returning({ id: evidenceFiles.id });
    await db.execute(
      sql`update commendations set evidence_file_id = ${decision.id} where model_id = ${ids.road} and form = 'bang_khen'`,
    );
    await db.insert(commendations).values({
      modelId: ids.road,
      form: 'giay_khen',
      issuingBody: 'UBND xã',
      level: 'central',
      decisionNumber: '9/QĐ-UBND',
      decisionDate: '2024-07-01',
      revokedAt: '2024-08-01',
      revokedReason: 'Sai thủ tục',
    });
    await db.insert(modelMovements).values({ modelId: ids.road, movementId: movement.id });
    // The draft's link is not public: neither its page, nor the counts, sort or filter show it.
    await db.insert(replications).values([
      { sourceModelId: ids.quangBinh, replicaModelId: ids.road, note: 'Thêm quỹ do các hộ đóng góp.' },
      { sourceModelId: ids.quangBinh, replicaModelId: ids.draft, note: 'Chưa công nhận.' },
    ]);
  });
  after(async () => {
    await database.close();
  });

  return {
    get app() {
      return app;
    },
    ids,
    call,
  };
}
