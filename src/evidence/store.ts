// Every change to a model's evidence files: one function each, run in the caller's transaction, the
// policy asked inside it against the locked model so that a status change in between cannot slip through.
import { sql } from 'drizzle-orm';
import { queryRows, type Db, type Executor, type Tx } from '../db/client.js';
import { afterCommit, inTransaction } from '../db/transaction.js';
import { evidenceFiles, statusHistory } from '../db/schema.js';
import { can, type ModelResource, type PolicyAction } from '../policy/policy.js';
import type { SessionUser } from '../accounts/users.js';
import type { UploadLimits } from '../config/config.js';
import { lockModel, type LockedModel } from '../policy/resources.js';
import { fileTotals } from './queries.js';
import { formatBytes } from './rules.js';
import { newKey, type FileStore } from './storage.js';
import { UploadRefused, type Inspected } from './inspect.js';
import { NotFound, Forbidden } from '../http/errors.js';

/** A checked upload, ready to store: what the check found, plus where it is and what the commune typed. */
export interface PreparedUpload extends Inspected {
  tempPath: string;
  derived?: { thumbnailPath: string; displayPath: string };
  caption: string;
  isPublic: boolean;
}

/** Why a file change is refused; the routes say the same when they refuse before reading an upload. */
type FileAction = 'manageFiles' | 'restrictFile' | 'recordCommendation';
export const FILE_REFUSALS: Record<FileAction, string> = {
  manageFiles:
    'Không thể thay đổi tệp của mô hình này: chỉ cán bộ xã phụ trách được thay đổi khi mô hình còn là bản nháp hoặc bị trả lại.',
  restrictFile: 'Tài khoản không có quyền chuyển tệp này thành nội bộ.',
  recordCommendation: 'Tài khoản không có quyền tải lên quyết định khen thưởng của mô hình này.',
};

/** Locks the model and asks the policy; out of scope is a 404 so that nothing leaks. */
function lockFor(
  tx: Tx,
  user: SessionUser,
  modelId: number,
  action: FileAction,
): Promise<{ m: LockedModel; resource: ModelResource }> {
  return lockModel(tx, modelId, null, (_m, resource) => {
    if (!can(user, 'viewInternal', resource)) throw new NotFound('Không tìm thấy mô hình trong phạm vi của tài khoản.');
    if (!can(user, action satisfies PolicyAction, resource)) throw new Forbidden(FILE_REFUSALS[action]);
  });
}

/** After submission, file changes go into the history like any other edit. */
async function recordChange(tx: Tx, user: SessionUser, m: LockedModel, comment: string): Promise<void> {
  if (m.status === 'draft') return;
  await tx.insert(statusHistory).values({
    modelId: m.id,
    actorId: user.id,
    action: 'files',
    fromStatus: m.status,
    toStatus: m.status,
    comment,
    version: m.version,
  });
}

/**
 * The entry's limits for adding `uploads`. Asked once without a lock before the transfer, so that a video
 * that cannot fit is refused before it travels, and again in the transaction, against the locked model.
 */
export async function checkEntryLimits(
  db: Executor,
  modelId: number,
  uploads: readonly { size: number }[],
  limits: UploadLimits,
): Promise<Awaited<ReturnType<typeof fileTotals>>> {
  const totals = await fileTotals(db, modelId);
  if (totals.count + uploads.length > limits.maxFilesPerEntry) {
    throw new UploadRefused(
      400,
      `Mỗi mô hình có tối đa ${limits.maxFilesPerEntry} tệp; mô hình đã có ${totals.count} tệp nên chỉ thêm được ${Math.max(0, limits.maxFilesPerEntry - totals.count)} tệp nữa.`,
    );
  }
  const adding = uploads.reduce((s, u) => s + u.size, 0);
  if (totals.bytes + adding > limits.maxEntryBytes) {
    throw new UploadRefused(
      413,
      `Tổng dung lượng tệp của một mô hình tối đa ${formatBytes(limits.maxEntryBytes)}; mô hình đã có ${formatBytes(totals.bytes)}, các tệp mới ${formatBytes(adding)}.`,
    );
  }
  return totals;
}

/** A checked upload already in the store under its keys, with no row yet. */
export interface StoredUpload extends PreparedUpload {
  key: string;
  thumbnailKey: string | null;
  displayKey: string | null;
}

/**
 * Sends checked uploads to the store before any transaction opens, so that a transfer (minutes for a
 * video going to an object store) never holds a model's row lock; then runs `register` in one
 * transaction. When a transfer or the transaction fails, every object sent is removed again, so none is
 * left without a row (one a crash leaves behind is an orphan that files:check finds).
 */
export async function storeUploads<T>(
  db: Db,
  store: FileStore,
  uploads: readonly PreparedUpload[],
  register: (tx: Tx, stored: StoredUpload[]) => Promise<T>,
): Promise<T> {
  const sent: string[] = [];
  try {
    const stored: StoredUpload[] = [];
    for (const u of uploads) {
      const key = newKey();
      const keys = u.derived ? [key, `${key}-thumb`, `${key}-display`] : [key];
      const paths = u.derived ? [u.tempPath, u.derived.thumbnailPath, u.derived.displayPath] : [u.tempPath];
      for (const [i, k] of keys.entries()) {
        // Counted before the transfer: one cut off half-way may have left a part behind.
        sent.push(k);
        await store.put(k, paths[i]);
      }
      stored.push({ ...u, key, thumbnailKey: keys[1] ?? null, displayKey: keys[2] ?? null });
    }
    return await inTransaction(db, (tx) => register(tx, stored));
  } catch (err) {
    await Promise.all(sent.map((k) => store.delete(k).catch(() => undefined)));
    throw err;
  }
}

