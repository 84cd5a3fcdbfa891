// Stored search documents and slugs are derived in the application (one row builder), so when the
// rule of what is public changes, rows written under the old rule must be rebuilt: done once at
// start-up, under the start-up lock, and recorded in app_settings.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { inTransaction } from '../db/transaction.js';
import { searchColumns } from '../listing/search-document.js';
import { modelSlug } from './model-row.js';

const SETTING = 'search_documents';
/** 2: names without consent in every form of policy/privacy.ts, left out of documents and slugs. */
const CURRENT = '2';
const CHUNK = 1000;

interface Row {
  id: number;
  type: 'individual';
  title: string;
  summary: string;
  holder_name: string;
  holder_role: string;
  publish_consent: boolean;
  beneficiaries: string;
  activities: string;
  results: string;
  lead_bodies: string;
  slug: string;
  title_folded: string;
  search_folded: string;
  names: string[] | string;
}

/** Rebuilds what an older rule stored for individuals without consent; the number of rows changed. */
export async function refreshSearchDocuments(db: Executor): Promise<number> {
  const [done] = await queryRows<{ value: string }>(db, sql`select value from app_settings where key = ${SETTING}`);
  if (done?.value === CURRENT) return 0;
  let changed = 0;
  // Only their documents depend on the masking rule: everyone else's name is public.
  for (let after = 0; ;) {
    const rows = await queryRows<Row>(
      db,
      sql`select m.id, m.type, m.title, m.summary, m.holder_name, m.holder_role, m.publish_consent,
        m.beneficiaries, m.activities, m.results, m.lead_bodies, m.slug, m.title_folded, m.search_folded,
        json_build_array(c.name, fc.name, p.name, fp.name) as names
      from models m join provinces p on p.code = m.province_code
      left join former_provinces fp on fp.code = m.former_province_code
      left join communes c on c.code = m.commune_code left join former_communes fc on fc.code = m.former_commune_code
      where m.type = 'individual' and not m.publish_consent and m.id > ${after} order by m.id limit ${CHUNK}`,
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const updates = rows.flatMap((r) => {
      const story = {
        type: r.type,
        title: r.title,
        summary: r.summary,
        holderName: r.holder_name,
        holderRole: r.holder_role,
        publishConsent: r.publish_consent,
        beneficiaries: r.beneficiaries,
        activities: r.activities,
        results: r.results,
        leadBodies: r.lead_bodies,
      };
      const names = (typeof r.names === 'string' ? JSON.parse(r.names) : r.names) as (string | null)[];
      const cols = searchColumns(
        story,
        names.filter((n): n is string => Boolean(n)),
      );
      // A slug keeps its suffix unless its words came from a name: then it ends with the id, as new ones do.
      const base = modelSlug(story);
      const slug = r.slug === base || r.slug.startsWith(`${base}-`) ? r.slug : modelSlug(story, r.id);
      const same = cols.titleFolded === r.title_folded && cols.searchFolded === r.search_folded && slug === r.slug;
      return same ? [] : [{ id: r.id, slug, title_folded: cols.titleFolded, search_folded: cols.searchFolded }];
    });
    if (updates.length === 0) continue;
    await inTransaction(db, (tx) =>
      tx.execute(sql`update models m set title_folded = u.title_folded, search_folded = u.search_folded, slug = u.slug
        from json_to_recordset(${JSON.stringify(updates)}::json) as u(id int, slug text, title_folded text, search_folded text)
        where m.id = u.id`),
    );
    changed += updates.length;
  }
  await db.execute(sql`insert into app_settings (key, value) values (${SETTING}, ${CURRENT})
    on conflict (key) do update set value = excluded.value`);
  return changed;
}
