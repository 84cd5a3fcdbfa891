// What the workflow's consultation steps write besides the status: the consultation row itself. Called by
// applyTransition (src/submissions/transitions.ts) inside its transaction, after the state machine agreed.
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import { Invalid } from '../http/errors.js';
import type { Actor } from '../policy/roles.js';
import { parseNumber } from '../text/numbers.js';
import type { TransitionInput, WorkflowAction } from '../policy/workflow.js';

/** The opinion counts at the decision, kept in the history and on the consultation. */
export interface ConsultationTally {
  agree: number;
  disagree: number;
  /** Hidden as abusive: kept, not counted. */
  hidden: number;
}

/** The days typed in the form; what is not a whole number goes on as NaN, for the state machine to refuse. */
export function periodDaysFrom(v: unknown): number {
  const parsed = parseNumber(v, { integer: true });
  return parsed.ok ? parsed.value : NaN;
}

const DECISIONS = new Set<WorkflowAction>(['approve', 'return', 'reject']);

/**
 * Opens, closes or ends the entry's consultation for a workflow step; returns what the history row keeps
 * about it, or null when the step has nothing to do with one.
 */
export async function consultationStep(
  tx: Tx,
  user: Actor & { id: number },
  modelId: number,
  action: WorkflowAction,
  from: string,
  input: TransitionInput,
): Promise<{ consultation: Record<string, unknown> } | null> {
  if (action === 'consult') {
    const [row] = await queryRows<{ closes_at: string }>(
      tx,
      sql`insert into consultations (model_id, opened_by, closes_at)
        values (${modelId}, ${user.id}, now() + make_interval(days => ${input.periodDays!}::int))
        returning closes_at`,
    );
    return { consultation: { days: input.periodDays, closesAt: row.closes_at } };
  }
  if (action === 'close') {
    const closed = await queryRows<{ id: number }>(
      tx,
      sql`update consultations set closed_at = now(), closed_by = ${user.id}
        where model_id = ${modelId} and outcome is null and closed_at is null and closes_at > now()
        returning id`,
    );
    if (!closed.length) throw new Invalid('Đợt lấy ý kiến này đã kết thúc.');
    return { consultation: { closedEarly: true } };
  }
  if (from !== 'consultation' || !DECISIONS.has(action)) return null;
  const [tally] = await queryRows<{ agree: number; disagree: number; hidden: number }>(
    tx,
    sql`with c as (select id from consultations where model_id = ${modelId} and outcome is null for update)
      select count(*) filter (where o.stance = 'agree' and o.hidden_at is null)::int as agree,
             count(*) filter (where o.stance = 'disagree' and o.hidden_at is null)::int as disagree,
             count(*) filter (where o.hidden_at is not null)::int as hidden
      from c left join opinions o on o.consultation_id = c.id`,
  );
  const outcome = action === 'approve' ? 'approved' : action === 'return' ? 'returned' : 'rejected';
  await tx.execute(sql`update consultations set outcome = ${outcome},
      closed_at = coalesce(closed_at, least(now(), closes_at)), closed_by = coalesce(closed_by, ${user.id}),
      agree_count = ${tally.agree}, disagree_count = ${tally.disagree}
    where model_id = ${modelId} and outcome is null`);
  return { consultation: tally satisfies ConsultationTally };
}
