/**
 * Import benchmark: a generated 10,000-row XLSX (--rows) checked by the dry run and imported, on
 * PostgreSQL, in this process (the job runner the server uses), against inserting the same model rows
 * with one multi-row INSERT per 1,000 rows, in the same run. The last line printed is one JSON object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import { benchDatabase } from './lib/database.js';
import { openDatabase, queryRows } from '../src/db/client.js';
import { bootstrapDatabase } from '../src/bootstrap.js';
import { inTransaction } from '../src/db/transaction.js';
import { models, users } from '../src/db/schema.js';
import { modelRow, reserveModelIds } from '../src/submissions/model-row.js';
import { createJob, runJob } from '../src/import/jobs.js';
import { COLUMNS } from '../src/import/columns.js';
import { FIELDS } from '../src/reference/vocabulary.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' } } });
const ROWS = Number(values.rows);
const MB = 1024 * 1024;

function rowOf(i: number, commune: string): Record<string, string> {
  const field = FIELDS[i % FIELDS.length];
  return {
    externalRef: `B-${i}`,
    title: `Mô hình dân vận khéo số ${i} về ${field.name.toLowerCase()}`,
    type: 'Tập thể',
    field: field.name,
    commune,
    startedYear: String(2015 + (i % 8)),
    recognisedYear: '2024',
    level: 'Cấp tỉnh',
    grade: i % 3 ? 'Tốt' : 'Khá',
    decisionNumber: `${i}/QĐ-UBND`,
    decisionDate: '15/06/2024',
    holderName: `Chi hội Nông dân thôn ${i % 50}`,
    holderRole: 'Chi hội trưởng',
    consent: '',
    summary: `Vận động ${i % 300} hộ dân hiến đất, góp ngày công làm đường giao thông nông thôn. `.repeat(3),
    situation: 'Đường hẹp, xuống cấp, đi lại khó khăn vào mùa mưa.',
    goals: 'Mở rộng đường liên thôn, nâng cao đời sống nhân dân.',
    beneficiaries: 'Nhân dân các thôn trong xã.',
    activities: 'Họp dân, tuyên truyền, vận động từng hộ; công khai kinh phí.',
    leadBodies: 'Chi bộ thôn',
    partnerBodies: 'Mặt trận, các đoàn thể',
    results: `Mở rộng ${(i % 9) + 1},5 km đường; ${i % 200} hộ hiến đất.`,
    sustainability: 'Duy trì hằng năm, nhân rộng ra các thôn khác.',
    money: `${(i % 900) + 100},5`,
    workDays: `${(i % 9) + 1}.200`,
    resourcesNonState: 'Nhân dân góp tiền và ngày công.',
    indicators: `Số hộ hiến đất=${i % 300} hộ; Đường làm mới=${(i % 9) + 1},5 km`,
    movements: '',
    replicates: '',
  };
}

async function writeXlsx(file: string, communes: string[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('Mô hình');
  ws.addRow(COLUMNS.map((c) => c.header)).commit();
  for (let i = 0; i < ROWS; i++) {
    const r = rowOf(i, communes[i % communes.length]);
    ws.addRow(COLUMNS.map((c) => r[c.key])).commit();
  }
  ws.commit();
  await wb.commit();
}

async function main(): Promise<void> {
  const target = await benchDatabase();
  const database = await openDatabase({ databaseUrl: target.url, poolSize: 4 });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-bench-import-'));
  try {
    await bootstrapDatabase(database);
    const communes = (
      await queryRows<{ code: string }>(
        database.db,
        sql`select code from communes where province_code = '19' order by code`,
      )
    ).map((c) => c.code);
    const [admin] = await database.db
      .insert(users)
      .values({
        username: 'bench.tinh',
        displayName: 'Quản trị tỉnh',
        role: 'province_admin',
        provinceCode: '19',
        passwordHash: 'x',
      })
      .returning();
    const file = path.join(tmp, 'mo-hinh.xlsx');
    await writeXlsx(file, communes);
    const fileMb = fs.statSync(file).size / MB;
    const logger = pino({ level: 'warn' });

    global.gc?.();
    const rssStart = process.memoryUsage().rss;
    let rssPeak = rssStart;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
    const job = (mode: 'dry_run' | 'import') =>
      createJob(database.db, {
        created_by: admin.id,
        province_code: '19',
        file_name: 'mo-hinh.xlsx',
        storage_path: file,
        format: 'xlsx',
        mode,
        target_status: 'approved',
      });
    const timed = async (mode: 'dry_run' | 'import') => {
      const id = await job(mode);
      const t = process.hrtime.bigint();
      await runJob(database, logger, id);
      const seconds = Number(process.hrtime.bigint() - t) / 1e9;
      const [row] = await queryRows<{
        state: string;
        failure: string | null;
        summary: { counts: Record<string, number> };
      }>(database.db, sql`select state, failure, summary from import_jobs where id = ${id}`);
      if (row.state !== 'done') throw new Error(`${mode} ${row.state}: ${row.failure}`);
      console.log(`${mode}: ${seconds.toFixed(2)} s ${JSON.stringify(row.summary.counts)}`);
      return seconds;
    };
    const dryRun = await timed('dry_run');
    // The import removes its file when done; keep a copy for nothing else needs it.
    const importSeconds = await timed('import');
    clearInterval(sampler);

    // The baseline: the same rows as the row builder makes them, one multi-row INSERT per 1,000.
    const rows = Array.from({ length: ROWS }, (_, i) => rowOf(i, communes[i % communes.length]));
    const t = process.hrtime.bigint();
    await inTransaction(database.db, async (tx) => {
      const ids = await reserveModelIds(tx, ROWS);
      for (let i = 0; i < ROWS; i += 1000) {
        const chunk = rows.slice(i, i + 1000).map((r, j) =>
          modelRow(
            {
              type: 'collective',
              title: `${r.title} (gốc)`,
              fieldCode: FIELDS[(i + j) % FIELDS.length].code,
              startedYear: Number(r.startedYear),
              summary: r.summary,
              situation: r.situation,
              goals: r.goals,
              beneficiaries: r.beneficiaries,
              activities: r.activities,
              leadBodies: r.leadBodies,
              partnerBodies: r.partnerBodies,
              results: r.results,
              sustainability: r.sustainability,
              holderName: r.holderName,
              holderRole: r.holderRole,
              resourcesNonState: r.resourcesNonState,
              publishConsent: true,
            },
            { provinceCode: '19', communeCode: r.commune, names: [] },
            {
              id: ids[i + j],
              status: 'approved',
              recognisedYear: 2024,
              publishedAt: new Date(),
              submittedAt: new Date(),
            },
          ),
        );
        await tx.insert(models).values(chunk);
      }
    });
    const baseline = Number(process.hrtime.bigint() - t) / 1e9;
    console.log(`baseline (multi-row INSERT per 1,000): ${baseline.toFixed(2)} s; file ${fileMb.toFixed(1)} MB`);
    console.log(
      JSON.stringify({
        rows: ROWS,
        dry_run_s: Number(dryRun.toFixed(2)),
        import_s: Number(importSeconds.toFixed(2)),
        baseline_s: Number(baseline.toFixed(2)),
        import_vs_baseline: Number((baseline / importSeconds).toFixed(3)),
        rss_growth_mb: Math.round((rssPeak - rssStart) / MB),
        cpus: os.cpus().length,
      }),
    );
  } finally {
    await database.close();
    await target.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
