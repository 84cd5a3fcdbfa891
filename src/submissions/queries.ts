import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import type { SessionUser } from '../accounts/users.js';

export interface InternalModel extends Record<string, unknown> {
  id: number; status: string; version: number; title: string; province_code: string; commune_code: string | null;
  former_commune_code: string | null; created_by: number | null; place: string;
}

export async function findInternalModel(db: Executor, id: number): Promise<InternalModel | null> {
  const [m] = await queryRows<InternalModel>(db, sql`select m.*, f.name as field_name, p.reviewing_body_name,
      coalesce(c.full_name, fc.full_name, '') || ', ' || p.name as place,
      coalesce((select json_agg(mv.code) from model_movements mm join movements mv on mv.id = mm.movement_id where mm.model_id = m.id), '[]'::json) as movement_codes,
      coalesce((select json_agg(json_build_object('name', i.name, 'value', i.value, 'unit', i.unit, 'kindCode', i.kind_code) order by i.position)
        from model_indicators i where i.model_id = m.id), '[]'::json) as indicator_list
    from models m join fields f on f.code = m.field_code join provinces p on p.code = m.province_code
    left join communes c on c.code = m.commune_code left join former_communes fc on fc.code = m.former_commune_code
    where m.id = ${id}`);
  return m ?? null;
}

export async function modelHistory(db: Executor, id: number) {
  return queryRows<{ action: string; from_status: string | null; to_status: string; comment: string; changes: unknown; created_at: string; actor: string | null }>(db,
    sql`select h.action, h.from_status, h.to_status, h.comment, h.changes, h.created_at, u.display_name as actor
      from status_history h left join users u on u.id = h.actor_id where h.model_id = ${id} order by h.id`);
}

/** The entries a user works on: a cadre's commune, a reviewer's province (oldest submission first). */
export interface WorkFilters { status?: string; field?: string }

export async function workList(db: Executor, user: SessionUser, f: WorkFilters = {}) {
  const scope = user.role === 'commune_cadre'
    ? sql`(m.commune_code = ${user.communeCode} or m.former_commune_code in (select former_code from former_commune_successors where commune_code = ${user.communeCode}))`
    : user.role === 'central_admin' ? sql`true` : sql`m.province_code = ${user.provinceCode}`;
  const order = user.role === 'commune_cadre'
    ? sql`case m.status when 'returned' then 0 when 'draft' then 1 when 'submitted' then 2 else 3 end, m.updated_at desc`
    : sql`case m.status when 'submitted' then 0 else 1 end, m.submitted_at asc nulls last, m.id`;
  return queryRows<{ id: number; title: string; status: string; updated_at: string; submitted_at: string | null; place: string; last_comment: string | null }>(db, sql`
    select m.id, m.title, m.status, m.updated_at, m.submitted_at, coalesce(c.full_name, fc.full_name, '') as place,
      (select h.comment from status_history h where h.model_id = m.id and h.comment <> '' order by h.id desc limit 1) as last_comment
    from models m left join communes c on c.code = m.commune_code left join former_communes fc on fc.code = m.former_commune_code
    where ${scope} and (${f.status ?? null}::text is null or m.status = ${f.status ?? null})
      and (${f.field ?? null}::text is null or m.field_code = ${f.field ?? null}) order by ${order} limit 200`);
}

/** How many entries of each status the user's scope holds, whatever the filters. */
export async function workCounts(db: Executor, user: SessionUser): Promise<Record<string, number>> {
  const scope = user.role === 'commune_cadre'
    ? sql`(commune_code = ${user.communeCode} or former_commune_code in (select former_code from former_commune_successors where commune_code = ${user.communeCode}))`
    : user.role === 'central_admin' ? sql`true` : sql`province_code = ${user.provinceCode}`;
  const rows = await queryRows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from models where ${scope} group by status`);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
