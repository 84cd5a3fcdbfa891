// The summing-up report (/quan-ly/bao-cao): every figure against a count made here from the rows, on the
// page, in the spreadsheet (numbers stored as numbers) and in the Word document; the area each user gets;
// the periods (a year, a range, a movement's phase) and the change from the period before; bad parameters.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type express from 'express';
import type { Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { signInPeople, type People } from '../helpers/people.js';
import {
  buildReportWorld,
  expectedQueue,
  expectedTotals,
  reportTables,
  type Area,
  type ReportWorld,
} from '../helpers/report-world.js';

/** The binary body of a download, whatever its type. */
const binary = (res: import('http').IncomingMessage, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('summing-up report', function () {
  this.timeout(120000);
  let database: Database;
  let app: express.Express;
  let people: People;
  let world: ReportWorld;

  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
    people = await signInPeople(database, app);
    world = await buildReportWorld(database, people.commune);
  });
  after(async () => {
    await database.close();
  });

  /** The totals table's "this period" and "previous period" columns. */
  const totalsOf = (html: string) => {
    const rows = reportTables(html).totals;
    return {
      current: rows.map((r) => r.values[0]),
      previous: rows.map((r) => r.values[1]),
      change: rows.map((r) => r.values[2]),
    };
  };

  async function checkTotals(who: keyof People['agents'], query: string, area: Area, from: number, to: number) {
    const res = await people.agents[who].get(`/quan-ly/bao-cao${query}`);
    expect(res.status, res.text.slice(0, 300)).to.equal(200);
    const { current, previous, change } = totalsOf(res.text);
    const expected = await expectedTotals(database, area, from, to);
    const length = to - from + 1;
    const before = await expectedTotals(database, area, from - length, from - 1);
    expect(current, `${who} ${query}`).to.deep.equal(expected);
    // The cycle's figures carry the previous period and the change; the others have neither.
    expect(previous.slice(0, 8)).to.deep.equal(before.slice(0, 8));
    expect(change.slice(0, 8)).to.deep.equal(expected.slice(0, 8).map((n, i) => n - before[i]));
    return res.text;
  }

  it('counts every figure of a province as the rows say, on the page', async () => {
    const html = await checkTotals('reviewer', '?nam=2025', { provinceCode: '19' }, 2025, 2025);
    // Not a figure that cannot fail: the world has something in every one of them.
    expect(
      totalsOf(html).current.every((n) => (n ?? 0) > 0),
      String(totalsOf(html).current),
    ).to.equal(true);
    const tables = reportTables(html);
    expect(tables.places.map((r) => r.head)).to.have.length(2);
    // The columns of the commune table add up to the totals.
    for (let i = 0; i < 8; i++)
      expect(
        tables.places.reduce((a, r) => a + (r.values[i] ?? 0), 0),
        `column ${i}`,
      ).to.equal(totalsOf(html).current[i]);
    expect(tables.fields.reduce((a, r) => a + (r.values[1] ?? 0), 0)).to.equal(totalsOf(html).current[1]);
    // The queue counts every status, drafts and consultations included.
    const queue = await expectedQueue(database, { provinceCode: '19' });
    const byLabel = new Map(tables.queue.map((r) => [r.head, r.values[0]]));
    expect(byLabel.get('Bản nháp')).to.equal(queue.get('draft'));
    expect(tables.queue.reduce((a, r) => a + (r.values[0] ?? 0), 0)).to.equal(
      [...queue.values()].reduce((a, b) => a + b),
    );
    // The oldest waiting first: m6 (January) before m5 (June); Hà Tĩnh's m9 is not there.
    expect(tables.waiting.map((r) => r.head)).to.deep.equal(['Mô hình sáu', 'Mô hình năm']);
    expect(tables.waiting[0].cells).to.include('10/01/2025');
    expect(tables.levels.map((r) => r.values[2])).to.deep.equal([2, 3, 1]);
    expect(tables.commendations.map((r) => [r.head, ...r.values])).to.deep.equal([
      ['Bằng khen', 0, 1, 0, 1],
      ['Giấy khen', 1, 0, 0, 1],
    ]);
    expect(tables.mostReplicated[0].head).to.equal('Mô hình một');
    // m3 and Hà Tĩnh's m8 (a replica anywhere counts); m5 is not recognised yet.
    expect(tables.mostReplicated[0].values).to.deep.equal([2]);
    expect(html).to.include('mô hình gửi thẩm định lần đầu trong kỳ');
  });

  it('writes the same figures to the spreadsheet, as numbers, with a frozen header row', async () => {
    const res = await people.agents.reviewer
      .get('/quan-ly/bao-cao.xlsx?nam=2025')
      .buffer(true)
      .parse(binary as never);
    expect(res.status).to.equal(200);
    expect(res.headers['content-disposition']).to.match(/\.xlsx"?$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as never);
    const sheet = book.getWorksheet('Tổng hợp')!;
    expect(sheet.views[0]).to.include({ state: 'frozen', ySplit: 3 });
    expect(sheet.getRow(3).getCell(2).value).to.equal('Kỳ này');
    const expected = await expectedTotals(database, { provinceCode: '19' }, 2025, 2025);
    const values = expected.map((_, i) => sheet.getRow(4 + i).getCell(2).value);
    expect(values.every((v) => typeof v === 'number')).to.equal(true);
    expect(values).to.deep.equal(expected);
    expect(book.worksheets.map((w) => w.name)).to.include.members(['Theo xã, phường', 'Theo lĩnh vực', 'Khen thưởng']);
    const waiting = book.getWorksheet('Chờ lâu nhất')!;
    expect(waiting.getRow(4).getCell(1).value).to.equal('Mô hình sáu');
    expect(waiting.getRow(4).getCell(4).value).to.be.instanceOf(Date);
  });

  it('puts the same tables in the Word document, header rows repeated', async () => {
    const res = await people.agents.reviewer
      .get('/quan-ly/bao-cao.docx?nam=2025')
      .buffer(true)
      .parse(binary as never);
    expect(res.status).to.equal(200);
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const title of [
      'Tổng hợp',
      'Theo xã, phường',
      'Theo lĩnh vực',
      'Theo cấp công nhận',
      'Khen thưởng',
      'Chờ lâu nhất',
    ])
      expect(xml, title).to.include(`>${title}<`);
    expect(xml).to.include('<w:tblHeader');
    expect(xml).to.include('<w:cantSplit');
    // The totals' first row: its label, then this period's count as the page prints it.
    const expected = await expectedTotals(database, { provinceCode: '19' }, 2025, 2025);
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    const at = text.indexOf('Đăng ký');
    expect(text[at + 1]).to.equal(String(expected[0]));
  });

  it('gives a cadre their commune only, and refuses another area', async () => {
    const html = await checkTotals('cadre', '?nam=2025', { communeCode: world.a }, 2025, 2025);
    expect(reportTables(html).places.map((r) => r.head)).to.have.length(1);
    expect(html).not.to.include('Mô hình sáu');
    expect((await people.agents.cadre.get('/quan-ly/bao-cao?tinh=19')).status).to.equal(403);
    expect((await people.agents.cadre.get('/quan-ly/bao-cao.xlsx?tinh=42')).status).to.equal(403);
    await checkTotals('cadreOtherCommune', '?nam=2025', { communeCode: world.b }, 2025, 2025);
  });

  it('keeps province staff to their province; lets the centre pick any or the country', async () => {
    const refused = await people.agents.reviewer.get('/quan-ly/bao-cao?tinh=42');
    expect(refused.status).to.equal(403);
    expect(refused.text).to.include('địa bàn mình phụ trách');
    expect((await people.agents.reviewerOtherProvince.get('/quan-ly/bao-cao.docx?tinh=19')).status).to.equal(403);
    await checkTotals('provinceAdmin', '?nam=2025', { provinceCode: '19' }, 2025, 2025);
    await checkTotals('reviewerOtherProvince', '?nam=2025', { provinceCode: '42' }, 2025, 2025);
    await checkTotals('centralAdmin', '?nam=2025&tinh=42', { provinceCode: '42' }, 2025, 2025);
    const country = await checkTotals('centralAdmin', '?nam=2025', {}, 2025, 2025);
    // The country is counted by province.
    expect(reportTables(country).places.map((r) => r.head)).to.have.length(2);
    expect((await people.agents.anonymous.get('/quan-ly/bao-cao')).status).to.equal(303);
  });

  it('covers a year, a range and a movement phase, each against the period before', async () => {
    await checkTotals('reviewer', '?nam=2024', { provinceCode: '19' }, 2024, 2024);
    const range = await checkTotals('reviewer', '?tu=2024&den=2025', { provinceCode: '19' }, 2024, 2025);
    const phase = await checkTotals('reviewer', `?giai-doan=${world.phaseId}`, { provinceCode: '19' }, 2024, 2025);
    expect(totalsOf(phase).current).to.deep.equal(totalsOf(range).current);
    expect(phase).to.include('Giai đoạn 2024–2025');
    // Recognised again in 2025: m1 and m3 (both first recognised in 2024), m10's second level the same year does not count.
    expect(
      totalsOf(await checkTotals('reviewer', '?nam=2025', { provinceCode: '19' }, 2025, 2025)).current[6],
    ).to.equal(2);
  });

  it('refuses bad parameters with a message in Vietnamese', async () => {
    for (const [query, words] of [
      ['?nam=abc', 'Tham số "nam"'],
      ['?nam=1800', 'là một năm'],
      ['?tu=2025', 'năm kết thúc'],
      ['?tu=2025&den=2020', 'không được trước năm bắt đầu'],
      ['?nam=2025&giai-doan=1', 'Chọn một kỳ báo cáo'],
      ['?giai-doan=999999', 'không có giai đoạn'],
      ['?giai-doan=x', 'mã số'],
      ['?tinh=zz', 'không có tỉnh'],
      ['?nam=2025&nam=2024', 'nam'],
    ]) {
      const res = await people.agents.centralAdmin.get(`/quan-ly/bao-cao${query}`);
      expect(res.status, query).to.equal(400);
      expect(res.text, query).to.include(words.replace(/"/g, '&#34;'));
    }
    expect((await people.agents.centralAdmin.get('/quan-ly/bao-cao.xlsx?nam=abc')).status).to.equal(400);
  });

  it('hides an individual’s name without consent, on the page and in both files', async () => {
    const html = (await people.agents.reviewer.get('/quan-ly/bao-cao?nam=2025')).text;
    expect(
      reportTables(html)
        .replicated.flatMap((r) => r.cells)
        .join(' '),
    ).to.include('[tên được giữ kín]');
    const xlsx = await people.agents.reviewer
      .get('/quan-ly/bao-cao.xlsx?nam=2025')
      .buffer(true)
      .parse(binary as never);
    const docx = await people.agents.reviewer
      .get('/quan-ly/bao-cao.docx?nam=2025')
      .buffer(true)
      .parse(binary as never);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    const cells = book.worksheets.flatMap((w) => w.getSheetValues().flat().map(String));
    const xml = await (await JSZip.loadAsync(docx.body as Buffer)).file('word/document.xml')!.async('string');
    for (const [where, text] of [
      ['page', html],
      ['xlsx', cells.join(' ')],
      ['docx', xml],
    ])
      expect(text, where).not.to.include('Nguyễn Thị Hoa');
  });

  it('links the report from the staff dashboard', async () => {
    expect((await people.agents.cadre.get('/dashboard')).text).to.include('href="/quan-ly/bao-cao"');
  });
});
