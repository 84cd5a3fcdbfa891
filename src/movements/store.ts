// Writing movements: each operation takes the transaction, locks the row, lets the caller check the
// policy on it, checks the version the user saw, and records what changed in movement_history.
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import { movementHistory, movementPhases, movements } from '../db/schema.js';
import { Conflict, Invalid, NotFound } from '../http/errors.js';
import type { MovementResource } from '../policy/policy.js';
import type { MovementInput, PhaseInput } from './validation.js';

type Changes = Record<string, { from: unknown; to: unknown }>;

interface LockedMovement {
  id: number;
  code: string;
  level: string;
  province_code: string | null;
  version: number;
  status: string;
  start_year: number;
  end_year: number | null;
  document_storage_key: string | null;
}

const CONFLICT = 'Phong trào này vừa được người khác thay đổi. Hãy xem lại nội dung hiện tại rồi sửa lại.';

/** The row, locked; `authorise` sees it before anything about its version is told. */
async function lockMovement(
  tx: Tx,
  code: string,
  expectedVersion: number | null,
  authorise: (resource: MovementResource) => void,
): Promise<LockedMovement> {
  const [m] = await queryRows<LockedMovement>(
    tx,
    sql`select id, code, level, province_code, version, status, start_year, end_year, document_storage_key
      from movements where code = ${code} for update`,
  );
  if (!m) throw new NotFound('Không tìm thấy phong trào này.');
  authorise({ level: m.level, provinceCode: m.province_code });
  if (expectedVersion !== null && m.version !== expectedVersion)
    throw new Conflict({ status: m.status, version: m.version }, CONFLICT);
  return m;
}

const record = (
  tx: Tx,
  m: { id: number | null; code: string },
  actorId: number,
  action: string,
  changes: Changes | null,
) => tx.insert(movementHistory).values({ movementId: m.id, movementCode: m.code, actorId, action, changes });

const phaseText = (phases: readonly PhaseInput[]) =>
  phases.map((p) => `${p.name} (${p.startYear}–${p.endYear ?? '…'})`).join('; ');

async function writePhases(tx: Tx, movementId: number, phases: readonly PhaseInput[]) {
  await tx.delete(movementPhases).where(sql`${movementPhases.movementId} = ${movementId}`);
  if (phases.length)
    await tx.insert(movementPhases).values(phases.map((p, i) => ({ movementId, ...p, position: i + 1 })));
}

async function codeTaken(tx: Tx, code: string) {
  return (await queryRows(tx, sql`select 1 from movements where code = ${code}`)).length > 0;
}
export const CODE_TAKEN = 'Mã phong trào này đã được dùng; hãy chọn mã khác.';

type Columns = Omit<MovementInput, 'phases' | 'code'>;
const columnsOf = ({ phases: _phases, code: _code, ...rest }: MovementInput): Columns => rest;

export async function createMovement(
  tx: Tx,
  actorId: number,
  owner: MovementResource,
  input: MovementInput,
): Promise<{ code: string }> {
  if (await codeTaken(tx, input.code)) throw new Invalid(CODE_TAKEN, { parameter: 'code' });
  const [row] = await tx
    .insert(movements)
    .values({
      ...columnsOf(input),
      code: input.code,
      level: owner.level,
      provinceCode: owner.provinceCode,
      createdBy: actorId,
    })
    .returning({ id: movements.id });
  await writePhases(tx, row.id, input.phases);
  const changes: Changes = {};
  for (const [k, v] of Object.entries({ ...columnsOf(input), code: input.code }))
    if (v !== null && v !== '') changes[k] = { from: null, to: v };
  if (input.phases.length) changes.phases = { from: null, to: phaseText(input.phases) };
  await record(tx, { id: row.id, code: input.code }, actorId, 'create', changes);
  return { code: input.code };
}

