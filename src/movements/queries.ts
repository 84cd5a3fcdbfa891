import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { countKindSql } from '../db/maintained.js';

interface PhaseRow {
  name: string;
  startYear: number;
  endYear: number | null;
  /** Approved models of the movement recognised in a year of the phase. */
  modelCount: number;
}

interface MovementDocument {
  url: string;
  name: string;
  mimeType: string;
  sizeBytes: number;
}

export interface MovementRow {
  code: string;
  name: string;
  kind: string;
  level: string;
  status: string;
  issuingBody: string;
  documentNumber: string | null;
  documentDate: string | null;
  document: MovementDocument | null;
  startYear: number;
  endYear: number | null;
  goals: string;
  criteria: string;
  participants: string;
  description: string;
  provinceCode: string | null;
  phases: PhaseRow[];
  modelCount: number;
  demo: boolean;
}

/** What the management pages need beside the public record. */
export interface ManagedMovement extends MovementRow {
  id: number;
  version: number;
  documentStorageKey: string | null;
}

const documentUrl = (code: string) => `/phong-trao/${encodeURIComponent(code)}/van-ban`;

// Counts of approved models come from the maintained counts (search 0 = all models).
const approvedIn = (movement: SQL, years: SQL = sql`true`) =>
  sql`coalesce((select sum(c.count) from search_counts c where c.query_id = 0
    and c.kind = ${countKindSql('movement')} and c.movement_id = ${movement} and ${years}), 0)::int`;

const isoDate = (v: unknown) => (v ? String(v instanceof Date ? v.toISOString() : v).slice(0, 10) : null);

