import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { formatNumber } from '../../src/text/numbers.js';
import { figureCsv } from '../../src/statistics/csv.js';
import { mapClasses } from '../../src/statistics/map.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { buildWorld, expectedFigures, pageTables, parseCsv, type World } from '../helpers/statistics-world.js';

interface Tile {
  href: string;
  shade: number;
  code: string;
  count: number;
  title: string;
}

function tiles(html: string): Tile[] {
  const svg = html.match(/<svg class="tile-map-svg"[\s\S]*?<\/svg>/)?.[0] ?? '';
  return [
    ...svg.matchAll(
      /<a href="([^"]+)" class="tile shade-(\d)" data-code="(\d{2})" data-count="(\d+)">\s*<title>([^<]+)<\/title>/g,
    ),
  ].map((m) => ({ href: m[1], shade: Number(m[2]), code: m[3], count: Number(m[4]), title: m[5] }));
}

function legend(html: string): { min: number; max: number; shade: number; text: string }[] {
  return [
    ...html.matchAll(
      /<li data-min="(\d+)" data-max="(\d+)"><span class="swatch shade-(\d)" aria-hidden="true"><\/span>([^<]+)<\/li>/g,
    ),
  ].map((m) => ({ min: Number(m[1]), max: Number(m[2]), shade: Number(m[3]), text: m[4] }));
}

describe('statistics page: the province tile map', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  let world: World;
  let provinces: { code: string; full_name: string }[];
  before(async () => {
    database = await freshDatabase();
    world = await buildWorld(database);
    app = testApp(database);
    provinces = await queryRows(database.db, sql`select code, full_name from provinces order by code`);
  });
  after(async () => {
    await database.close();
  });

  it('draws the 34 provinces, each linking to its page, with a text alternative and its count', async () => {
    const res = await request(app).get('/thong-ke');
    expect(res.status).to.equal(200);
    const all = tiles(res.text);
    expect(all).to.have.length(34);
    expect(all.map((t) => t.code).sort()).to.deep.equal(provinces.map((p) => p.code));
    const expected = (await expectedFigures(database, {})).province;
    for (const t of all) {
      const p = provinces.find((x) => x.code === t.code)!;
      expect(t.href).to.equal(`/tinh/${t.code}`);
      expect(t.count).to.equal(expected.get(t.code) ?? 0);
      // The link's accessible name (SVG: its <title>), the tile's own text being short.
      expect(t.title).to.equal(`${p.full_name}: ${formatNumber(t.count)} mô hình`);
    }
    // Each tile's link leads to a real page.
    for (const t of all.slice(0, 3)) expect((await request(app).get(t.href)).status).to.equal(200);
    // No two tiles share a square.
    const squares = [...res.text.matchAll(/<rect x="(\d+)" y="(\d+)"/g)].map((m) => `${m[1]},${m[2]}`);
    expect(new Set(squares).size).to.equal(34);
  });

  it('shades each tile by the legend range its count falls in, the ranges written the Vietnamese way', async () => {
    for (const qs of ['', 'type=individual', 'province=33', 'yearFrom=2100']) {
      const res = await request(app).get(`/thong-ke?${qs}`);
      const all = tiles(res.text);
      const ranges = legend(res.text);
      expect(ranges[0]).to.deep.include({ min: 0, max: 0, shade: 0 });
      // Ranges follow each other without gap up to the largest count.
      for (let i = 1; i < ranges.length; i++) expect(ranges[i].min).to.equal(ranges[i - 1].max + 1);
      expect(ranges[ranges.length - 1].max).to.equal(Math.max(...all.map((t) => t.count)));
      for (const t of all) {
        const range = ranges.find((r) => t.count >= r.min && t.count <= r.max)!;
        expect(t.shade, `${qs} ${t.code}`).to.equal(range.shade);
      }
      for (const r of ranges)
        expect(r.text).to.equal(
          `${r.min === r.max ? formatNumber(r.min) : `${formatNumber(r.min)}–${formatNumber(r.max)}`} mô hình`,
        );
    }
  });

  it('splits large counts into ranges written with Vietnamese digit groups', () => {
    const classes = mapClasses(25_001);
    expect(classes.map((c) => c.label)).to.deep.equal([
      '0',
      '1–6.251',
      '6.252–12.502',
      '12.503–18.753',
      '18.754–25.001',
    ]);
    expect(mapClasses(3).map((c) => c.label)).to.deep.equal(['0', '1', '2', '3']);
    expect(mapClasses(0).map((c) => c.label)).to.deep.equal(['0']);
  });

  it('writes CSV cells no spreadsheet runs as a formula, quoted where needed', () => {
    const csv = figureCsv(
      ['ma', 'Tên', 'so_mo_hinh'],
      [
        { key: 'a', label: '=HYPERLINK("http://x")', count: 1 },
        { key: 'b', label: '+1, "xã" mới', count: 2000 },
        { key: '@c', label: '-2', count: 0 },
      ],
    );
    const rows = parseCsv(csv.slice(1));
    expect(rows).to.deep.equal([
      ['ma', 'Tên', 'so_mo_hinh'],
      ['a', `'=HYPERLINK("http://x")`, '1'],
      ['b', `'+1, "xã" mới`, '2000'],
      [`'@c`, `'-2`, '0'],
    ]);
  });

  it('follows a change of the catalogue: a new commendation shows on the next request', async () => {
    const server = app.listen(0, '127.0.0.1');
    try {
      const before = pageTables((await request(server).get('/thong-ke')).text);
      const hit = await request(server).get('/thong-ke');
      expect(hit.headers['x-cache']).to.equal('hit');
      await database.db.execute(sql`insert into commendations (model_id, form, issuing_body, level, decision_number)
        values (${world.ids.m20}, 'giay_khen', 'UBND xã', 'commune', '99/QĐ')`);
      const after = await request(server).get('/thong-ke');
      expect(after.headers['x-cache']).to.equal('miss');
      const count = (t: ReturnType<typeof pageTables>) => t.recognition.find((r) => r.key === 'commended')!.count;
      expect(count(pageTables(after.text))).to.equal(count(before) + 1);
    } finally {
      server.close();
    }
  });
});
