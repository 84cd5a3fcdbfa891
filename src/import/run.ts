// One pass over an uploaded file: every row read, checked and classified (create, update, unchanged,
// error) in batches, so that memory stays bounded; with `tx` the valid rows are also written, in the
// caller's one transaction. The dry run and the import are the same pass, so they cannot disagree.
import { getTableColumns, sql } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../db/client.js';
import { models } from '../db/schema.js';
import type { SessionUser } from '../accounts/users.js';
import { storyColumns } from '../submissions/model-row.js';
import { searchColumns } from '../listing/search-document.js';
import { can } from '../policy/policy.js';
import { readRows, cellText, type Cell, type ImportFormat } from './reader.js';
import { COLUMNS, matchHeaders, type ColumnKey } from './columns.js';
import { parseRow, type ParsedRow, type Problem, type RowContext } from './rows.js';
import { loadLookups, type Lookups } from './lookups.js';
import { writeBatch, type Existing, type Planned } from './write.js';

const MAX_ROWS = 50_000;
const BATCH = 500;
/** What the page lists: the first problems and rows, with the true totals beside them. */
export const SHOWN = 200;

export type Outcome = 'create' | 'update' | 'unchanged' | 'error';
export const OUTCOME_LABELS: Record<Outcome, string> = {
  create: 'Tạo mới',
  update: 'Cập nhật',
  unchanged: 'Không đổi',
  error: 'Lỗi',
};

export interface RunSummary {
  counts: Record<Outcome, number>;
  problemTotal: number;
  warningTotal: number;
  problems: Problem[];
  warnings: Problem[];
  rows: { row: number; outcome: Outcome; title: string; modelId?: number; slug?: string }[];
}

/** The file itself cannot be read as a sheet of models (no header, too many rows): nothing is imported. */
export class FileProblem extends Error {}

export interface RunOptions {
  file: string;
  format: ImportFormat;
  fileName: string;
  provinceCode: string | null;
  targetStatus: 'approved' | 'submitted';
  user: SessionUser;
  onProgress?: (processed: number) => unknown;
  /** Every row as read, with its outcome and problems (the downloadable report). */
  onRow?: (cells: Cell[], outcome: Outcome | 'header', messages: string[]) => unknown;
}

const COLUMN_NAMES = Object.fromEntries(
  Object.entries(getTableColumns(models)).map(([key, c]) => [key, c.name]),
) as Record<string, string>;
const NUMERIC = new Set(['resources_money_million', 'resources_work_days']);

function sameValue(col: string, was: unknown, now: unknown): boolean {
  if (was === null || was === undefined || now === null || now === undefined) return (was ?? null) === (now ?? null);
  return NUMERIC.has(col) ? Number(was) === Number(now) : String(was) === String(now);
}

