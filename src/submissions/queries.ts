import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';

export interface InternalModel extends Record<string, unknown> {
  id: number;
  status: string;
  version: number;
  title: string;
  province_code: string;
  commune_code: string | null;
  former_commune_code: string | null;
  created_by: number | null;
  place: string;
}

export async function findInternalModel(db: Executor, id: number): Promise<InternalModel | null> {
  const [m] = await queryRows<InternalModel>(
    db,
    sql`select m.*, f.name as field_name, p.reviewing_body_name,
      coalesce(c.full_name, fc.full_name, '') || ', ' || p.name as place,
      coalesce((select json_agg(mv.code order by mv.id) from model_movements mm join movements mv on mv.id = mm.movement_id where mm.model_id = m.id), '[]'::json) as movement_codes,
      coalesce((select json_agg(json_build_object('name', i.name, 'value', i.value, 'unit', i.unit, 'kindCode', i.kind_code) order by i.position)
        from model_indicators i where i.model_id = m.id), '[]'::json) as indicator_list
    from models m left join fields f on f.code = m.field_code join provinces p on p.code = m.province_code
    left join communes c on c.code = m.commune_code left join former_communes fc on fc.code = m.former_commune_code
    where m.id = ${id}`,
  );
  return m ?? null;
}

export interface HistoryRow {
  action: string;
  from_status: string | null;
  to_status: string;
  comment: string;
  changes: unknown;
  created_at: string;
  actor: string | null;
}

export async function modelHistory(db: Executor, id: number) {
  return queryRows<HistoryRow>(
    db,
    sql`select h.action, h.from_status, h.to_status, h.comment, h.changes, h.created_at, u.display_name as actor
      from status_history h left join users u on u.id = h.actor_id where h.model_id = ${id} order by h.id`,
  );
}

/** An entry's recognitions, oldest first, for its one-line history. */
export async function modelRecognitions(db: Executor, id: number) {
  const rows = await queryRows<{ year: number; level: string; grade: string }>(
    db,
    sql`select year, level, grade from recognitions where model_id = ${id} order by year, id`,
  );
  return rows.map((r) => ({ year: Number(r.year), level: String(r.level), grade: String(r.grade) }));
}

/** Movement names by code, for showing an entry's (and an older version's) movements. */
export async function movementNames(db: Executor): Promise<Map<string, string>> {
  const rows = await queryRows<{ code: string; name: string }>(db, sql`select code, name from movements`);
  return new Map(rows.map((r) => [r.code, r.name]));
}
