import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { countKindSql } from '../db/maintained.js';

export interface MovementRow {
  code: string;
  name: string;
  level: string;
  issuingBody: string;
  documentNumber: string | null;
  documentDate: string | null;
  startYear: number;
  endYear: number | null;
  description: string;
  provinceCode: string | null;
  modelCount: number;
  demo: boolean;
}

/** The catalogue of movements with how many approved models belong to each. */
export async function listMovements(db: Executor): Promise<MovementRow[]> {
  // Counts of approved models per movement come from the maintained counts (search 0 = all models).
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select mv.*,
      coalesce((select sum(c.count) from search_counts c
        where c.query_id = 0 and c.kind = ${countKindSql('movement')} and c.movement_id = mv.id), 0)::int as model_count
    from movements mv order by mv.level = 'central' desc, mv.start_year, mv.id`,
  );
  return rows.map((r) => ({
    code: String(r.code),
    name: String(r.name),
    level: String(r.level),
    issuingBody: String(r.issuing_body),
    documentNumber: (r.document_number as string) ?? null,
    documentDate: r.document_date
      ? String(r.document_date instanceof Date ? r.document_date.toISOString() : r.document_date).slice(0, 10)
      : null,
    startYear: Number(r.start_year),
    endYear: r.end_year === null ? null : Number(r.end_year),
    description: String(r.description),
    provinceCode: (r.province_code as string) ?? null,
    modelCount: Number(r.model_count),
    demo: Boolean(r.is_demo),
  }));
}

export async function movementExists(db: Executor, code: string): Promise<boolean> {
  return (await queryRows(db, sql`select 1 from movements where code = ${code}`)).length > 0;
}
