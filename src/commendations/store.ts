// Writing commendations: each operation locks the model, asks the policy, checks what needs the
// database, writes the row and its line in the model's history, all in the caller's transaction.
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import { commendations, statusHistory } from '../db/schema.js';
import type { SessionUser } from '../accounts/users.js';
import { can } from '../policy/policy.js';
import { lockModel, type LockedModel } from '../policy/resources.js';
import { Forbidden, Invalid, NotFound } from '../http/errors.js';
import { formatDate } from '../text/numbers.js';
import { decisionKey, FieldErrors, type CommendationInput, type RevocationInput } from './validation.js';

const REFUSED_ROLE =
  'Chỉ cán bộ thẩm định, quản trị cấp tỉnh (trong tỉnh mình) hoặc quản trị Trung ương được ghi nhận khen thưởng.';
const REFUSED_STATUS = 'Chỉ ghi nhận khen thưởng cho mô hình đã được công nhận.';

/** Locks the model and asks the policy; out of scope is a 404 that tells nothing about the model. */
async function lockForCommendation(tx: Tx, user: SessionUser, modelId: number): Promise<LockedModel> {
  const { m } = await lockModel(tx, modelId, null, (_m, resource) => {
    if (!can(user, 'viewInternal', resource)) throw new NotFound('Không tìm thấy mô hình trong phạm vi của tài khoản.');
    if (!can(user, 'recordCommendation', resource))
      throw new Forbidden(can(user, 'recordCommendation') ? REFUSED_STATUS : REFUSED_ROLE);
  });
  return m;
}

interface Resolved {
  movementId: number | null;
}

/** The checks that need the database: an active form (or the one it already had), the movement, the file, the number. */
async function resolve(
  tx: Tx,
  modelId: number,
  input: CommendationInput,
  current: { id: number; form: string } | null,
): Promise<Resolved> {
  const errors: Record<string, string> = {};
  const [form] = await queryRows<{ is_active: boolean }>(
    tx,
    sql`select is_active from commendation_forms where code = ${input.form}`,
  );
  if (!form) errors.form = 'Hình thức khen thưởng không có trong danh mục.';
  else if (!form.is_active && current?.form !== input.form)
    errors.form = 'Hình thức khen thưởng này không còn được dùng; chọn hình thức khác trong danh mục.';
  let movementId: number | null = null;
  if (input.movementCode) {
    const [mv] = await queryRows<{ id: number }>(
      tx,
      sql`select id from movements where code = ${input.movementCode} and status <> 'draft'`,
    );
    if (!mv) errors.movement = 'Phong trào không có trong danh sách phong trào đã phát động.';
    else movementId = mv.id;
  }
  if (input.evidenceFileId !== null) {
    const [file] = await queryRows(
      tx,
      sql`select 1 from evidence_files where id = ${input.evidenceFileId} and model_id = ${modelId}`,
    );
    if (!file) errors.evidenceFileId = 'Tệp quyết định phải là một tệp minh chứng của mô hình này.';
  }
  const others = await queryRows<{ decision_number: string | null }>(
    tx,
    sql`select decision_number from commendations where model_id = ${modelId} and id <> ${current?.id ?? 0}`,
  );
  if (
    others.some(
      (o) => o.decision_number !== null && decisionKey(o.decision_number) === decisionKey(input.decisionNumber),
    )
  )
    errors.decisionNumber = `Mô hình đã có khen thưởng theo Quyết định số ${input.decisionNumber}.`;
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  return { movementId };
}

const summary = (i: { decisionNumber: string | null; decisionDate: string | null }, formName: string) =>
  `${formName}, Quyết định số ${i.decisionNumber ?? '—'}${i.decisionDate ? ` ngày ${formatDate(i.decisionDate)}` : ''}`;

async function formName(tx: Tx, code: string): Promise<string> {
  const [f] = await queryRows<{ name: string }>(tx, sql`select name from commendation_forms where code = ${code}`);
  return f?.name ?? code;
}

/** The model's history line: the status stays as it is, the version is the model's own. */
async function history(tx: Tx, user: SessionUser, m: LockedModel, comment: string, changes: unknown): Promise<void> {
  await tx.insert(statusHistory).values({
    modelId: m.id,
    actorId: user.id,
    action: 'commendation',
    fromStatus: m.status,
    toStatus: m.status,
    comment,
    changes,
    version: m.version,
  });
}

