import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { foldVietnamese } from '../text/fold.js';
import { statusLabel } from '../reference/vocabulary.js';
import { modelScope } from '../policy/scope.js';
import type { Actor } from '../policy/roles.js';

// Words nearly every title carries: shared, they make a road-building model look like a fruit growers'
// group. Compared without them, two titles must still share most of their words' letters.
const COMMON_WORDS = new Set(
  'mo hinh dan van kheo dien hinh tien tien trong cua va cho voi tai o cac nhung mot de ve tu xa phuong thon ban to ap khu dan cu'
    .split(' ')
    .filter(Boolean),
);
const MIN_SIMILARITY = 0.42;
const CANDIDATES = 40;
const SHOWN = 5;

/** The title's folded words less the common ones. */
function distinctive(folded: string): string {
  return folded
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !COMMON_WORDS.has(w))
    .join(' ');
}

/** pg_trgm's trigrams of a text: each word padded with two spaces before and one after. */
function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.split(' ').filter(Boolean)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/** pg_trgm's similarity (shared trigrams over all trigrams) of the distinctive words of two folded titles. */
export function titleSimilarity(a: string, b: string): number {
  const ta = trigrams(distinctive(a));
  const tb = trigrams(distinctive(b));
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/**
 * Likely duplicates of a title in the province: approved models, and entries the viewer may see
 * anyway (the permission policy's scope), never another commune's unpublished work. The trigram index
 * finds candidates; they are ranked by the similarity of their distinctive words and kept above a
 * threshold.
 */
export async function similarTitles(
  db: Executor,
  viewer: Actor,
  provinceCode: string,
  title: string,
  excludeId?: number,
) {
  const folded = foldVietnamese(title);
  if (distinctive(folded).length < 4) return [];
  const rows = await queryRows<{ id: number; title: string; title_folded: string; status: string; place: string }>(
    db,
    sql`
    select m.id, m.title, m.title_folded, m.status, coalesce(c.full_name, fc.full_name, '') as place
    from models m left join communes c on c.code = m.commune_code left join former_communes fc on fc.code = m.former_commune_code
    where m.province_code = ${provinceCode} and m.title_folded % ${folded} and m.id <> ${excludeId ?? 0}
      and (m.status = 'approved' or (m.status <> 'rejected' and ${modelScope(viewer)}))
    order by similarity(m.title_folded, ${folded}) desc limit ${CANDIDATES}`,
  );
  return rows
    .map((r) => ({ r, score: titleSimilarity(folded, r.title_folded) }))
    .filter((x) => x.score >= MIN_SIMILARITY)
    .sort((a, b) => b.score - a.score)
    .slice(0, SHOWN)
    .map(({ r }) => ({ id: r.id, title: r.title, placeLabel: r.place, statusLabel: statusLabel(r.status) }));
}