/** Whether the row would change the stored model: the story, the place, the lists, the original. */
function differs(p: ParsedRow, e: Existing, sourceId: number | null): boolean {
  for (const [key, val] of Object.entries(storyColumns(p.input))) {
    const col = COLUMN_NAMES[key];
    if (!sameValue(col, e.row[col], val)) return true;
  }
  if (e.row.commune_code !== p.place.communeCode) return true;
  if ((e.row.former_commune_code ?? null) !== p.place.formerCommuneCode) return true;
  const movements = [...new Set(['dan-van-kheo', ...p.input.movementCodes])].sort().join(',');
  if (movements !== [...e.movements].sort().join(',')) return true;
  const indicators = JSON.stringify(p.input.indicators.map((i) => [i.name, Number(i.value), i.unit]));
  if (indicators !== JSON.stringify(e.indicators.map((i) => [i.name, Number(i.value), i.unit]))) return true;
  return sourceId !== null && !e.sources.includes(sourceId);
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

async function existingModels(db: Executor, refs: string[]): Promise<Map<string, Existing>> {
  const found = new Map<string, Existing>();
  if (!refs.length) return found;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select * from models where external_ref in (${list(refs)})`,
  );
  if (!rows.length) return found;
  const ids = sql.join(
    rows.map((r) => sql`${Number(r.id)}::int`),
    sql`, `,
  );
  // One after the other: inside the import's transaction they share one connection.
  const movements = await queryRows<{ model_id: number; code: string }>(
    db,
    sql`select mm.model_id, m.code from model_movements mm join movements m on m.id = mm.movement_id where mm.model_id in (${ids})`,
  );
  const indicators = await queryRows<{ model_id: number; name: string; value: string; unit: string }>(
    db,
    sql`select model_id, name, value, unit from model_indicators where model_id in (${ids}) order by model_id, position`,
  );
  const sources = await queryRows<{ replica_model_id: number; source_model_id: number }>(
    db,
    sql`select replica_model_id, source_model_id from replications where replica_model_id in (${ids})`,
  );
  for (const r of rows) {
    const id = Number(r.id);
    found.set(`${String(r.province_code)}|${String(r.external_ref)}`, {
      id,
      version: Number(r.version),
      row: r,
      movements: movements.filter((m) => Number(m.model_id) === id).map((m) => m.code),
      indicators: indicators.filter((m) => Number(m.model_id) === id),
      sources: sources.filter((s) => Number(s.replica_model_id) === id).map((s) => Number(s.source_model_id)),
    });
  }
  return found;
}

/** Models already registered under the same folded title in the same commune: likely the same model. */
async function sameTitles(db: Executor, keys: { commune: string; title: string }[]) {
  const found = new Map<string, { id: number; title: string }>();
  if (!keys.length) return found;
  const rows = await queryRows<{ id: number; commune_code: string; title_folded: string; title: string }>(
    db,
    sql`select id, commune_code, title_folded, title from models
    where commune_code in (${list([...new Set(keys.map((k) => k.commune))])}) and title_folded in (${list([...new Set(keys.map((k) => k.title))])})`,
  );
  for (const r of rows) found.set(`${r.commune_code}|${r.title_folded}`, { id: Number(r.id), title: r.title });
  return found;
}

async function sourceModels(db: Executor, refs: string[]) {
  if (!refs.length) return [];
  return queryRows<{ id: number; slug: string; external_ref: string | null; province_code: string }>(
    db,
    sql`select id, slug, external_ref, province_code from models where slug in (${list(refs)}) or external_ref in (${list(refs)})`,
  );
}

/** Reads, checks and (with `tx`) writes the file; throws FileProblem when it is not a sheet of models. */
export async function runFile(db: Executor, o: RunOptions, tx?: Tx): Promise<RunSummary> {
  const summary: RunSummary = {
    counts: { create: 0, update: 0, unchanged: 0, error: 0 },
    problemTotal: 0,
    warningTotal: 0,
    problems: [],
    warnings: [],
    rows: [],
  };
  const lookups: Lookups = await loadLookups(db);
  const ctx: RowContext = {
    lookups,
    provinceCode: o.provinceCode,
    targetStatus: o.targetStatus,
    thisYear: new Date().getFullYear(),
  };
  let positions: Map<number, ColumnKey> | null = null;
  let pending: { number: number; cells: Cell[] }[] = [];
  let processed = 0;
  // Across batches: what earlier rows of the file claimed, and the ids of what they wrote.
  const refRows = new Map<string, number>();
  const titleRows = new Map<string, number>();
  const refIds = new Map<string, number>();

  const warn = (p: Problem) => {
    summary.warningTotal++;
    if (summary.warnings.length < SHOWN) summary.warnings.push(p);
  };

  async function flush(): Promise<void> {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    const problems = new Map<number, Problem[]>();
    const parsed: ParsedRow[] = [];
    for (const r of batch) {
      const cells = new Map<ColumnKey, Cell>();
      positions!.forEach((key, i) => cells.set(key, r.cells[i] ?? null));
      const result = parseRow(r.number, cells, ctx);
      if ('problems' in result) problems.set(r.number, result.problems);
      else parsed.push(result.ok);
    }
    const refKey = (p: ParsedRow) => `${p.place.provinceCode}|${p.externalRef}`;
    const existing = await existingModels(
      db,
      parsed.filter((p) => p.externalRef).map((p) => p.externalRef!),
    );
    const titleOf = (p: ParsedRow) => searchColumns(p.input, []).titleFolded;
    const duplicates = await sameTitles(
      db,
      parsed.map((p) => ({ commune: p.place.communeCode, title: titleOf(p) })),
    );
    const sources = await sourceModels(
      db,
      parsed.filter((p) => p.replicatesRef).map((p) => p.replicatesRef!),
    );
    const plan: Planned[] = [];
    const problem = (p: ParsedRow, column: ColumnKey, value: string, reason: string) =>
      problems.set(p.row, [
        ...(problems.get(p.row) ?? []),
        { row: p.row, column: COLUMNS.find((c) => c.key === column)!.header, value, reason },
      ]);
    for (const p of parsed) {
      // The policy decides for every row: a row of another province is refused even for a correct file.
      if (!can(o.user, 'importModels', { provinceCode: p.place.provinceCode })) {
        problem(p, 'commune', p.input.title, 'Tài khoản không có quyền nhập mô hình cho tỉnh của xã, phường này.');
        continue;
      }
      const ex = p.externalRef ? existing.get(refKey(p)) : undefined;
      if (p.externalRef) {
        const first = refRows.get(refKey(p));
        if (first !== undefined) {
          problem(p, 'externalRef', p.externalRef, `Mã tham chiếu trùng với dòng ${first} của tệp.`);
          continue;
        }
        refRows.set(refKey(p), p.row);
      }
      const titleKey = `${p.place.communeCode}|${titleOf(p)}`;
      const sameInFile = titleRows.get(titleKey);
      const same = duplicates.get(titleKey);
      if (sameInFile !== undefined) {
        problem(
          p,
          'title',
          p.input.title,
          `Có thể trùng với dòng ${sameInFile} của tệp: cùng tên mô hình trong cùng xã.`,
        );
        continue;
      }
      titleRows.set(titleKey, p.row);
      if (same && same.id !== ex?.id) {
        problem(
          p,
          'title',
          p.input.title,
          `Có thể trùng với mô hình đã có “${same.title}” (số ${same.id}) cùng xã: nếu là một, ghi mã tham chiếu của mô hình đó.`,
        );
        continue;
      }
      let sourceId: number | null = null;
      if (p.replicatesRef) {
        const ref = p.replicatesRef;
        const inFile = refIds.get(`${p.place.provinceCode}|${ref}`);
        const stored =
          sources.find((s) => s.external_ref === ref && s.province_code === p.place.provinceCode) ??
          sources.find((s) => s.slug === ref);
        sourceId = inFile ?? (stored ? Number(stored.id) : null);
        if (sourceId === null || sourceId === ex?.id) {
          problem(
            p,
            'replicates',
            ref,
            'Không tìm thấy mô hình gốc (mã tham chiếu của một dòng phía trên, của mô hình đã nhập, hoặc đường dẫn rút gọn).',
          );
          continue;
        }
      }
      const outcome: Outcome = !ex ? 'create' : differs(p, ex, sourceId) ? 'update' : 'unchanged';
      plan.push({ parsed: p, outcome, existing: ex, sourceId });
      // Not yet written in a dry run: a later row may still name it, as -1.
      if (p.externalRef) refIds.set(refKey(p), ex?.id ?? -1);
    }
    const written = tx ? await writeBatch(tx, plan, o) : new Map<number, { id: number; slug: string }>();
    for (const w of plan) {
      const id = written.get(w.parsed.row);
      if (id && w.parsed.externalRef) refIds.set(refKey(w.parsed), id.id);
    }
    const byRow = new Map(plan.map((w) => [w.parsed.row, w]));
    for (const r of batch) {
      const errs = problems.get(r.number);
      const w = byRow.get(r.number);
      const outcome: Outcome = errs ? 'error' : w!.outcome;
      summary.counts[outcome]++;
      if (errs) {
        summary.problemTotal += errs.length;
        for (const e of errs) if (summary.problems.length < SHOWN) summary.problems.push(e);
      }
      if (summary.rows.length < SHOWN) {
        const made =
          written.get(r.number) ?? (w?.existing ? { id: w.existing.id, slug: String(w.existing.row.slug) } : null);
        summary.rows.push({
          row: r.number,
          outcome,
          title: w?.parsed.input.title ?? cellText(r.cells[[...positions!].find(([, k]) => k === 'title')?.[0] ?? -1]),
          ...(made && tx ? { modelId: made.id, slug: made.slug } : {}),
        });
      }
      await o.onRow?.(r.cells, outcome, errs ? errs.map((e) => `${e.column}: ${e.reason}`) : []);
    }
    processed += batch.length;
    await o.onProgress?.(processed);
  }

  let dataRows = 0;
  for await (const r of readRows(o.file, o.format)) {
    const empty = r.cells.every((c) => cellText(c) === '');
    if (!positions) {
      if (empty) continue;
      const headers = r.cells.map(cellText);
      const matched = matchHeaders(headers);
      if (matched.missing.length)
        throw new FileProblem(
          `Dòng tiêu đề (dòng ${r.number}) thiếu cột bắt buộc: ${matched.missing.join(', ')}. Hãy dùng tệp mẫu, giữ nguyên dòng tiêu đề.`,
        );
      for (const u of matched.unknown)
        warn({ row: r.number, column: u, value: u, reason: 'Cột không có trong mẫu: bỏ qua, không nhập.' });
      positions = matched.positions;
      await o.onRow?.(r.cells, 'header', []);
      continue;
    }
    if (empty) continue;
    if (++dataRows > MAX_ROWS)
      throw new FileProblem(`Tệp có hơn ${MAX_ROWS.toLocaleString('vi-VN')} dòng. Hãy chia thành nhiều tệp nhỏ hơn.`);
    pending.push(r);
    if (pending.length >= BATCH) await flush();
  }
  if (!positions) throw new FileProblem('Tệp không có dòng tiêu đề. Hãy dùng tệp mẫu, giữ nguyên dòng tiêu đề.');
  await flush();
  return summary;
}
