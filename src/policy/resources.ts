// The resources the policy decides on, loaded from the database: a model's place with a former
// commune's current successors, and the locked row a writing operation checks before it writes.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../db/client.js';
import { Conflict, NotFound } from '../http/errors.js';
import { statusLabel } from '../reference/vocabulary.js';
import type { ModelStatus } from '../db/schema.js';

/** Where a model is: provinceCode is always the current province; a former commune brings its current successors. */
export interface PlaceResource {
  provinceCode: string;
  communeCode: string | null;
  formerCommuneSuccessors?: readonly string[];
}
export interface ModelResource extends PlaceResource {
  status: ModelStatus | string;
  // Scope is the commune, not the author: a colleague can take over a cadre's draft.
  createdBy?: number | null;
}

/** The columns of a model row that decide its scope. */
export interface ScopedRow {
  status: string;
  province_code: string;
  commune_code: string | null;
  former_commune_code: string | null;
  created_by: number | null;
}

/** The scope of a model as the policy reads it, with a former commune's current successors. */
export async function modelResource(db: Executor, m: ScopedRow): Promise<ModelResource> {
  const successors = m.former_commune_code
    ? (
        await queryRows<{ commune_code: string }>(
          db,
          sql`select commune_code from former_commune_successors where former_code = ${m.former_commune_code}`,
        )
      ).map((r) => r.commune_code)
    : [];
  return {
    status: m.status,
    provinceCode: m.province_code,
    communeCode: m.commune_code,
    formerCommuneSuccessors: successors,
    createdBy: m.created_by,
  };
}

export interface LockedModel extends ScopedRow {
  id: number;
  version: number;
  title: string;
}

/** Someone else changed the entry first; the message names its status now. */
function modelConflict(current: { status: string; version: number }): Conflict {
  const label = statusLabel(current.status);
  return new Conflict(current, `Mô hình này vừa được người khác thay đổi. Trạng thái hiện tại: ${label}.`);
}

/**
 * Locks the entry, lets the caller check scope and permission (so that an outsider learns nothing,
 * not even that it changed), then checks the version the user saw, unless none is given.
 */
export async function lockModel(
  tx: Tx,
  id: number,
  expectedVersion: number | null,
  authorise?: (m: LockedModel, resource: ModelResource) => void | Promise<void>,
): Promise<{ m: LockedModel; resource: ModelResource }> {
  const [m] = await queryRows<LockedModel>(
    tx,
    sql`select id, status, version, province_code, commune_code, former_commune_code, created_by, title
      from models where id = ${id} for update`,
  );
  if (!m) throw new NotFound('Không tìm thấy mô hình.');
  const resource = await modelResource(tx, m);
  if (authorise) await authorise(m, resource);
  if (expectedVersion !== null && m.version !== expectedVersion) throw modelConflict(m);
  return { m, resource };
}
