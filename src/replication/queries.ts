import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { tsQueryText } from '../listing/filters.js';
import { publicSummariesByIds } from '../listing/query.js';
import { statusLabel } from '../reference/vocabulary.js';

/** An approved model offered as an original to replicate. */
export interface SourceMatch {
  id: number;
  title: string;
  placeLabel: string;
  year: number;
}

const MATCHES = 20;

/**
 * Approved models whose title or place (commune, province) has every word, accents and case aside:
 * the catalogue's search vector, which holds both. The entry itself is left out.
 */
export async function searchSources(db: Executor, q: string, except: number | null): Promise<SourceMatch[]> {
  const tsq = tsQueryText(q);
  if (!tsq) return [];
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select m.id from models m where m.status = 'approved' and m.id <> ${except ?? 0}
      and m.search_vector @@ to_tsquery('simple', ${tsq})
    order by m.title_folded, m.id limit ${MATCHES}`,
  );
  const found = await publicSummariesByIds(
    db,
    rows.map((r) => Number(r.id)),
  );
  return found.map((m) => ({ id: m.id, title: m.title, placeLabel: m.placeLabel, year: m.year }));
}

/** A model named as an original, whatever its status (an existing link may outlive its approval). */
export interface SourceChoice {
  id: number;
  title: string;
  status: string;
  place: string;
}

export async function sourceChoices(db: Executor, ids: readonly number[]): Promise<Map<number, SourceChoice>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<SourceChoice>(
    db,
    sql`select m.id, m.title, m.status,
      coalesce(c.full_name, fc.full_name, '') || ', ' || p.name as place
    from models m join provinces p on p.code = m.province_code
    left join communes c on c.code = m.commune_code left join former_communes fc on fc.code = m.former_commune_code
    where m.id = any(${`{${ids.map(Number).join(',')}}`}::int[])`,
  );
  return new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id) }]));
}

/** The originals an entry names (it is their replica), with the notes, oldest first. */
export async function replicaLinksOf(db: Executor, replicaId: number): Promise<{ sourceId: number; note: string }[]> {
  const rows = await queryRows<{ source_model_id: number; note: string }>(
    db,
    sql`select source_model_id, note from replications where replica_model_id = ${replicaId}
    order by created_at, source_model_id`,
  );
  return rows.map((r) => ({ sourceId: Number(r.source_model_id), note: r.note }));
}

/** One link as the staff entry page shows it: the model at the other end, with its status. */
export interface EntryLink {
  sourceId: number;
  replicaId: number;
  otherId: number;
  otherTitle: string;
  otherPlace: string;
  otherStatus: string;
  otherStatusLabel: string;
  note: string;
  /** Whether the public sees it: both ends approved. */
  isPublic: boolean;
}

/** Every link of an entry, both ways, whatever the statuses. */
export async function entryLinks(db: Executor, id: number): Promise<{ sources: EntryLink[]; replicas: EntryLink[] }> {
  const rows = await queryRows<{
    source_model_id: number;
    replica_model_id: number;
    note: string;
    other_id: number;
    other_title: string;
    other_status: string;
    other_place: string;
    both_approved: boolean;
  }>(
    db,
    sql`select r.source_model_id, r.replica_model_id, r.note, o.id as other_id, o.title as other_title,
      o.status as other_status, coalesce(c.full_name, fc.full_name, '') || ', ' || p.name as other_place,
      (o.status = 'approved' and me.status = 'approved') as both_approved
    from replications r
    join models o on o.id = case when r.source_model_id = ${id} then r.replica_model_id else r.source_model_id end
    join models me on me.id = ${id}
    join provinces p on p.code = o.province_code
    left join communes c on c.code = o.commune_code left join former_communes fc on fc.code = o.former_commune_code
    where r.source_model_id = ${id} or r.replica_model_id = ${id}
    order by r.created_at, r.source_model_id, r.replica_model_id`,
  );
  const links = rows.map((r): EntryLink => ({
    sourceId: Number(r.source_model_id),
    replicaId: Number(r.replica_model_id),
    otherId: Number(r.other_id),
    otherTitle: r.other_title,
    otherPlace: r.other_place,
    otherStatus: r.other_status,
    otherStatusLabel: statusLabel(r.other_status),
    note: r.note,
    isPublic: Boolean(r.both_approved),
  }));
  return { sources: links.filter((l) => l.replicaId === id), replicas: links.filter((l) => l.sourceId === id) };
}
