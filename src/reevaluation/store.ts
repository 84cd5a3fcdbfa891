// Applying one batch of re-evaluation decisions: one transaction, the version check per model. A model
// changed since the page was loaded is left alone and named; one outside the user's province refuses
// the whole batch, so that nothing is applied where the user has no say.
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import { evaluations } from '../db/schema.js';
import { Forbidden, NotFound } from '../http/errors.js';
import { can } from '../policy/policy.js';
import type { SessionUser } from '../accounts/users.js';
import { applyTransition } from '../submissions/transitions.js';
import type { ReevaluationDecision, ReevaluationItem } from './validation.js';

interface Named {
  id: number;
  title: string;
}
export interface ReevaluationOutcome {
  applied: Named[];
  /** Changed by someone else since the page was loaded. */
  changed: Named[];
  /** Already decided for the year, or with nothing to decide (first recognised that year, no longer approved). */
  notApplicable: Named[];
}

interface LockedRow {
  id: number;
  title: string;
  version: number;
  status: string;
  province_code: string;
  commune_code: string | null;
  field_code: string | null;
  recognised_year: number | null;
  decided: boolean;
}

export async function applyReevaluation(
  tx: Tx,
  user: SessionUser,
  year: number,
  decision: ReevaluationDecision,
  items: readonly ReevaluationItem[],
  options: { provinceCode?: string } = {},
): Promise<ReevaluationOutcome> {
  const ids = [...new Set(items.map((i) => i.id))].sort((a, b) => a - b);
  const outcome: ReevaluationOutcome = { applied: [], changed: [], notApplicable: [] };
  if (!ids.length) return outcome;
  // In id order, as every other writer of several models would, so that two batches cannot deadlock.
  const rows = await queryRows<LockedRow>(
    tx,
    sql`select m.id, m.title, m.version, m.status, m.province_code, m.commune_code, m.field_code, m.recognised_year,
        exists (select 1 from evaluations e where e.model_id = m.id and e.year = ${year}) as decided
      from models m where m.id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}) order by m.id for update of m`,
  );
  if (rows.length !== ids.length) throw new NotFound('Có mô hình đã chọn không còn trong hệ thống. Hãy tải lại trang.');
  if (rows.some((m) => !can(user, 'reevaluate', { provinceCode: m.province_code })))
    throw new Forbidden(
      'Có mô hình đã chọn không thuộc tỉnh, thành phố của tài khoản; không mô hình nào được đánh giá.',
    );
  // The centre decides one province at a time, the one its page shows.
  if (options.provinceCode && rows.some((m) => m.province_code !== options.provinceCode))
    throw new Forbidden(
      'Có mô hình đã chọn không thuộc tỉnh, thành phố đang đánh giá; không mô hình nào được đánh giá.',
    );
  const expected = new Map(items.map((i) => [i.id, i.version]));
  for (const m of rows) {
    const named = { id: m.id, title: m.title };
    if (m.version !== expected.get(m.id)) {
      outcome.changed.push(named);
      continue;
    }
    const recognisedAgain =
      (await queryRows(tx, sql`select 1 from recognitions where model_id = ${m.id} and year = ${year} limit 1`))
        .length > 0;
    if (
      m.decided ||
      recognisedAgain ||
      m.status !== 'approved' ||
      (m.recognised_year !== null && Number(m.recognised_year) >= year)
    ) {
      outcome.notApplicable.push(named);
      continue;
    }
    if (decision.kind === 'effective') {
      await applyTransition(
        tx,
        user,
        m.id,
        m.version,
        'recognise',
        {
          comment: `Đánh giá lại năm ${year}: còn hiệu quả.`,
          recognition: {
            year,
            level: decision.level,
            grade: decision.grade,
            decisionNumber: decision.decisionNumber,
            decisionDate: decision.decisionDate,
          },
        },
        { confirmed: true },
      );
    } else {
      await applyTransition(tx, user, m.id, m.version, 'withdraw', { comment: decision.reason }, { confirmed: true });
    }
    await tx.insert(evaluations).values({
      modelId: m.id,
      year,
      decision: decision.kind,
      provinceCode: m.province_code,
      communeCode: m.commune_code,
      fieldCode: m.field_code,
      reason: decision.kind === 'ineffective' ? decision.reason : '',
      decidedBy: user.id,
    });
    outcome.applied.push(named);
  }
  return outcome;
}
