import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';

// Sorted in the application so that both engines, whatever their collation, give one order.
const collator = new Intl.Collator('vi', { numeric: true });
const byVietnameseName = (a: string, b: string) => collator.compare(a, b);

export interface ProvinceWithFormer {
  code: string;
  name: string;
  fullName: string;
  type: string;
  reviewingBodyName: string;
  formerProvinces: { code: string; name: string; fullName: string }[];
}

export async function listProvinces(db: Executor): Promise<ProvinceWithFormer[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.code, p.name, p.full_name, p.type, p.reviewing_body_name,
      coalesce((select json_agg(json_build_object('code', fp.code, 'name', fp.name, 'fullName', fp.full_name) order by fp.code)
        from former_provinces fp where fp.merged_into_province_code = p.code), '[]'::json) as former
    from provinces p order by p.code`,
  );
  return rows.map((r) => ({
    code: String(r.code),
    name: String(r.name),
    fullName: String(r.full_name),
    type: String(r.type),
    reviewingBodyName: String(r.reviewing_body_name),
    formerProvinces:
      typeof r.former === 'string' ? JSON.parse(r.former) : (r.former as ProvinceWithFormer['formerProvinces']),
  }));
}

export interface CommuneWithFormer {
  code: string;
  name: string;
  fullName: string;
  type: string;
  formerCommunes: { code: string; fullName: string; formerDistrictName: string; relation: string }[];
}

export async function listCommunes(db: Executor, provinceCode: string): Promise<CommuneWithFormer[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.code, c.name, c.full_name, c.type,
      coalesce((select json_agg(json_build_object('code', fc.code, 'fullName', fc.full_name,
          'formerDistrictName', fc.former_district_name, 'relation', s.relation) order by fc.code)
        from former_commune_successors s join former_communes fc on fc.code = s.former_code
        where s.commune_code = c.code), '[]'::json) as former
    from communes c where c.province_code = ${provinceCode}`,
  );
  return rows
    .sort((a, b) => byVietnameseName(String(a.name), String(b.name)))
    .map((r) => ({
      code: String(r.code),
      name: String(r.name),
      fullName: String(r.full_name),
      type: String(r.type),
      formerCommunes:
        typeof r.former === 'string' ? JSON.parse(r.former) : (r.former as CommuneWithFormer['formerCommunes']),
    }));
}

export async function provinceExists(db: Executor, code: string): Promise<boolean> {
  return (await queryRows(db, sql`select 1 from provinces where code = ${code}`)).length > 0;
}

export async function communeExists(db: Executor, code: string): Promise<boolean> {
  return (await queryRows(db, sql`select 1 from communes where code = ${code}`)).length > 0;
}

// Reference data changes only with a migration: read it once per database.
const provinceCache = new WeakMap<object, Promise<ProvinceWithFormer[]>>();
const communeCache = new WeakMap<object, Map<string, Promise<CommuneWithFormer[]>>>();

export function cachedProvinces(db: Executor): Promise<ProvinceWithFormer[]> {
  let p = provinceCache.get(db);
  if (!p) {
    p = listProvinces(db);
    provinceCache.set(db, p);
    p.catch(() => provinceCache.delete(db));
  }
  return p;
}

export function cachedCommunes(db: Executor, provinceCode: string): Promise<CommuneWithFormer[]> {
  let byProvince = communeCache.get(db);
  if (!byProvince) {
    byProvince = new Map();
    communeCache.set(db, byProvince);
  }
  let p = byProvince.get(provinceCode);
  if (!p) {
    p = listCommunes(db, provinceCode);
    byProvince.set(provinceCode, p);
    p.catch(() => byProvince!.delete(provinceCode));
  }
  return p;
}
