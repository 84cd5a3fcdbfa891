// Building import files in tests (exceljs for XLSX, text for CSV) and driving the import pages.
import ExcelJS from 'exceljs';
import { expect } from 'chai';
import type request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { tokenOf } from './people.js';

type Agent = ReturnType<typeof request.agent>;
export type SheetRows = (string | number | null | { formula: string; result: string })[][];

export const HEADERS = [
  'Mã tham chiếu',
  'Tên mô hình',
  'Loại',
  'Lĩnh vực',
  'Xã, phường',
  'Năm bắt đầu',
  'Năm công nhận',
  'Cấp công nhận',
  'Xếp loại',
  'Tên tập thể hoặc cá nhân',
  'Đồng ý công bố tên',
  'Tóm tắt',
  'Kinh phí (triệu đồng)',
  'Chỉ số kết quả',
];

/** A good row for the HEADERS, changed where `over` says. */
export function goodRow(ref: string, commune: string, over: Partial<Record<string, string | number>> = {}) {
  const base: Record<string, string | number> = {
    'Mã tham chiếu': ref,
    'Tên mô hình': `Mô hình nhập thử ${ref}`,
    Loại: 'Tập thể',
    'Lĩnh vực': 'Kinh tế',
    'Xã, phường': commune,
    'Năm bắt đầu': '2020',
    'Năm công nhận': '2022',
    'Cấp công nhận': 'Cấp tỉnh',
    'Xếp loại': 'Tốt',
    'Tên tập thể hoặc cá nhân': 'Chi hội Nông dân',
    'Đồng ý công bố tên': '',
    'Tóm tắt': 'Vận động nhân dân hiến đất.',
    'Kinh phí (triệu đồng)': '1.250,5',
    'Chỉ số kết quả': 'Số hộ hiến đất=120 hộ',
  };
  const merged = { ...base, ...over };
  return HEADERS.map((h) => merged[h] ?? '');
}

export async function xlsxOf(rows: SheetRows, headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Mô hình');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function csvOf(rows: SheetRows, headers = HEADERS, bom = true): Buffer {
  const field = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [headers, ...rows].map((r) => r.map(field).join(',')).join('\r\n');
  return Buffer.from((bom ? '\ufeff' : '') + text, 'utf8');
}

/** Posts the file the way the upload form does; the answer (303 to the job, or the refusal). */
export async function uploadSheet(agent: Agent, name: string, content: Buffer, fields: Record<string, string> = {}) {
  const token = await tokenOf(agent);
  let req = agent.post(`/quan-ly/nhap-du-lieu?_csrf=${encodeURIComponent(token)}`);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req.attach('file', content, { filename: name, contentType: 'application/octet-stream' });
}

export interface JobRow {
  id: number;
  state: string;
  mode: string;
  summary: {
    counts: Record<string, number>;
    problemTotal: number;
    warningTotal: number;
    problems: { row: number; column: string; value: string; reason: string }[];
    warnings: { row: number; column: string; reason: string }[];
    rows: { row: number; outcome: string; modelId?: number }[];
  } | null;
  failure: string | null;
}

export async function waitForJob(database: Database, id: number, timeoutMs = 60000): Promise<JobRow> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [job] = await queryRows<JobRow>(
      database.db,
      sql`select id, state, mode, summary, failure from import_jobs where id = ${id}`,
    );
    if (job && (job.state === 'done' || job.state === 'failed')) return job;
    if (Date.now() > until) throw new Error(`job ${id} still ${job?.state}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const jobIdOf = (res: { status: number; headers: Record<string, string>; text: string }) => {
  expect(res.status, res.text.slice(0, 2000)).to.equal(303);
  return Number(/\/quan-ly\/nhap-du-lieu\/(\d+)$/.exec(res.headers.location)![1]);
};

/** Uploads, waits for the dry run; with `confirm`, imports and waits for that too. */
export async function dryRun(
  database: Database,
  agent: Agent,
  name: string,
  content: Buffer,
  fields: Record<string, string> = {},
) {
  const id = jobIdOf(await uploadSheet(agent, name, content, fields));
  return waitForJob(database, id);
}

export async function confirmImport(database: Database, agent: Agent, dryRunId: number, targetStatus = 'approved') {
  const _csrf = await tokenOf(agent);
  const res = await agent.post(`/quan-ly/nhap-du-lieu/${dryRunId}/nhap`).type('form').send({ _csrf, targetStatus });
  return waitForJob(database, jobIdOf(res));
}

export const modelCount = async (database: Database) =>
  (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from models`))[0].n;
