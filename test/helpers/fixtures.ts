import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { modelIndicators, modelMovements, models, movements, recognitions } from '../../src/db/schema.js';
import { searchColumns } from '../../src/listing/search-document.js';
import { slugify } from '../../src/text/fold.js';
import { publicText } from '../../src/policy/privacy.js';
import { eq } from 'drizzle-orm';

export interface ModelFixture {
  title: string;
  type?: 'collective' | 'individual';
  fieldCode?: string;
  provinceCode?: string;
  formerProvinceCode?: string | null;
  communeCode?: string | null;
  formerCommuneCode?: string | null;
  status?: 'draft' | 'submitted' | 'returned' | 'approved' | 'rejected' | 'withdrawn';
  year?: number;
  startedYear?: number;
  summary?: string;
  results?: string;
  holderName?: string;
  holderRole?: string;
  publishConsent?: boolean;
  contactPhone?: string;
  contactEmail?: string;
  movementCodes?: string[];
  publishedAt?: Date;
}

let seq = 0;

/** Inserts one model the way the application stores it (folded search columns included). */
export async function insertModel(database: Database, f: ModelFixture): Promise<{ id: number; slug: string }> {
  const db = database.db;
  const status = f.status ?? 'approved';
  const provinceCode = f.provinceCode ?? '19';
  let communeCode = f.communeCode === undefined ? null : f.communeCode;
  if (f.communeCode === undefined && !f.formerCommuneCode) {
    const [c] = await queryRows<{ code: string }>(db, sql`select code from communes where province_code = ${provinceCode} order by code limit 1`);
    communeCode = c.code;
  }
  const m = {
    type: f.type ?? 'collective',
    title: f.title,
    summary: f.summary ?? `Tóm tắt của ${f.title}.`,
    holderName: f.holderName ?? 'Chi hội Phụ nữ thôn Đồng Tâm',
    holderRole: f.holderRole ?? 'Tập thể',
    publishConsent: f.publishConsent ?? true,
    results: f.results ?? '',
  };
  const year = status === 'approved' ? (f.year ?? 2024) : null;
  const [row] = await db.insert(models).values({
    ...m,
    slug: `${slugify(publicText(f.title, m))}-${++seq}`,
    fieldCode: f.fieldCode ?? 'kinh-te',
    provinceCode,
    formerProvinceCode: f.formerProvinceCode ?? null,
    communeCode,
    formerCommuneCode: f.formerCommuneCode ?? null,
    startedYear: f.startedYear ?? 2020,
    recognisedYear: year,
    status,
    contactPhone: f.contactPhone ?? '0900 000 111',
    contactEmail: f.contactEmail ?? 'lienhe@example.vn',
    contactName: 'Người liên hệ',
    publishedAt: status === 'approved' ? (f.publishedAt ?? new Date(Date.UTC(year!, 10, 1) + seq * 1000)) : null,
    ...searchColumns(m, []),
  }).returning({ id: models.id, slug: models.slug });
  if (year) await db.insert(recognitions).values({ modelId: row.id, year, level: 'province', grade: 'tot' });
  for (const code of f.movementCodes ?? []) {
    const [mv] = await db.select({ id: movements.id }).from(movements).where(eq(movements.code, code));
    await db.insert(modelMovements).values({ modelId: row.id, movementId: mv.id });
  }
  await db.insert(modelIndicators).values({ modelId: row.id, kindCode: 'households', name: 'Số hộ tham gia', value: '56', unit: 'hộ' });
  return row;
}
