import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import { statusHistory } from '../db/schema.js';
import { Invalid } from '../http/errors.js';
import type { ReplicaLink } from './validation.js';

type Change = { from: ReplicaLink[]; to: ReplicaLink[] };

const sameLinks = (a: readonly ReplicaLink[], b: readonly ReplicaLink[]) =>
  JSON.stringify([...a].sort((x, y) => x.sourceId - y.sourceId)) ===
  JSON.stringify([...b].sort((x, y) => x.sourceId - y.sourceId));

/**
 * Makes the originals an entry names exactly `links`, inside the entry's own transaction; a new
 * original must be approved (checked again here, under the lock). Returns the change, or null.
 */
export async function replaceReplicaLinks(
  tx: Tx,
  replicaId: number,
  links: readonly ReplicaLink[],
  userId: number,
): Promise<Change | null> {
  const before = (
    await queryRows<{ source_model_id: number; note: string }>(
      tx,
      sql`select source_model_id, note from replications where replica_model_id = ${replicaId}`,
    )
  ).map((r) => ({ sourceId: Number(r.source_model_id), note: r.note }));
  if (sameLinks(before, links)) return null;
  const kept = new Set(before.map((l) => l.sourceId));
  await tx.execute(sql`delete from replications where replica_model_id = ${replicaId}
    and not (source_model_id = any(${`{${links.map((l) => l.sourceId).join(',')}}`}::int[]))`);
  for (const l of links) {
    if (kept.has(l.sourceId)) {
      await tx.execute(sql`update replications set note = ${l.note}
        where source_model_id = ${l.sourceId} and replica_model_id = ${replicaId}`);
    } else {
      await insertLink(tx, l.sourceId, replicaId, l.note, userId);
    }
  }
  return { from: before, to: [...links] };
}

async function insertLink(tx: Tx, sourceId: number, replicaId: number, note: string, userId: number) {
  const made = await queryRows<{ n: number }>(
    tx,
    sql`insert into replications (source_model_id, replica_model_id, note, created_by)
      select m.id, ${replicaId}, ${note}, ${userId} from models m
      where m.id = ${sourceId} and m.status = 'approved' and m.id <> ${replicaId}
      on conflict do nothing returning 1 as n`,
  );
  if (made.length === 0)
    throw new Invalid('Không thêm được liên kết: mô hình gốc chưa được công nhận hoặc liên kết đã có.', {
      parameter: 'replicates',
    });
}

/** The entry's history line for a link a reviewer added or removed (the entry's status and version unchanged). */
async function recordLinkChange(
  tx: Tx,
  entry: { id: number; status: string; version: number },
  userId: number,
  comment: string,
  changes: Record<string, unknown>,
) {
  await tx.insert(statusHistory).values({
    modelId: entry.id,
    actorId: userId,
    action: 'replication',
    fromStatus: entry.status,
    toStatus: entry.status,
    comment,
    changes,
    version: entry.version,
  });
}

/** A reviewer's new link: `replicaId` replicates the approved `sourceId`; history on the entry. */
export async function addLink(
  tx: Tx,
  entry: { id: number; status: string; version: number },
  link: { sourceId: number; replicaId: number; note: string; sourceTitle: string },
  userId: number,
): Promise<void> {
  await insertLink(tx, link.sourceId, link.replicaId, link.note, userId);
  await recordLinkChange(tx, entry, userId, `Thêm liên kết nhân rộng từ “${link.sourceTitle}”.`, {
    replication: { added: { sourceId: link.sourceId, replicaId: link.replicaId, note: link.note } },
  });
}

/** Removes one link of the entry (either way); false when there was none. */
export async function removeLink(
  tx: Tx,
  entry: { id: number; status: string; version: number },
  link: { sourceId: number; replicaId: number; otherTitle: string },
  userId: number,
): Promise<boolean> {
  const gone = await queryRows<{ note: string }>(
    tx,
    sql`delete from replications where source_model_id = ${link.sourceId} and replica_model_id = ${link.replicaId}
      returning note`,
  );
  if (gone.length === 0) return false;
  const way =
    link.replicaId === entry.id ? `nhân rộng từ “${link.otherTitle}”` : `“${link.otherTitle}” nhân rộng mô hình này`;
  await recordLinkChange(tx, entry, userId, `Gỡ liên kết: ${way}.`, {
    replication: { removed: { sourceId: link.sourceId, replicaId: link.replicaId, note: gone[0].note } },
  });
  return true;
}