async function readMovements(db: Executor, where: SQL): Promise<ManagedMovement[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select mv.*, ${approvedIn(sql`mv.id`)} as model_count,
      coalesce((select json_agg(json_build_object('name', p.name, 'startYear', p.start_year, 'endYear', p.end_year,
        'modelCount', ${approvedIn(sql`mv.id`, sql`c.year >= p.start_year and (p.end_year is null or c.year <= p.end_year)`)})
        order by p.position, p.id) from movement_phases p where p.movement_id = mv.id), '[]'::json) as phase_list
    from movements mv where ${where}
    order by mv.level = 'central' desc, mv.start_year, mv.id`,
  );
  return rows.map((r) => {
    const phases = (typeof r.phase_list === 'string' ? JSON.parse(r.phase_list) : r.phase_list) as PhaseRow[];
    const code = String(r.code);
    return {
      id: Number(r.id),
      version: Number(r.version),
      documentStorageKey: (r.document_storage_key as string) ?? null,
      code,
      name: String(r.name),
      kind: String(r.kind),
      level: String(r.level),
      status: String(r.status),
      issuingBody: String(r.issuing_body),
      documentNumber: (r.document_number as string) ?? null,
      documentDate: isoDate(r.document_date),
      document: r.document_storage_key
        ? {
            url: documentUrl(code),
            name: String(r.document_name),
            mimeType: String(r.document_mime_type),
            sizeBytes: Number(r.document_size_bytes),
          }
        : null,
      startYear: Number(r.start_year),
      endYear: r.end_year === null ? null : Number(r.end_year),
      goals: String(r.goals),
      criteria: String(r.criteria),
      participants: String(r.participants),
      description: String(r.description),
      provinceCode: (r.province_code as string) ?? null,
      phases: phases.map((p) => ({
        name: p.name,
        startYear: Number(p.startYear),
        endYear: p.endYear === null ? null : Number(p.endYear),
        modelCount: Number(p.modelCount),
      })),
      modelCount: Number(r.model_count),
      demo: Boolean(r.is_demo),
    };
  });
}

/** The record the public may read: every field but the management ones. */
function publicRecord(m: ManagedMovement): MovementRow {
  const { id: _id, version: _version, documentStorageKey: _key, ...rest } = m;
  return rest;
}

// A draft is the owner's work in progress: never on a public page, list, filter or form.
const PUBLIC_MOVEMENT = sql`mv.status <> 'draft'`;

/** The public catalogue of movements (drafts aside) with how many approved models belong to each. */
export async function listMovements(db: Executor): Promise<MovementRow[]> {
  return (await readMovements(db, PUBLIC_MOVEMENT)).map(publicRecord);
}

export async function getPublicMovement(db: Executor, code: string): Promise<ManagedMovement | null> {
  const [m] = await readMovements(db, sql`${PUBLIC_MOVEMENT} and mv.code = ${code}`);
  return m ?? null;
}

/** Every movement, drafts included, for the management pages (which filter them through the policy). */
export function listAllMovements(db: Executor): Promise<ManagedMovement[]> {
  return readMovements(db, sql`true`);
}

export async function findMovement(db: Executor, code: string): Promise<ManagedMovement | null> {
  const [m] = await readMovements(db, sql`mv.code = ${code}`);
  return m ?? null;
}

/** Whether the public may filter by this movement. */
export async function movementExists(db: Executor, code: string): Promise<boolean> {
  return (
    (await queryRows(db, sql`select 1 from movements mv where mv.code = ${code} and ${PUBLIC_MOVEMENT}`)).length > 0
  );
}

export interface MovementFigures {
  year: { key: number; count: number }[];
  field: { key: string; count: number }[];
  province: { key: string; count: number }[];
}

/** Approved models of the movement by recognition year, by field and by province. */
export async function movementFigures(db: Executor, movementId: number): Promise<MovementFigures> {
  const by = (column: SQL) =>
    queryRows<{ key: string | number; count: number }>(
      db,
      sql`select ${column} as key, sum(c.count)::int as count from search_counts c
        where c.query_id = 0 and c.kind = ${countKindSql('movement')} and c.movement_id = ${movementId}
        group by 1 having sum(c.count) > 0 order by 1`,
    );
  const [year, field, province] = await Promise.all([by(sql`c.year`), by(sql`c.field_code`), by(sql`c.province_code`)]);
  return {
    year: year.map((r) => ({ key: Number(r.key), count: Number(r.count) })),
    field: field.map((r) => ({ key: String(r.key), count: Number(r.count) })),
    province: province.map((r) => ({ key: String(r.key), count: Number(r.count) })),
  };
}

/**
 * The movements a registration may join: the centre's and the entry's province's, public, running in
 * the entry's year; those already chosen stay offered, so that an edit does not silently drop them.
 */
export async function offeredMovements(
  db: Executor,
  o: { provinceCode: string | null; year: number; chosen: readonly string[] },
): Promise<{ code: string; name: string }[]> {
  const chosen = o.chosen.length
    ? sql`mv.code in (${sql.join(
        o.chosen.map((c) => sql`${c}`),
        sql`, `,
      )})`
    : sql`false`;
  return queryRows<{ code: string; name: string }>(
    db,
    sql`select mv.code, mv.name from movements mv
    where (${PUBLIC_MOVEMENT} and (mv.level = 'central' or mv.province_code = ${o.provinceCode})
      and mv.start_year <= ${o.year} and (mv.end_year is null or mv.end_year >= ${o.year})) or ${chosen}
    order by mv.level = 'central' desc, mv.start_year, mv.id`,
  );
}

export interface MovementHistoryRow {
  action: string;
  changes: Record<string, { from: unknown; to: unknown }> | null;
  createdAt: Date;
  actor: string | null;
}

export async function movementHistory(db: Executor, movementId: number): Promise<MovementHistoryRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select h.action, h.changes, h.created_at, u.display_name from movement_history h
      left join users u on u.id = h.actor_id where h.movement_id = ${movementId} order by h.id desc`,
  );
  return rows.map((r) => ({
    action: String(r.action),
    changes: (typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes) as MovementHistoryRow['changes'],
    createdAt: new Date(r.created_at as string),
    actor: (r.display_name as string) ?? null,
  }));
}

export async function movementModelCount(db: Executor, movementId: number): Promise<number> {
  const [r] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from model_movements where movement_id = ${movementId}`,
  );
  return Number(r.n);
}
