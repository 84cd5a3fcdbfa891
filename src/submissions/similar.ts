import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { foldVietnamese } from '../text/fold.js';
import { statusLabel } from '../reference/vocabulary.js';

/** Existing models of the province whose folded titles are trigram-similar: likely duplicates. */
export async function similarTitles(db: Executor, provinceCode: string, title: string, excludeId?: number) {
  const folded = foldVietnamese(title);
  if (folded.length < 4) return [];
  const rows = await queryRows<{ id: number; title: string; status: string; place: string }>(
    db,
    sql`
    select m.id, m.title, m.status, coalesce(c.full_name, fc.full_name, '') as place
    from models m left join communes c on c.code = m.commune_code left join former_communes fc on fc.code = m.former_commune_code
    where m.province_code = ${provinceCode} and m.title_folded % ${folded} and m.id <> ${excludeId ?? 0}
      and m.status <> 'rejected'
    order by similarity(m.title_folded, ${folded}) desc limit 5`,
  );
  return rows.map((r) => ({ id: r.id, title: r.title, placeLabel: r.place, statusLabel: statusLabel(r.status) }));
}
