// Files on disk and rows in the database must match; this finds where they do not.
import fsp from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client.js';
import { listTemporary, type FileStore } from './storage.js';

export interface FileCheckReport {
  /** Stored objects no row points to: an upload cut off between the move and the commit, or a failed delete. */
  orphanFiles: { key: string; size: number; modifiedAt: Date }[];
  /** Temporary upload files (interrupted uploads). */
  temporaryFiles: { path: string; modifiedAt: Date }[];
  /** Rows whose bytes are gone: these need a person (restore from backup, or remove the row). */
  missingFiles: { fileId: number; modelId: number; key: string; originalName: string }[];
  removed: string[];
}

// Younger files may belong to an upload still arriving or in its transaction.
export const ORPHAN_MIN_AGE_MINUTES = 60;

export async function checkFiles(
  database: Database,
  store: FileStore,
  options: { fix?: boolean; now?: Date; minAgeMinutes?: number } = {},
): Promise<FileCheckReport> {
  const rows = await queryRows<{
    id: number;
    model_id: number;
    original_name: string;
    storage_key: string;
    thumbnail_key: string | null;
    display_key: string | null;
  }>(
    database.db,
    sql`select id, model_id, original_name, storage_key, thumbnail_key, display_key from evidence_files order by id`,
  );
  // Movements' launch documents share the storage (src/movements/document.ts).
  const documents = await queryRows<{ key: string }>(
    database.db,
    sql`select document_storage_key as key from movements where document_storage_key is not null`,
  );
  const known = new Set([
    ...rows.flatMap((r) => [r.storage_key, r.thumbnail_key, r.display_key].filter((k): k is string => !!k)),
    ...documents.map((d) => d.key),
  ]);
  const report: FileCheckReport = {
    orphanFiles: [],
    temporaryFiles: await listTemporary(store),
    missingFiles: [],
    removed: [],
  };
  const present = new Set<string>();
  for await (const object of store.list()) {
    present.add(object.key);
    if (!known.has(object.key)) report.orphanFiles.push(object);
  }
  for (const r of rows) {
    for (const key of [r.storage_key, r.thumbnail_key, r.display_key]) {
      if (key && !present.has(key))
        report.missingFiles.push({ fileId: r.id, modelId: r.model_id, key, originalName: r.original_name });
    }
  }
  if (options.fix) {
    const cutoff = (options.now ?? new Date()).getTime() - (options.minAgeMinutes ?? ORPHAN_MIN_AGE_MINUTES) * 60_000;
    for (const o of report.orphanFiles) {
      if (o.modifiedAt.getTime() < cutoff) {
        await store.delete(o.key);
        report.removed.push(o.key);
      }
    }
    for (const t of report.temporaryFiles) {
      if (t.modifiedAt.getTime() < cutoff) {
        await fsp.rm(t.path, { force: true });
        report.removed.push(t.path);
      }
    }
  }
  return report;
}
