// The reference data a run checks every row against, read once per run: communes (current and
// former, by code and by folded name), fields and movements.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { foldVietnamese } from '../text/fold.js';

export interface CommunePlace {
  provinceCode: string;
  communeCode: string;
  formerCommuneCode: string | null;
  formerProvinceCode: string | null;
  names: string[];
}

export interface Lookups {
  /** A code or folded name → the place, or null when a name is shared by several units (a code is needed). */
  communes: Map<string, CommunePlace | null>;
  movementIds: Map<string, number>;
  provinceNames: Map<string, string>;
}

const nameKey = (s: string) => foldVietnamese(s);

export async function loadLookups(db: Executor): Promise<Lookups> {
  // One after the other: inside the import's transaction they share one connection.
  const current = await queryRows<{
    code: string;
    name: string;
    full_name: string;
    province_code: string;
    pname: string;
  }>(
    db,
    sql`select c.code, c.name, c.full_name, c.province_code, p.name as pname
      from communes c join provinces p on p.code = c.province_code`,
  );
  // A split commune has several successors: the first by code takes its models, as on the registration form.
  const former = await queryRows<{
    code: string;
    name: string;
    full_name: string;
    former_province_code: string;
    commune_code: string;
    province_code: string;
  }>(
    db,
    sql`select distinct on (fc.code) fc.code, fc.name, fc.full_name, fc.former_province_code, s.commune_code, c.province_code
      from former_communes fc join former_commune_successors s on s.former_code = fc.code
      join communes c on c.code = s.commune_code order by fc.code, s.commune_code`,
  );
  const movements = await queryRows<{ id: number; code: string }>(db, sql`select id, code from movements`);
  const provinces = await queryRows<{ code: string; name: string }>(db, sql`select code, name from provinces`);
  const provinceNames = new Map(provinces.map((p) => [p.code, p.name]));
  const communes = new Map<string, CommunePlace | null>();
  const byName = new Map<string, CommunePlace | null>();
  const addName = (key: string, place: CommunePlace) => {
    const was = byName.get(key);
    byName.set(key, was === undefined || was?.communeCode === place.communeCode ? place : null);
  };
  for (const c of current) {
    const place: CommunePlace = {
      provinceCode: c.province_code,
      communeCode: c.code,
      formerCommuneCode: null,
      formerProvinceCode: null,
      names: [c.name, c.pname],
    };
    communes.set(c.code, place);
    addName(nameKey(c.name), place);
    addName(nameKey(c.full_name), place);
  }
  const formerByName = new Map<string, CommunePlace | null>();
  for (const f of former) {
    const place: CommunePlace = {
      provinceCode: f.province_code,
      communeCode: f.commune_code,
      formerCommuneCode: f.code,
      formerProvinceCode: f.former_province_code,
      names: [...(communes.get(f.commune_code)?.names ?? []), f.name],
    };
    if (!communes.has(f.code)) communes.set(f.code, place);
    for (const key of [nameKey(f.name), nameKey(f.full_name)]) {
      const was = formerByName.get(key);
      formerByName.set(key, was === undefined ? place : null);
    }
  }
  // Names are keyed with a prefix so that they never meet a code; current names come before former ones.
  for (const [k, v] of formerByName) if (!byName.has(k)) byName.set(k, v);
  for (const [k, v] of byName) communes.set(`n:${k}`, v);
  return { communes, movementIds: new Map(movements.map((m) => [m.code, m.id])), provinceNames };
}

/**
 * The place a commune cell names: "05797", "05797 – Phường Phan Đình Phùng" (the template's list),
 * a name, or a former commune's code or name. Names are looked up within the province when one is known.
 */
export function findCommune(
  l: Lookups,
  text: string,
  provinceCode: string | null,
): CommunePlace | null | 'ambiguous' | undefined {
  const code = /^(\d{5})(?:\s|$|[–-])/.exec(text)?.[1] ?? (/^\d{1,5}$/.test(text) ? text.padStart(5, '0') : null);
  if (code) return l.communes.get(code) ?? undefined;
  const found = l.communes.get(`n:${nameKey(text)}`);
  if (found === null) {
    // Shared across the country, perhaps unique within the province: look among that province's own.
    if (!provinceCode) return 'ambiguous';
    let match: CommunePlace | undefined;
    for (const [k, v] of l.communes) {
      if (k.startsWith('n:') || !v || v.provinceCode !== provinceCode) continue;
      if (
        v.names
          .slice(0, 1)
          .concat(v.names.slice(2))
          .some((n) => nameKey(n) === nameKey(text))
      ) {
        if (match && match.communeCode !== v.communeCode) return 'ambiguous';
        match = v;
      }
    }
    return match ?? 'ambiguous';
  }
  return found;
}
