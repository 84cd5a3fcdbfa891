import { eq, getTableColumns, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import { modelIndicators, modelMovements, models, statusHistory } from '../db/schema.js';
import type { SessionUser } from '../accounts/users.js';
import type { ModelInput } from './validation.js';
import { Forbidden } from '../http/errors.js';
import { lockModel } from '../policy/resources.js';
import { findInternalModel } from './queries.js';
import { internalModelView } from './presenters.js';
import { modelRow, modelSlug, reserveModelIds, storyColumns } from './model-row.js';
import { replaceReplicaLinks } from '../replication/store.js';
import type { ReplicaLink } from '../replication/validation.js';

async function placeNames(
  tx: Tx,
  communeCode: string | null,
  formerCommuneCode: string | null,
  provinceCode: string,
): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    tx,
    sql`select name from communes where code = ${communeCode}
    union all select name from former_communes where code = ${formerCommuneCode}
    union all select name from provinces where code = ${provinceCode}`,
  );
  return rows.map((r) => r.name);
}

async function replaceChildren(tx: Tx, modelId: number, input: ModelInput): Promise<void> {
  await tx.execute(sql`delete from model_movements where model_id = ${modelId}`);
  await tx.execute(sql`delete from model_indicators where model_id = ${modelId}`);
  const codes = [...new Set(['dan-van-kheo', ...input.movementCodes])];
  const ids = await queryRows<{ id: number }>(
    tx,
    sql`select id from movements where code in (${sql.join(
      codes.map((c) => sql`${c}`),
      sql`, `,
    )})`,
  );
  if (ids.length) await tx.insert(modelMovements).values(ids.map((m) => ({ modelId, movementId: m.id })));
  if (input.indicators.length) {
    await tx.insert(modelIndicators).values(
      input.indicators.map((i, position) => ({
        modelId,
        kindCode: i.kindCode || null,
        name: i.name,
        value: String(i.value),
        unit: i.unit,
        position,
      })),
    );
  }
}

/** A cadre's new entry in its own commune, as a draft, with its history row. */
export async function createModel(
  tx: Tx,
  user: SessionUser,
  input: ModelInput,
  links: readonly ReplicaLink[] = [],
): Promise<{ id: number; version: number }> {
  const [commune] = await queryRows<{ province_code: string }>(
    tx,
    sql`select province_code from communes where code = ${user.communeCode}`,
  );
  if (!commune) throw new Forbidden('Tài khoản chưa được gán xã, phường nên không thể đăng ký mô hình.');
  // The id is taken first so that the slug, unique by it, is in the row as written.
  const [id] = await reserveModelIds(tx, 1);
  const names = await placeNames(tx, user.communeCode, null, commune.province_code);
  await tx
    .insert(models)
    .values(
      modelRow(
        input,
        { provinceCode: commune.province_code, communeCode: user.communeCode, names },
        { id, createdBy: user.id },
      ),
    );
  await replaceChildren(tx, id, input);
  if (links.length) await replaceReplicaLinks(tx, id, links, user.id);
  await tx.insert(statusHistory).values({
    modelId: id,
    actorId: user.id,
    action: 'create',
    fromStatus: null,
    toStatus: 'draft',
    comment: '',
    version: 1,
  });
  return { id, version: 1 };
}

const COLUMN_NAMES = Object.fromEntries(
  Object.entries(getTableColumns(models)).map(([key, c]) => [key, c.name]),
) as Record<string, string>;

/** Edits the story; after submission the change itself goes into the history. */
export async function updateModel(
  tx: Tx,
  user: SessionUser,
  id: number,
  expectedVersion: number,
  input: ModelInput,
  /** The originals it names; undefined leaves them as they are. */
  links?: readonly ReplicaLink[],
): Promise<{ version: number }> {
  const { m } = await lockModel(tx, id, expectedVersion);
  const [before] = await queryRows<Record<string, unknown>>(tx, sql`select * from models where id = ${id}`);
  const names = await placeNames(tx, m.commune_code, m.former_commune_code, m.province_code);
  const row = modelRow(input, { provinceCode: m.province_code, names });
  const story = storyColumns(input);
  // The history names the changed columns as the database does; its page shows their labels.
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, val] of Object.entries(story)) {
    const col = COLUMN_NAMES[key];
    const old = before[col] === null || before[col] === undefined ? null : String(before[col]);
    const now = val === null ? null : String(val);
    if (old !== now && !(col === 'resources_money_million' && Number(old) === Number(now)))
      changes[col] = { from: before[col], to: val };
  }
  // The lists live in their own tables; they count as one field each.
  const was = internalModelView((await findInternalModel(tx, id))!).content;
  const indicatorText = (list: ModelInput['indicators']) =>
    JSON.stringify(list.map((i) => [i.name, Number(i.value), i.unit, i.kindCode || '']));
  if (indicatorText(was.indicators) !== indicatorText(input.indicators))
    changes.indicators = { from: was.indicators, to: input.indicators };
  const movementSet = (codes: readonly string[]) => [...new Set(['dan-van-kheo', ...codes])].sort().join(',');
  if (movementSet(was.movementCodes) !== movementSet(input.movementCodes))
    changes.movementCodes = { from: was.movementCodes, to: input.movementCodes };
  // Not yet public, so the slug may follow the title and the consent (a name may have left them).
  const base = modelSlug(input);
  const slug = String(before.slug);
  await tx
    .update(models)
    .set({
      ...story,
      slug: slug === base || slug.startsWith(`${base}-`) ? slug : modelSlug(input, id),
      titleFolded: row.titleFolded,
      searchFolded: row.searchFolded,
      version: sql`${models.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(models.id, id));
  await replaceChildren(tx, id, input);
  const linkChange = links ? await replaceReplicaLinks(tx, id, links, user.id) : null;
  if (linkChange) changes.replicates = linkChange;
  if (m.status !== 'draft') {
    await tx.insert(statusHistory).values({
      modelId: id,
      actorId: user.id,
      action: 'edit',
      fromStatus: m.status,
      toStatus: m.status,
      comment: '',
      changes,
      version: m.version + 1,
    });
  }
  return { version: m.version + 1 };
}
