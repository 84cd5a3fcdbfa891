// The yearly cycle's counts on a small dataset with known answers: registered (first sent for review in
// the year, Vietnam's calendar), first recognised, recognised again, dropped (by where the model stood).
import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { recognitions } from '../../src/db/schema.js';
import { yearlyCycleCounts } from '../../src/statistics/yearly-cycle.js';
import { freshDatabase } from '../helpers/db.js';
import { insertModel } from '../helpers/fixtures.js';

describe('yearly cycle counts', function () {
  this.timeout(120000);
  let database: Database;
  let tn: [string, string];
  let ht: string;

  before(async () => {
    database = await freshDatabase();
    const communes = await queryRows<{ code: string }>(
      database.db,
      sql`select code from communes where province_code = '19' order by code limit 2`,
    );
    tn = [communes[0].code, communes[1].code];
    ht = (
      await queryRows<{ code: string }>(database.db, sql`select code from communes where province_code = '42' limit 1`)
    )[0].code;
    const model = async (
      title: string,
      f: {
        commune: string;
        province?: string;
        status?: 'approved' | 'submitted' | 'withdrawn';
        year?: number;
        sent?: string;
      },
    ) => {
      const { id } = await insertModel(database, {
        title,
        provinceCode: f.province ?? '19',
        communeCode: f.commune,
        status: f.status ?? 'approved',
        year: f.year,
      });
      if (f.sent)
        await database.db.execute(sql`update models set first_submitted_at = ${f.sent}::timestamptz where id = ${id}`);
      return id;
    };
    // Registered in 2025: two in commune 0 (one on 1 January at 00:30 in Vietnam, still 2024 in UTC), one in commune 1.
    await model('Đăng ký đầu năm', { commune: tn[0], status: 'submitted', sent: '2024-12-31T17:30:00Z' });
    await model('Đăng ký giữa năm', { commune: tn[0], status: 'submitted', sent: '2025-06-01T03:00:00Z' });
    await model('Đăng ký xã hai', { commune: tn[1], status: 'submitted', sent: '2025-09-01T03:00:00Z' });
    // Not 2025: 23:30 on 31 December 2025 in Vietnam is 2025; 00:30 on 1 January 2026 is not.
    await model('Đăng ký cuối năm', { commune: tn[1], status: 'submitted', sent: '2025-12-31T16:30:00Z' });
    await model('Đăng ký năm sau', { commune: tn[1], status: 'submitted', sent: '2025-12-31T17:30:00Z' });
    // First recognised in 2025 (sent in 2024), one since withdrawn: both count as first recognised.
    await model('Công nhận 2025', { commune: tn[0], year: 2025, sent: '2024-05-01T03:00:00Z' });
    await model('Công nhận 2025 rồi thu hồi', { commune: tn[1], status: 'withdrawn', year: 2025 });
    await database.db.execute(sql`update models set recognised_year = 2025 where title = 'Công nhận 2025 rồi thu hồi'`);
    // Recognised again in 2025: two levels the same year count once; a 2025 recognition of a model first
    // recognised in 2025 is not "again".
    const again = await model('Công nhận lại hai cấp', { commune: tn[0], year: 2022 });
    await database.db.insert(recognitions).values([
      { modelId: again, year: 2025, level: 'province', grade: 'tot' },
      { modelId: again, year: 2025, level: 'central', grade: 'kha' },
    ]);
    const again2 = await model('Công nhận lại', { commune: tn[1], year: 2023 });
    await database.db.insert(recognitions).values({ modelId: again2, year: 2025, level: 'province', grade: 'tot' });
    // Dropped in 2025 while in commune 1 of province 19; since moved to Hà Tĩnh: counted where it stood.
    const dropped = await model('Không còn hiệu quả', { commune: ht, province: '42', status: 'withdrawn', year: 2021 });
    await database.db
      .execute(sql`insert into evaluations (model_id, year, decision, province_code, commune_code, field_code, reason)
      values (${dropped}, 2025, 'ineffective', '19', ${tn[1]}, 'kinh-te', 'Không duy trì.'),
             (${again}, 2025, 'effective', '19', ${tn[0]}, 'kinh-te', '')`);
    // Hà Tĩnh: one registered, one recognised again, nothing else.
    await model('Hà Tĩnh đăng ký', { commune: ht, province: '42', status: 'submitted', sent: '2025-03-01T03:00:00Z' });
    const htAgain = await model('Hà Tĩnh công nhận lại', { commune: ht, province: '42', year: 2020 });
    await database.db.insert(recognitions).values({ modelId: htAgain, year: 2025, level: 'province', grade: 'kha' });
  });
  after(async () => {
    await database.close();
  });

  const figures = (r: { registered: number; recognisedFirst: number; recognisedAgain: number; dropped: number }) => [
    r.registered,
    r.recognisedFirst,
    r.recognisedAgain,
    r.dropped,
  ];

  it('counts per province, the whole country', async () => {
    const { rows, total } = await yearlyCycleCounts(database.db, { year: 2025, by: 'province' });
    const byCode = Object.fromEntries(rows.map((r) => [r.code, figures(r)]));
    expect(byCode['19']).to.deep.equal([4, 2, 2, 1]);
    expect(byCode['42']).to.deep.equal([1, 0, 1, 0]);
    expect(rows.find((r) => r.code === '19')!.name).to.match(/Thái Nguyên/);
    expect(figures(total)).to.deep.equal([5, 2, 3, 1]);
  });

  it('counts per commune of one province', async () => {
    const { rows, total } = await yearlyCycleCounts(database.db, { year: 2025, provinceCode: '19', by: 'commune' });
    const byCode = Object.fromEntries(rows.map((r) => [r.code, figures(r)]));
    expect(byCode[tn[0]]).to.deep.equal([2, 1, 1, 0]);
    expect(byCode[tn[1]]).to.deep.equal([2, 1, 1, 1]);
    expect(Object.keys(byCode)).to.have.members([tn[0], tn[1]]);
    expect(figures(total)).to.deep.equal([4, 2, 2, 1]);
    expect(rows[0].name).to.not.equal('');
  });

  it('gives nothing for a year without activity', async () => {
    const { rows, total } = await yearlyCycleCounts(database.db, { year: 2015, provinceCode: '19', by: 'commune' });
    expect(rows).to.deep.equal([]);
    expect(figures(total)).to.deep.equal([0, 0, 0, 0]);
  });
});
