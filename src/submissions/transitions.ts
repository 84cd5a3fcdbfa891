import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import { notifications, recognitions, statusHistory } from '../db/schema.js';
import { can, checkTransition, type ModelResource } from '../policy/policy.js';
import type { SessionUser } from '../accounts/users.js';
import { MODEL_STATUS_LABELS } from '../reference/vocabulary.js';
import type { TransitionInput, WorkflowAction } from '../policy/workflow.js';
import { lockModel } from '../policy/resources.js';
import { Forbidden, Invalid } from '../http/errors.js';

const NOTICES: Partial<Record<WorkflowAction, string>> = {
  return: 'Mô hình “%s” được trả lại để bổ sung.',
  approve: 'Mô hình “%s” đã được công nhận.',
  reject: 'Mô hình “%s” không được công nhận.',
  withdraw: 'Mô hình “%s” đã bị thu hồi.',
  recognise: 'Mô hình “%s” được công nhận lại.',
};

/**
 * One workflow step: the version the user saw, the policy and the state machine, the status change,
 * the recognition, the history row and the notifications, all in the caller's transaction.
 */
export async function applyTransition(tx: Tx, user: SessionUser, id: number, expectedVersion: number,
  action: WorkflowAction, input: TransitionInput): Promise<{ status: string; version: number }> {
  // Out of scope is refused before the version is compared: an outsider learns nothing.
  const { m, resource } = await lockModel(tx, id, expectedVersion, (_locked, r) => {
    if (!can(user, 'viewInternal', r)) throw new Forbidden('Mô hình này không thuộc phạm vi quản lý của tài khoản.');
  });
  // Who may act is a 403; what they typed (a missing comment) is a 400.
  const allowed = checkTransition(user, action, resource);
  if (!allowed.ok) throw new Forbidden(allowed.reason);
  const result = checkTransition(user, action, resource, input);
  if (!result.ok) throw new Invalid(result.reason);
  const to = result.to;
  const rec = action === 'approve' || action === 'recognise' ? input.recognition! : null;
  await tx.execute(sql`update models set status = ${to}, version = version + 1, updated_at = now(),
      submitted_at = case when ${to} = 'submitted' then now() else submitted_at end,
      published_at = case when ${action} = 'approve' then now() else published_at end,
      recognised_year = case when ${to} = 'approved' then least(coalesce(recognised_year, ${rec?.year ?? null}::smallint), ${rec?.year ?? null}::smallint) else recognised_year end
    where id = ${id}`);
  if (rec) {
    await tx.insert(recognitions).values({ modelId: id, year: rec.year!, level: rec.level!, grade: rec.grade!, decisionNumber: rec.decisionNumber || null, decisionDate: rec.decisionDate || null, recognisedBy: user.id })
      .onConflictDoUpdate({ target: [recognitions.modelId, recognitions.year, recognitions.level], set: { grade: rec.grade!, decisionNumber: rec.decisionNumber || null, decisionDate: rec.decisionDate || null } });
  }
  await tx.insert(statusHistory).values({ modelId: id, actorId: user.id, action, fromStatus: m.status, toStatus: to, comment: input.comment?.trim() ?? '', changes: rec ? { recognition: rec } : null, version: m.version + 1 });
  await notify(tx, { ...m, id }, action, to, input.comment ?? '');
  return { status: to, version: m.version + 1 };
}

async function notify(tx: Tx, m: { id: number; title: string; province_code: string; created_by: number | null }, action: WorkflowAction, to: string, comment: string) {
  if (action === 'submit') {
    const reviewers = await queryRows<{ id: number }>(tx, sql`select id from users where not disabled
      and role in ('province_reviewer', 'province_admin') and province_code = ${m.province_code}`);
    if (reviewers.length) {
      await tx.insert(notifications).values(reviewers.map((r) => ({ userId: r.id, modelId: m.id, kind: 'submitted', message: `Có mô hình mới chờ thẩm định: “${m.title}”.` })));
    }
    return;
  }
  const text = NOTICES[action];
  if (text && m.created_by) {
    const message = text.replace('%s', m.title) + (comment.trim() ? ` Ý kiến: ${comment.trim()}` : '');
    await tx.insert(notifications).values({ userId: m.created_by, modelId: m.id, kind: to, message });
  }
}

export const statusLabel = (s: string) => MODEL_STATUS_LABELS[s as keyof typeof MODEL_STATUS_LABELS] ?? s;