export async function updateMovement(
  tx: Tx,
  actorId: number,
  code: string,
  version: number,
  input: MovementInput,
  authorise: (resource: MovementResource) => void,
): Promise<void> {
  const m = await lockMovement(tx, code, version, authorise);
  const [was] = await queryRows<Record<string, unknown>>(tx, sql`select * from movements where id = ${m.id}`);
  const oldPhases = await queryRows<PhaseInput & Record<string, unknown>>(
    tx,
    sql`select name, start_year as "startYear", end_year as "endYear" from movement_phases
      where movement_id = ${m.id} order by position, id`,
  );
  const columns = columnsOf(input);
  const changes: Changes = {};
  for (const [k, to] of Object.entries(columns)) {
    const snake = k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    let from = was[snake] ?? null;
    if (from instanceof Date) from = from.toISOString().slice(0, 10);
    if (typeof from === 'string' && k === 'documentDate') from = from.slice(0, 10);
    if (String(from ?? '') !== String(to ?? '')) changes[k] = { from, to };
  }
  const before = phaseText(oldPhases.map((p) => ({ ...p, endYear: p.endYear ?? null })));
  const after = phaseText(input.phases);
  if (before !== after) changes.phases = { from: before, to: after };
  if (!Object.keys(changes).length) return;
  await tx
    .update(movements)
    .set({ ...columns, version: sql`${movements.version} + 1`, updatedAt: new Date() })
    .where(sql`${movements.id} = ${m.id}`);
  if (changes.phases) await writePhases(tx, m.id, input.phases);
  await record(tx, m, actorId, 'edit', changes);
}

export async function endMovement(
  tx: Tx,
  actorId: number,
  code: string,
  version: number,
  endYear: number,
  authorise: (resource: MovementResource) => void,
): Promise<void> {
  const m = await lockMovement(tx, code, version, authorise);
  if (endYear < m.start_year)
    throw new Invalid(`Năm kết thúc (${endYear}) không được trước năm bắt đầu (${m.start_year}).`);
  await tx
    .update(movements)
    .set({ status: 'ended', endYear, version: sql`${movements.version} + 1`, updatedAt: new Date() })
    .where(sql`${movements.id} = ${m.id}`);
  await record(tx, m, actorId, 'end', {
    status: { from: m.status, to: 'ended' },
    endYear: { from: m.end_year, to: endYear },
  });
}

const HAS_MODELS =
  'Phong trào đã có mô hình tham gia nên không thể xóa; chỉ có thể kết thúc phong trào (ghi năm kết thúc).';

/** Deletes a movement no model belongs to; its history stays, saying so. Returns its file's key. */
export async function deleteMovement(
  tx: Tx,
  actorId: number,
  code: string,
  version: number,
  authorise: (resource: MovementResource) => void,
): Promise<string | null> {
  const m = await lockMovement(tx, code, version, authorise);
  const [{ n }] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from model_movements where movement_id = ${m.id}`,
  );
  if (Number(n) > 0) throw new Invalid(HAS_MODELS);
  await tx.delete(movements).where(sql`${movements.id} = ${m.id}`);
  await record(tx, { id: null, code: m.code }, actorId, 'delete', null);
  return m.document_storage_key;
}

export interface StoredDocument {
  key: string;
  name: string;
  mime: string;
  size: number;
}

/** Puts the launch document on the movement; returns the key of the one it replaces. */
export async function setDocument(
  tx: Tx,
  actorId: number,
  code: string,
  version: number,
  doc: StoredDocument,
  authorise: (resource: MovementResource) => void,
): Promise<string | null> {
  const m = await lockMovement(tx, code, version, authorise);
  const [was] = await queryRows<{ document_name: string | null }>(
    tx,
    sql`select document_name from movements where id = ${m.id}`,
  );
  await tx
    .update(movements)
    .set({
      documentStorageKey: doc.key,
      documentName: doc.name,
      documentMimeType: doc.mime,
      documentSizeBytes: doc.size,
      version: sql`${movements.version} + 1`,
      updatedAt: new Date(),
    })
    .where(sql`${movements.id} = ${m.id}`);
  await record(tx, m, actorId, 'document', { documentName: { from: was.document_name, to: doc.name } });
  return m.document_storage_key;
}