const columns = (input: CommendationInput, r: Resolved) => ({
  form: input.form,
  issuingBody: input.issuingBody,
  level: input.level,
  decisionNumber: input.decisionNumber,
  decisionDate: input.decisionDate,
  movementId: r.movementId,
  evidenceFileId: input.evidenceFileId,
  note: input.note,
});

export async function addCommendation(
  tx: Tx,
  user: SessionUser,
  modelId: number,
  input: CommendationInput,
): Promise<number> {
  const m = await lockForCommendation(tx, user, modelId);
  const resolved = await resolve(tx, modelId, input, null);
  const [row] = await tx
    .insert(commendations)
    .values({ modelId, ...columns(input, resolved), createdBy: user.id })
    .returning({ id: commendations.id });
  await history(tx, user, m, `Thêm khen thưởng: ${summary(input, await formName(tx, input.form))}.`, {
    commendation: { op: 'add', id: row.id, after: input },
  });
  return row.id;
}

interface StoredCommendation {
  id: number;
  form: string;
  issuing_body: string;
  level: string;
  decision_number: string | null;
  decision_date: string | Date | null;
  movement_code: string | null;
  evidence_file_id: number | null;
  note: string;
  revoked_at: string | Date | null;
}

async function findStored(tx: Tx, modelId: number, id: number): Promise<StoredCommendation> {
  const [c] = await queryRows<StoredCommendation>(
    tx,
    sql`select c.id, c.form, c.issuing_body, c.level, c.decision_number, c.decision_date,
      mv.code as movement_code, c.evidence_file_id, c.note, c.revoked_at
    from commendations c left join movements mv on mv.id = c.movement_id
    where c.id = ${id} and c.model_id = ${modelId}`,
  );
  if (!c) throw new NotFound('Không tìm thấy khen thưởng này của mô hình.');
  return c;
}

const isoDay = (v: string | Date | null) =>
  v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

export async function updateCommendation(
  tx: Tx,
  user: SessionUser,
  modelId: number,
  id: number,
  input: CommendationInput,
): Promise<void> {
  const m = await lockForCommendation(tx, user, modelId);
  const before = await findStored(tx, modelId, id);
  if (before.revoked_at !== null) throw new Invalid('Khen thưởng đã bị thu hồi nên không sửa được nữa.');
  const resolved = await resolve(tx, modelId, input, before);
  const was: Record<keyof CommendationInput, unknown> = {
    form: before.form,
    issuingBody: before.issuing_body,
    level: before.level,
    decisionNumber: before.decision_number,
    decisionDate: isoDay(before.decision_date),
    movementCode: before.movement_code,
    evidenceFileId: before.evidence_file_id === null ? null : Number(before.evidence_file_id),
    note: before.note,
  };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(was) as (keyof CommendationInput)[])
    if (was[key] !== input[key]) changes[key] = { from: was[key], to: input[key] };
  if (!Object.keys(changes).length) return;
  await tx
    .update(commendations)
    .set(columns(input, resolved))
    .where(sql`${commendations.id} = ${id}`);
  await history(tx, user, m, `Sửa khen thưởng: ${summary(input, await formName(tx, input.form))}.`, {
    commendation: { op: 'edit', id, changes },
  });
}

export async function revokeCommendation(
  tx: Tx,
  user: SessionUser,
  modelId: number,
  id: number,
  parse: (decisionDate: string | null) => RevocationInput,
): Promise<void> {
  const m = await lockForCommendation(tx, user, modelId);
  const c = await findStored(tx, modelId, id);
  if (c.revoked_at !== null) throw new Invalid('Khen thưởng này đã được thu hồi trước đó.');
  const r = parse(isoDay(c.decision_date));
  await tx
    .update(commendations)
    .set({ revokedAt: r.revokedAt, revokedReason: r.reason, revokedBy: user.id })
    .where(sql`${commendations.id} = ${id}`);
  await history(
    tx,
    user,
    m,
    `Thu hồi khen thưởng: ${summary({ decisionNumber: c.decision_number, decisionDate: isoDay(c.decision_date) }, await formName(tx, c.form))}, từ ngày ${formatDate(r.revokedAt)}. Lý do: ${r.reason}`,
    { commendation: { op: 'revoke', id, revokedAt: r.revokedAt, reason: r.reason } },
  );
}
