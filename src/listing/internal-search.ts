import { sql, type SQL } from 'drizzle-orm';
import { foldVietnamese, foldedWords } from '../text/fold.js';

// The letters the folding function changes one for one (Vietnamese and other Latin letters, both
// cases), as the two strings of SQL translate(): derived from foldVietnamese, so the two agree.
const FOLD_TABLE = (() => {
  let from = '';
  let to = '';
  const ranges: [number, number][] = [
    [0x41, 0x5a],
    [0xc0, 0x24f],
    [0x1e00, 0x1eff],
  ];
  for (const [lo, hi] of ranges) {
    for (let code = lo; code <= hi; code++) {
      const c = String.fromCharCode(code);
      const f = foldVietnamese(c);
      if (f.length === 1 && f !== c) {
        from += c;
        to += f;
      }
    }
  }
  return { from, to };
})();

/** SQL folding a text column the way foldVietnamese does (for the letters above). */
const folded = (column: SQL) => sql`translate(${column}, ${FOLD_TABLE.from}, ${FOLD_TABLE.to})`;

/**
 * The internal lists' word search (alias m): each word, as a prefix, in the public search text
 * (title, story, consented names, places) or in what only people working on the entry may search:
 * the holder's name whatever the consent, and the name of its commune, current or former.
 */
export function internalSearch(q: string): SQL | null {
  const words = foldedWords(q).slice(0, 12);
  if (words.length === 0) return null;
  const own = sql`to_tsvector('simple', ${folded(sql`m.holder_name`)}
    || ' ' || coalesce((select c.name_folded from communes c where c.code = m.commune_code), '')
    || ' ' || coalesce((select ${folded(sql`fc.name`)} from former_communes fc where fc.code = m.former_commune_code), ''))`;
  return sql.join(
    words.map((w) => {
      const tsq = `${w}:*`;
      return sql`(m.search_vector @@ to_tsquery('simple', ${tsq}) or ${own} @@ to_tsquery('simple', ${tsq}))`;
    }),
    sql` and `,
  );
}
