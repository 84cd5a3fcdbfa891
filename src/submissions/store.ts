import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '../db/client.js';
import { modelIndicators, modelMovements, statusHistory } from '../db/schema.js';
import { searchColumns } from '../listing/search-document.js';
import { publicText } from '../policy/privacy.js';
import { slugify } from '../text/fold.js';
import { MODEL_STATUS_LABELS } from '../reference/vocabulary.js';
import type { SessionUser } from '../accounts/users.js';
import type { ModelInput } from './validation.js';
import { Forbidden } from '../http/errors.js';
import { lockModel } from '../policy/resources.js';


export interface Recognition { year: number; level: 'commune' | 'province' | 'central'; grade: 'tot' | 'kha'; decisionNumber?: string; decisionDate?: string }

async function placeNames(tx: Tx, communeCode: string | null, formerCommuneCode: string | null, provinceCode: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(tx, sql`select name from communes where code = ${communeCode}
    union all select name from former_communes where code = ${formerCommuneCode}
    union all select name from provinces where code = ${provinceCode}`);
  return rows.map((r) => r.name);
}

function columnValues(input: ModelInput) {
  return {
    type: input.type, title: input.title, field_code: input.fieldCode, started_year: input.startedYear, summary: input.summary,
    situation: input.situation, goals: input.goals, beneficiaries: input.beneficiaries, activities: input.activities,
    lead_bodies: input.leadBodies, partner_bodies: input.partnerBodies,
    resources_money_million: input.resourcesMoneyMillion === null ? null : String(input.resourcesMoneyMillion),
    resources_work_days: input.resourcesWorkDays, resources_non_state: input.resourcesNonState, results: input.results,
    sustainability: input.sustainability, holder_name: input.holderName, holder_role: input.holderRole,
    publish_consent: input.type === 'individual' ? input.publishConsent : true,
    contact_name: input.contactName, contact_phone: input.contactPhone, contact_email: input.contactEmail,
  };
}

async function replaceChildren(tx: Tx, modelId: number, input: ModelInput): Promise<void> {
  await tx.execute(sql`delete from model_movements where model_id = ${modelId}`);
  await tx.execute(sql`delete from model_indicators where model_id = ${modelId}`);
  const codes = [...new Set(['dan-van-kheo', ...input.movementCodes])];
  const ids = await queryRows<{ id: number }>(tx, sql`select id from movements where code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`);
  if (ids.length) await tx.insert(modelMovements).values(ids.map((m) => ({ modelId, movementId: m.id })));
  if (input.indicators.length) {
    await tx.insert(modelIndicators).values(input.indicators.map((i, position) => ({
      modelId, kindCode: i.kindCode || null, name: i.name, value: String(i.value), unit: i.unit, position,
    })));
  }
}

/** A cadre's new entry in its own commune, as a draft, with its history row; one transaction. */
export async function createModel(database: Database, user: SessionUser, input: ModelInput): Promise<{ id: number; version: number }> {
  return database.db.transaction(async (tx) => {
    const [commune] = await queryRows<{ province_code: string }>(tx, sql`select province_code from communes where code = ${user.communeCode}`);
    if (!commune) throw new Forbidden('Tài khoản chưa được gán xã, phường nên không thể đăng ký mô hình.');
    const search = searchColumns(input, await placeNames(tx, user.communeCode, null, commune.province_code));
    const v = columnValues(input);
    const [row] = await queryRows<{ id: number }>(tx, sql`insert into models (slug, type, title, field_code, province_code, commune_code,
        started_year, summary, situation, goals, beneficiaries, activities, lead_bodies, partner_bodies, resources_money_million,
        resources_work_days, resources_non_state, results, sustainability, holder_name, holder_role, publish_consent,
        consent_recorded_at, contact_name, contact_phone, contact_email, status, created_by, title_folded, search_folded)
      values (${randomUUID()}, ${v.type}, ${v.title}, ${v.field_code}, ${commune.province_code}, ${user.communeCode}, ${v.started_year},
        ${v.summary}, ${v.situation}, ${v.goals}, ${v.beneficiaries}, ${v.activities}, ${v.lead_bodies}, ${v.partner_bodies},
        ${v.resources_money_million}, ${v.resources_work_days}, ${v.resources_non_state}, ${v.results}, ${v.sustainability},
        ${v.holder_name}, ${v.holder_role}, ${v.publish_consent}, ${input.type === 'individual' && input.publishConsent ? sql`now()` : null},
        ${v.contact_name}, ${v.contact_phone}, ${v.contact_email}, 'draft', ${user.id}, ${search.titleFolded}, ${search.searchFolded})
      returning id`);
    // The slug is public once approved: built from public text, unique by the id.
    await tx.execute(sql`update models set slug = ${`${slugify(publicText(input.title, input)) || 'mo-hinh'}-${row.id}`} where id = ${row.id}`);
    await replaceChildren(tx, row.id, input);
    await tx.insert(statusHistory).values({ modelId: row.id, actorId: user.id, action: 'create', fromStatus: null, toStatus: 'draft', comment: '', version: 1 });
    return { id: row.id, version: 1 };
  });
}

/** Edits the story; after submission the change itself goes into the history. */
export async function updateModel(database: Database, user: SessionUser, id: number, expectedVersion: number, input: ModelInput): Promise<{ version: number }> {
  return database.db.transaction(async (tx) => {
    const { m } = await lockModel(tx, id, expectedVersion);
    const [before] = await queryRows<Record<string, unknown>>(tx, sql`select * from models where id = ${id}`);
    const v = columnValues(input);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [col, val] of Object.entries(v)) {
      const old = before[col] === null || before[col] === undefined ? null : String(before[col]);
      const now = val === null ? null : String(val);
      if (old !== now && !(col === 'resources_money_million' && Number(old) === Number(now))) changes[col] = { from: before[col], to: val };
    }
    const search = searchColumns(input, await placeNames(tx, m.commune_code, m.former_commune_code, m.province_code));
    const assignments = sql.join(Object.entries(v).map(([col, val]) => sql`${sql.identifier(col)} = ${val}`), sql`, `);
    await tx.execute(sql`update models set ${assignments}, title_folded = ${search.titleFolded}, search_folded = ${search.searchFolded},
      version = version + 1, updated_at = now() where id = ${id}`);
    await replaceChildren(tx, id, input);
    if (m.status !== 'draft') {
      await tx.insert(statusHistory).values({ modelId: id, actorId: user.id, action: 'edit', fromStatus: m.status, toStatus: m.status, comment: '', changes, version: m.version + 1 });
    }
    return { version: m.version + 1 };
  });
}
