import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { publicSummariesByIds, type PublicModelSummary } from '../listing/query.js';

/** Other approved models of the same field in the same province, newest first. */
export async function relatedModels(
  db: Executor,
  m: { id: number; field: string; provinceCode: string },
  limit: number,
): Promise<PublicModelSummary[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select m.id from models m where m.status = 'approved'
    and m.province_code = ${m.provinceCode} and m.field_code = ${m.field} and m.id <> ${m.id}
    order by m.published_at desc nulls last, m.id desc nulls last limit ${limit}`,
  );
  return publicSummariesByIds(
    db,
    rows.map((r) => r.id),
  );
}
