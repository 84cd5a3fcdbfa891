import type { ModelStatus } from '../../src/db/schema.js';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Executor } from '../../src/db/client.js';
import { modelIndicators, modelMovements, models, movements, recognitions } from '../../src/db/schema.js';
import { modelRow } from '../../src/submissions/model-row.js';
import { eq } from 'drizzle-orm';

export interface ModelFixture {
  title: string;
  type?: 'collective' | 'individual';
  fieldCode?: string;
  provinceCode?: string;
  formerProvinceCode?: string | null;
  communeCode?: string | null;
  formerCommuneCode?: string | null;
  status?: ModelStatus;
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

/**
 * Inserts one model the way the application stores it (the one row builder), into a database
 * or inside a transaction.
 */
export async function insertModel(target: Database | Executor, f: ModelFixture): Promise<{ id: number; slug: string }> {
  const db: Executor = 'driver' in target && 'close' in target ? target.db : target;
  const status = f.status ?? 'approved';
  const provinceCode = f.provinceCode ?? '19';
  let communeCode = f.communeCode === undefined ? null : f.communeCode;
  if (f.communeCode === undefined && !f.formerCommuneCode) {
    const [c] = await queryRows<{ code: string }>(
      db,
      sql`select code from communes where province_code = ${provinceCode} order by code limit 1`,
    );
    communeCode = c.code;
  }
  const year = status === 'approved' ? (f.year ?? 2024) : null;
  const row = modelRow(
    {
      type: f.type ?? 'collective',
      title: f.title,
      fieldCode: f.fieldCode ?? 'kinh-te',
      startedYear: f.startedYear ?? 2020,
      summary: f.summary ?? `Tóm tắt của ${f.title}.`,
      holderName: f.holderName ?? 'Chi hội Phụ nữ thôn Đồng Tâm',
      holderRole: f.holderRole ?? 'Tập thể',
      publishConsent: f.publishConsent ?? true,
      results: f.results ?? '',
      contactName: 'Người liên hệ',
      contactPhone: f.contactPhone ?? '0900 000 111',
      contactEmail: f.contactEmail ?? 'lienhe@example.vn',
    },
    {
      provinceCode,
      formerProvinceCode: f.formerProvinceCode ?? null,
      communeCode,
      formerCommuneCode: f.formerCommuneCode ?? null,
      names: [],
    },
    {
      slugSuffix: ++seq,
      status,
      recognisedYear: year,
      publishedAt: status === 'approved' ? (f.publishedAt ?? new Date(Date.UTC(year!, 10, 1) + seq * 1000)) : null,
    },
  );
  const [inserted] = await db.insert(models).values(row).returning({ id: models.id, slug: models.slug });
  if (year) await db.insert(recognitions).values({ modelId: inserted.id, year, level: 'province', grade: 'tot' });
  for (const code of f.movementCodes ?? []) {
    const [mv] = await db.select({ id: movements.id }).from(movements).where(eq(movements.code, code));
    await db.insert(modelMovements).values({ modelId: inserted.id, movementId: mv.id });
  }
  await db
    .insert(modelIndicators)
    .values({ modelId: inserted.id, kindCode: 'households', name: 'Số hộ tham gia', value: '56', unit: 'hộ' });
  return inserted;
}
