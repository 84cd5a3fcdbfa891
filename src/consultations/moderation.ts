// What a province reviewer does with the opinions on an entry: hide an abusive one (kept, marked, not counted),
// show it again, and publish a short summary. Each change is a line of the entry's history.
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import { statusHistory } from '../db/schema.js';
import { Forbidden, Invalid, NotFound } from '../http/errors.js';
import { can, type Actor } from '../policy/policy.js';
import { lockModel, type LockedModel } from '../policy/resources.js';
import { formatNumber } from '../text/numbers.js';

export const SUMMARY_MAX_CHARS = 500;

/** Locks the entry and checks the user may moderate its opinions: out of scope reads as not found. */
async function lockForModeration(tx: Tx, user: Actor, modelId: number): Promise<LockedModel> {
  const { m } = await lockModel(tx, modelId, null, (_m, resource) => {
    if (!can(user, 'viewInternal', resource)) throw new NotFound('Không tìm thấy mô hình trong phạm vi của tài khoản.');
    if (!can(user, 'moderateOpinions', resource))
      throw new Forbidden('Chỉ cán bộ thẩm định của tỉnh được xử lý ý kiến nhân dân.');
  });
  return m;
}

async function historyLine(
  tx: Tx,
  user: Actor & { id: number },
  m: LockedModel,
  action: string,
  changes: Record<string, unknown>,
) {
  // The entry's own content and version do not change: an open form on it stays valid.
  await tx.insert(statusHistory).values({
    modelId: m.id,
    actorId: user.id,
    action,
    fromStatus: m.status,
    toStatus: m.status,
    comment: '',
    changes: { consultation: changes },
    version: m.version,
  });
}

/** Hides (or shows again) one opinion of the entry's consultations; a no-op when it already is so. */
export async function setOpinionHidden(
  tx: Tx,
  user: Actor & { id: number },
  modelId: number,
  opinionId: number,
  hidden: boolean,
): Promise<void> {
  const m = await lockForModeration(tx, user, modelId);
  const changed = await queryRows<{ id: number }>(
    tx,
    sql`update opinions o set hidden_at = ${hidden ? sql`now()` : sql`null`}, hidden_by = ${hidden ? user.id : null}
    from consultations c
    where o.id = ${opinionId} and c.id = o.consultation_id and c.model_id = ${modelId}
      and (o.hidden_at is null) = ${hidden}
    returning o.id`,
  );
  if (!changed.length) {
    const [exists] = await queryRows<{ id: number }>(
      tx,
      sql`select o.id from opinions o join consultations c on c.id = o.consultation_id
      where o.id = ${opinionId} and c.model_id = ${modelId}`,
    );
    if (!exists) throw new NotFound('Không tìm thấy ý kiến này.');
    return;
  }
  await historyLine(tx, user, m, hidden ? 'opinion-hidden' : 'opinion-shown', { opinion: opinionId });
}

/** Publishes the short public summary of the entry's latest consultation; an empty one removes it. */
export async function setSummary(
  tx: Tx,
  user: Actor & { id: number },
  modelId: number,
  summary: unknown,
): Promise<'published' | 'cleared'> {
  const m = await lockForModeration(tx, user, modelId);
  const text = typeof summary === 'string' ? summary.trim().normalize('NFC') : '';
  if (typeof summary !== 'string' && summary !== undefined) throw new Invalid('Tóm tắt không hợp lệ.');
  if ([...text].length > SUMMARY_MAX_CHARS)
    throw new Invalid(
      `Tóm tắt công khai dài tối đa ${SUMMARY_MAX_CHARS} ký tự (đang có ${formatNumber([...text].length)}).`,
    );
  const updated = await queryRows<{ id: number }>(
    tx,
    sql`update consultations set summary = ${text}
    where id = (select id from consultations where model_id = ${modelId} order by id desc limit 1)
    returning id`,
  );
  if (!updated.length) throw new Invalid('Mô hình này chưa lấy ý kiến nhân dân.');
  await historyLine(tx, user, m, 'summary', { summary: text });
  return text ? 'published' : 'cleared';
}
