import { sql } from 'drizzle-orm';

// A replication link is public when both ends are approved: the replica is recognised, and the public
// can open the original. Counts, the sort and the filter all read these two fragments, so they agree.

/** How many approved models replicate the model `m` (correlated over the indexed replications table). */
export const replicaCountSql = sql`(select count(*) from replications rr join models rm on rm.id = rr.replica_model_id
  where rr.source_model_id = m.id and rm.status = 'approved')::int`;

/** Whether the model `m` replicates an approved model. */
export const isReplicaSql = sql`exists (select 1 from replications rr join models rs on rs.id = rr.source_model_id
  where rr.replica_model_id = m.id and rs.status = 'approved')`;

/**
 * The same count as a sort key over every row: the uncorrelated IN is a hashed set built once, so the
 * correlated count runs only for the few models that have replicas (10× faster at 100,000 models).
 */
export const replicaSortSql = sql`(case when m.id in (select rr.source_model_id from replications rr
  join models rm on rm.id = rr.replica_model_id where rm.status = 'approved') then ${replicaCountSql} else 0 end)`;
