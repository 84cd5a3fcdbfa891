import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { facetCounts } from '../../src/listing/counts.js';
import { listModels, PUBLIC } from '../../src/listing/query.js';
import type { ModelFilters } from '../../src/listing/filters.js';
import { freshDatabase } from '../helpers/db.js';
import { insertModel } from '../helpers/fixtures.js';

describe('facet counts', () => {
  let database: Database;
  before(async () => {
    database = await freshDatabase();
    const [c1, c2] = await queryRows<{ code: string }>(
      database.db,
      sql`select code from communes where province_code = '42' order by code limit 2`,
    );
    await insertModel(database, {
      title: 'Hiến đất làm đường',
      provinceCode: '42',
      communeCode: c1.code,
      fieldCode: 'kinh-te',
      year: 2020,
      movementCodes: ['dan-van-kheo'],
    });
    await insertModel(database, {
      title: 'Hiến đất xây trường',
      provinceCode: '42',
      communeCode: c2.code,
      fieldCode: 'van-hoa-xa-hoi',
      year: 2021,
      type: 'individual',
    });
    await insertModel(database, {
      title: 'Tự quản đường biên',
      provinceCode: '22',
      fieldCode: 'quoc-phong-an-ninh',
      year: 2021,
    });
    await insertModel(database, {
      title: 'Hiến đất chưa duyệt',
      provinceCode: '42',
      communeCode: c1.code,
      status: 'submitted',
    });
  });
  after(async () => {
    await database.close();
  });

  it('counts each option with the other filters applied, never unapproved models', async () => {
    const f = await facetCounts(database.db, { province: '42' });
    expect(f.province).to.deep.equal({ '42': 2, '22': 1 });
    expect(f.field).to.deep.equal({ 'kinh-te': 1, 'van-hoa-xa-hoi': 1 });
    expect(f.type).to.deep.equal({ collective: 1, individual: 1 });
    expect(f.year).to.deep.equal({ '2020': 1, '2021': 1 });
    expect(f.movement).to.deep.equal({ 'dan-van-kheo': 1 });
    expect(Object.values(f.commune).reduce((a, b) => a + b, 0)).to.equal(2);
  });

  it('agrees with the list totals, with and without text', async () => {
    const cases: ModelFilters[] = [
      {},
      { q: 'hien dat' },
      { year: 2021 },
      { field: 'kinh-te', q: 'đất' },
      { movement: 'dan-van-kheo' },
    ];
    for (const filters of cases) {
      const f = await facetCounts(database.db, filters);
      for (const [province, n] of Object.entries(f.province)) {
        const { total } = await listModels(database.db, {
          audience: PUBLIC,
          filters: { ...filters, province },
          sort: 'newest',
          page: 1,
          limit: 1,
        });
        expect(total, JSON.stringify({ ...filters, province })).to.equal(n);
      }
      for (const [year, n] of Object.entries(f.year)) {
        const { total } = await listModels(database.db, {
          audience: PUBLIC,
          filters: { ...filters, year: Number(year) },
          sort: 'newest',
          page: 1,
          limit: 1,
        });
        expect(total, JSON.stringify({ ...filters, year })).to.equal(n);
      }
    }
    expect((await facetCounts(database.db, { q: 'hien dat' })).province).to.deep.equal({ '42': 2 });
  });
});
