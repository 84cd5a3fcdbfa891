// The end of a consultation's period is told to the province's reviewers. There is no timer: whichever
// instance first sees an ended period claims it (one statement, so two instances never both tell), and
// writes the notices in the same transaction.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { inTransaction } from '../db/transaction.js';
import { modelResource, type ScopedRow } from '../policy/resources.js';
import { noticeRecipients } from '../policy/scope.js';

/** Claims every consultation whose period ran out unclosed and undecided, and notifies; returns how many. */
export async function notifyEndedConsultations(db: Db): Promise<number> {
  return inTransaction(db, async (tx) => {
    // Closed early: the reviewer who closed it knows.
    const ended = await queryRows<ScopedRow & { model_id: number; title: string }>(
      tx,
      sql`update consultations c set notified_at = now() from models m
      where m.id = c.model_id and c.closes_at <= now() and c.notified_at is null and c.outcome is null
        and c.closed_at is null
      returning c.model_id, m.title, m.status, m.province_code, m.commune_code, m.former_commune_code, m.created_by`,
    );
    for (const e of ended) {
      const model = await modelResource(tx, e);
      const message = `Đã hết thời hạn lấy ý kiến nhân dân về mô hình “${e.title}”: mời xem các ý kiến và quyết định.`;
      await tx.execute(sql`insert into notifications (user_id, model_id, kind, message)
        select u.id, ${e.model_id}::int, 'consultation', ${message}::text from users u
        where ${noticeRecipients({ model, about: 'consultationEnded' })} order by u.id`);
    }
    return ended.length;
  });
}

const SWEEP_EVERY_MS = 60_000;

/**
 * The sweep, at most once a minute per caller (one per app): pages of signed-in staff call it before they
 * count unread notices, so the notice is there when a reviewer next opens a page.
 */
export function throttledSweep(db: Db, everyMs = SWEEP_EVERY_MS): () => Promise<void> {
  let last = -Infinity;
  return async () => {
    const now = Date.now();
    if (now - last < everyMs) return;
    last = now;
    await notifyEndedConsultations(db);
  };
}
