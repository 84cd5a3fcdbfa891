// Writing one checked batch inside the import's transaction: new models through the one row builder
// (submissions/model-row.ts), written in bulk; changed ones through the registration's updateModel,
// which records the changed fields in the history.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { insertInChunks } from '../db/bulk.js';
import { modelIndicators, modelMovements, models, recognitions, statusHistory } from '../db/schema.js';
import { modelRow, reserveModelIds } from '../submissions/model-row.js';
import { updateModel } from '../submissions/store.js';
import { replaceReplicaLinks } from '../replication/store.js';
import type { SessionUser } from '../accounts/users.js';
import type { ParsedRow } from './rows.js';

export interface Existing {
  id: number;
  version: number;
  row: Record<string, unknown>;
  movements: string[];
  indicators: { name: string; value: string; unit: string }[];
  sources: number[];
}

export interface Planned {
  parsed: ParsedRow;
  outcome: 'create' | 'update' | 'unchanged';
  existing?: Existing;
  sourceId: number | null;
}

interface WriteOptions {
  fileName: string;
  targetStatus: 'approved' | 'submitted';
  user: SessionUser;
}

/** Writes the batch's creates and updates; the id and slug of each written row, by row number. */
export async function writeBatch(
  tx: Tx,
  plan: readonly Planned[],
  o: WriteOptions,
): Promise<Map<number, { id: number; slug: string }>> {
  const written = new Map<number, { id: number; slug: string }>();
  const creates = plan.filter((p) => p.outcome === 'create');
  const comment = `Nhập từ tệp ${o.fileName}`;
  const approved = o.targetStatus === 'approved';
  if (creates.length) {
    const ids = await reserveModelIds(tx, creates.length);
    const now = new Date();
    const rows = creates.map((c, i) => {
      const p = c.parsed;
      const row = modelRow(
        p.input,
        {
          provinceCode: p.place.provinceCode,
          formerProvinceCode: p.place.formerProvinceCode,
          communeCode: p.place.communeCode,
          formerCommuneCode: p.place.formerCommuneCode,
          names: p.place.names,
        },
        {
          id: ids[i],
          status: o.targetStatus,
          createdBy: o.user.id,
          externalRef: p.externalRef,
          recognisedYear: p.recognisedYear,
          createdAt: now,
          submittedAt: now,
          publishedAt: approved ? now : null,
        },
      );
      written.set(p.row, { id: ids[i], slug: row.slug });
      return row;
    });
    await insertInChunks(tx, models, rows);
    const movementIds = await movementIdsOf(tx);
    await insertInChunks(
      tx,
      modelMovements,
      creates.flatMap((c, i) =>
        [...new Set(['dan-van-kheo', ...c.parsed.input.movementCodes])]
          .filter((code) => movementIds.has(code))
          .map((code) => ({ modelId: ids[i], movementId: movementIds.get(code)! })),
      ),
    );
    await insertInChunks(
      tx,
      modelIndicators,
      creates.flatMap((c, i) =>
        c.parsed.input.indicators.map((ind, position) => ({
          modelId: ids[i],
          kindCode: ind.kindCode || null,
          name: ind.name,
          value: String(ind.value),
          unit: ind.unit,
          position,
        })),
      ),
    );
    if (approved) {
      await insertInChunks(
        tx,
        recognitions,
        creates
          .map((c, i) => ({ r: c.parsed.recognition, id: ids[i] }))
          .filter((x) => x.r)
          .map(({ r, id }) => ({
            modelId: id,
            year: r!.year,
            level: r!.level,
            grade: r!.grade,
            decisionNumber: r!.decisionNumber,
            decisionDate: r!.decisionDate,
            recognisedBy: o.user.id,
          })),
      );
    }
    // The importing admin is the approver (or the sender) of record, and the file is named in the history.
    await insertInChunks(
      tx,
      statusHistory,
      creates.map((c, i) => ({
        modelId: ids[i],
        actorId: o.user.id,
        action: approved ? 'approve' : 'submit',
        fromStatus: null,
        toStatus: o.targetStatus,
        comment,
        changes: approved
          ? { recognition: c.parsed.recognition, importedFrom: o.fileName }
          : { importedFrom: o.fileName },
        version: 1,
        createdAt: now,
      })),
    );
    for (const [i, c] of creates.entries()) {
      if (c.sourceId !== null && c.sourceId > 0)
        await replaceReplicaLinks(tx, ids[i], [{ sourceId: c.sourceId, note: '' }], o.user.id);
    }
  }
  for (const u of plan.filter((p) => p.outcome === 'update')) {
    const p = u.parsed;
    const e = u.existing!;
    const links =
      u.sourceId !== null && u.sourceId > 0 && !e.sources.includes(u.sourceId)
        ? [...e.sources.map((sourceId) => ({ sourceId, note: '' })), { sourceId: u.sourceId, note: '' }]
        : undefined;
    await updateModel(tx, o.user, e.id, e.version, p.input, links);
    if (
      e.row.commune_code !== p.place.communeCode ||
      (e.row.former_commune_code ?? null) !== p.place.formerCommuneCode
    ) {
      await tx.execute(sql`update models set commune_code = ${p.place.communeCode},
        former_commune_code = ${p.place.formerCommuneCode}, former_province_code = ${p.place.formerProvinceCode}
        where id = ${e.id}`);
      await tx.insert(statusHistory).values({
        modelId: e.id,
        actorId: o.user.id,
        action: 'edit',
        fromStatus: String(e.row.status),
        toStatus: String(e.row.status),
        comment,
        changes: { commune_code: { from: e.row.commune_code, to: p.place.communeCode } },
        version: e.version + 1,
      });
    }
    written.set(p.row, { id: e.id, slug: String(e.row.slug) });
  }
  return written;
}

async function movementIdsOf(tx: Tx): Promise<Map<string, number>> {
  const rows = (await tx.execute(sql`select id, code from movements`)) as unknown as {
    rows: { id: number; code: string }[];
  };
  return new Map(rows.rows.map((r) => [r.code, Number(r.id)]));
}