/** Rows for uploads already stored (storeUploads), within the entry's limits, asked against the locked model. */
export async function attachFiles(
  tx: Tx,
  user: SessionUser,
  modelId: number,
  uploads: readonly StoredUpload[],
  limits: UploadLimits,
  // A commendation's scanned decision may be added to a recognised model by those who record it.
  permission: 'manageFiles' | 'recordCommendation' = 'manageFiles',
): Promise<number[]> {
  const { m } = await lockFor(tx, user, modelId, permission);
  const totals = await checkEntryLimits(tx, modelId, uploads, limits);
  let position = totals.lastPosition;
  const rows = uploads.map((u) => ({
    modelId,
    storageKey: u.key,
    thumbnailKey: u.thumbnailKey,
    displayKey: u.displayKey,
    originalName: u.name,
    mimeType: u.mime,
    kind: u.kind,
    sizeBytes: u.size,
    width: u.width,
    height: u.height,
    caption: u.caption,
    position: ++position,
    isPublic: u.isPublic,
    uploadedBy: user.id,
  }));
  const inserted = await tx.insert(evidenceFiles).values(rows).returning({ id: evidenceFiles.id });
  await recordChange(tx, user, m, `Thêm ${uploads.length} tệp: ${uploads.map((u) => u.name).join(', ')}`);
  return inserted.map((r) => r.id);
}

export interface FileEdit {
  id: number;
  caption: string;
  isPublic: boolean;
}

/** Captions, visibility and order of a model's files, saved together from the list form. */
export async function editFiles(
  tx: Tx,
  user: SessionUser,
  modelId: number,
  edits: readonly FileEdit[],
  move?: { id: number; by: -1 | 1 },
): Promise<void> {
  const { m } = await lockFor(tx, user, modelId, 'manageFiles');
  const current = await queryRows<{ id: number; caption: string; is_public: boolean; original_name: string }>(
    tx,
    sql`
    select id, caption, is_public, original_name from evidence_files where model_id = ${modelId} order by position, id`,
  );
  const byId = new Map(current.map((f) => [f.id, f]));
  const changed: string[] = [];
  for (const e of edits) {
    const f = byId.get(e.id);
    if (!f) continue;
    if (f.caption !== e.caption || f.is_public !== e.isPublic) {
      await tx.execute(
        sql`update evidence_files set caption = ${e.caption}, is_public = ${e.isPublic} where id = ${e.id}`,
      );
      changed.push(f.original_name);
    }
  }
  if (move && byId.has(move.id)) {
    const order = current.map((f) => f.id);
    const at = order.indexOf(move.id);
    const to = at + move.by;
    if (to >= 0 && to < order.length) {
      [order[at], order[to]] = [order[to], order[at]];
      for (const [position, id] of order.entries())
        await tx.execute(sql`update evidence_files set position = ${position} where id = ${id}`);
      changed.push(`thứ tự (${byId.get(move.id)!.original_name})`);
    }
  }
  if (changed.length) await recordChange(tx, user, m, `Sửa thông tin tệp: ${[...new Set(changed)].join(', ')}`);
}

/** Removes a file's row, then once committed its bytes; a failure there leaves an orphan that files:check finds. */
export async function removeFile(
  tx: Tx,
  store: FileStore,
  user: SessionUser,
  modelId: number,
  fileId: number,
): Promise<void> {
  const { m } = await lockFor(tx, user, modelId, 'manageFiles');
  const [f] = await queryRows<{
    storage_key: string;
    thumbnail_key: string | null;
    display_key: string | null;
    original_name: string;
  }>(
    tx,
    sql`
    delete from evidence_files where id = ${fileId} and model_id = ${modelId} returning storage_key, thumbnail_key, display_key, original_name`,
  );
  if (!f) throw new NotFound('Không tìm thấy tệp này.');
  await recordChange(tx, user, m, `Xóa tệp: ${f.original_name}`);
  const keys = [f.storage_key, f.thumbnail_key, f.display_key].filter((k): k is string => !!k);
  afterCommit(tx, () => Promise.all(keys.map((k) => store.delete(k).catch(() => undefined))));
}

/** A reviewer (or the commune) hides a file from the public, whatever the model's stage. */
export async function restrictFile(tx: Tx, user: SessionUser, modelId: number, fileId: number): Promise<void> {
  const { m } = await lockFor(tx, user, modelId, 'restrictFile');
  const [f] = await queryRows<{ original_name: string; was_public: boolean }>(
    tx,
    sql`
    update evidence_files f set is_public = false from (select id, is_public from evidence_files where id = ${fileId} and model_id = ${modelId}) old
    where f.id = old.id returning f.original_name, old.is_public as was_public`,
  );
  if (!f) throw new NotFound('Không tìm thấy tệp này.');
  if (f.was_public) await recordChange(tx, user, m, `Chuyển tệp thành nội bộ: ${f.original_name}`);
}
