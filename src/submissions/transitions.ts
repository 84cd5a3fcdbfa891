import { sql } from 'drizzle-orm';
import { type Tx } from '../db/client.js';
import { recognitions, statusHistory } from '../db/schema.js';
import { can, checkTransition } from '../policy/policy.js';
import type { SessionUser } from '../accounts/users.js';
import type { TransitionInput, WorkflowAction } from '../policy/workflow.js';
import { lockModel, modelResource, type ScopedRow } from '../policy/resources.js';
import { noticeRecipients } from '../policy/scope.js';
import { Forbidden, Invalid } from '../http/errors.js';
import { findInternalModel } from './queries.js';
import { internalModelView } from './presenters.js';
import { mentionSummary, nameMentions } from './name-check.js';
import type { ModelInput } from './validation.js';
import { missingForSubmission, missingSummary } from './completeness.js';
import { consultationStep } from '../consultations/steps.js';

/** Steps that cannot be undone by the commune: the page asks the reviewer to tick a confirmation. */
export const CONFIRMATIONS: Partial<Record<WorkflowAction, { label: string; refusal: string }>> = {
  reject: {
    label: 'Tôi xác nhận không công nhận mô hình này',
    refusal: 'Hãy đánh dấu ô “Tôi xác nhận không công nhận mô hình này” để từ chối công nhận.',
  },
  withdraw: {
    label: 'Tôi xác nhận thu hồi công nhận mô hình này',
    refusal: 'Hãy đánh dấu ô “Tôi xác nhận thu hồi công nhận mô hình này” để thu hồi công nhận.',
  },
};

const NOTICES: Partial<Record<WorkflowAction, string>> = {
  return: 'Mô hình “%s” được trả lại để bổ sung.',
  approve: 'Mô hình “%s” đã được công nhận.',
  reject: 'Mô hình “%s” không được công nhận.',
  withdraw: 'Mô hình “%s” đã bị thu hồi.',
  recognise: 'Mô hình “%s” được công nhận lại.',
  consult: 'Mô hình “%s” đang được lấy ý kiến nhân dân trên trang công khai.',
};

/**
 * One workflow step: the version the user saw, the policy and the state machine, the status change,
 * the recognition, the history row and the notifications, all in the caller's transaction.
 */
export async function applyTransition(
  tx: Tx,
  user: SessionUser,
  id: number,
  expectedVersion: number,
  action: WorkflowAction,
  input: TransitionInput,
  options: { confirmed?: boolean } = {},
): Promise<{ status: string; version: number }> {
  // Out of scope is refused before the version is compared: an outsider learns nothing.
  const { m, resource } = await lockModel(tx, id, expectedVersion, (_locked, r) => {
    if (!can(user, 'viewInternal', r)) throw new Forbidden('Mô hình này không thuộc phạm vi quản lý của tài khoản.');
  });
  // Who may act is a 403; what they typed (a missing comment) is a 400.
  const allowed = checkTransition(user, action, resource);
  if (!allowed.ok) throw new Forbidden(allowed.reason);
  const result = checkTransition(user, action, resource, input);
  if (!result.ok) throw new Invalid(result.reason);
  // The page asks for a ticked confirmation (no script needed); callers that pass none are not pages.
  const confirmation = CONFIRMATIONS[action];
  if (confirmation && options.confirmed === false) throw new Invalid(confirmation.refusal);
  const to = result.to;
  let snapshot: ModelInput | null = null;
  if (action === 'submit') {
    snapshot = internalModelView((await findInternalModel(tx, id))!).content;
    const missing = missingForSubmission(snapshot);
    if (Object.keys(missing).length) throw new Invalid(missingSummary(missing));
    // What is sent for review is about to be public: a name without consent must be rewritten first.
    const mentions = nameMentions(snapshot);
    if (mentions.length)
      throw new Invalid(
        `Chưa gửi thẩm định được: nội dung công khai còn họ tên của cá nhân chưa đồng ý công bố — ${mentionSummary(mentions)}. Hãy sửa các ô này rồi gửi lại.`,
      );
  }
  const rec = action === 'approve' || action === 'recognise' ? input.recognition! : null;
  await tx.execute(sql`update models set status = ${to}, version = version + 1, updated_at = now(),
      submitted_at = case when ${to} = 'submitted' then now() else submitted_at end,
      first_submitted_at = case when ${to} = 'submitted' then coalesce(first_submitted_at, now()) else first_submitted_at end,
      published_at = case when ${action} = 'approve' then now() else published_at end,
      recognised_year = case when ${to} = 'approved' then least(coalesce(recognised_year, ${rec?.year ?? null}::smallint), ${rec?.year ?? null}::smallint) else recognised_year end
    where id = ${id}`);
  if (rec) {
    await tx
      .insert(recognitions)
      .values({
        modelId: id,
        year: rec.year!,
        level: rec.level!,
        grade: rec.grade!,
        decisionNumber: rec.decisionNumber || null,
        decisionDate: rec.decisionDate || null,
        recognisedBy: user.id,
      })
      .onConflictDoUpdate({
        target: [recognitions.modelId, recognitions.year, recognitions.level],
        set: { grade: rec.grade!, decisionNumber: rec.decisionNumber || null, decisionDate: rec.decisionDate || null },
      });
  }
  const consultation = await consultationStep(tx, user, id, action, m.status, input);
  await tx.insert(statusHistory).values({
    modelId: id,
    actorId: user.id,
    action,
    fromStatus: m.status,
    toStatus: to,
    comment: input.comment?.trim() ?? '',
    // A submission keeps what was sent, so the next one can show the reviewer what changed.
    changes: rec ? { recognition: rec, ...consultation } : snapshot ? { snapshot } : consultation,
    version: m.version + 1,
  });
  await notify(tx, { ...m, id }, action, to, input.comment ?? '');
  return { status: to, version: m.version + 1 };
}

/** Tells who the policy says hears of this step (scope.ts's noticeRecipients), in the step's transaction. */
async function notify(
  tx: Tx,
  m: ScopedRow & { id: number; title: string },
  action: WorkflowAction,
  to: string,
  comment: string,
) {
  const model = await modelResource(tx, { ...m, status: to });
  if (action === 'submit') {
    await tx.execute(sql`insert into notifications (user_id, model_id, kind, message)
      select u.id, ${m.id}::int, 'submitted', ${`Có mô hình mới chờ thẩm định: “${m.title}”.`}::text from users u
      where ${noticeRecipients({ model, about: 'submission' })} order by u.id`);
    return;
  }
  const text = NOTICES[action];
  if (!text) return;
  const message = text.replace('%s', m.title) + (comment.trim() ? ` Ý kiến: ${comment.trim()}` : '');
  await tx.execute(sql`insert into notifications (user_id, model_id, kind, message)
    select u.id, ${m.id}::int, ${to}::text, ${message}::text from users u where ${noticeRecipients({ model, about: 'decision' })}`);
}
