import Joi from 'joi';
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';

/** One original an entry names, with what it adapted. */
export interface ReplicaLink {
  sourceId: number;
  note: string;
}

const MAX_SOURCES = 10;
const NOTE_MAX = 1000;

const linkSchema = Joi.object({
  sourceId: Joi.number().integer().min(1).max(999999999).required().messages({ '*': 'Mô hình gốc không hợp lệ.' }),
  note: Joi.string()
    .trim()
    .allow('')
    .max(NOTE_MAX)
    .default('')
    .messages({ '*': `Ghi chú điều đã điều chỉnh dài tối đa ${NOTE_MAX} ký tự.` }),
});

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** The originals of the registration form (repeated `replicatesId` / `replicatesNote`), as typed. */
export function typedLinks(body: Record<string, unknown>): { sourceId: string; note: string }[] {
  const notes = list(body.replicatesNote);
  return list(body.replicatesId).map((sourceId, i) => ({ sourceId, note: notes[i] ?? '' }));
}

/** The links, checked for shape: each message under the `replicates` key of the form. */
export function validateLinks(typed: readonly { sourceId: unknown; note: unknown }[]): {
  value?: ReplicaLink[];
  error?: string;
} {
  if (typed.length > MAX_SOURCES) return { error: `Chọn tối đa ${MAX_SOURCES} mô hình gốc.` };
  const out: ReplicaLink[] = [];
  for (const t of typed) {
    const { value, error } = linkSchema.validate(t, { convert: true, stripUnknown: true });
    if (error) return { error: error.details[0]?.message ?? 'Mô hình gốc không hợp lệ.' };
    out.push(value as ReplicaLink);
  }
  return { value: out };
}

/**
 * Why these originals cannot be named for `replicaId` (null for a new entry), or null. An original
 * must be approved, unless the entry already names it (a link may outlive the original's approval).
 */
export async function linkRefusal(
  db: Executor,
  replicaId: number | null,
  links: readonly ReplicaLink[],
  already: ReadonlySet<number> = new Set(),
): Promise<string | null> {
  const seen = new Set<number>();
  for (const l of links) {
    if (l.sourceId === replicaId) return 'Mô hình không thể nhân rộng từ chính nó.';
    if (seen.has(l.sourceId)) return 'Một mô hình gốc chỉ được chọn một lần.';
    seen.add(l.sourceId);
  }
  if (links.length === 0) return null;
  const ids = sql`${`{${links.map((l) => l.sourceId).join(',')}}`}::int[]`;
  const rows = await queryRows<{ id: number; title: string; status: string; reverse: boolean }>(
    db,
    sql`select m.id, m.title, m.status, exists (select 1 from replications r
        where r.source_model_id = ${replicaId ?? 0} and r.replica_model_id = m.id) as reverse
      from models m where m.id = any(${ids})`,
  );
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  for (const l of links) {
    const m = byId.get(l.sourceId);
    if (!m) return 'Không tìm thấy mô hình gốc đã chọn.';
    if (m.status !== 'approved' && !already.has(l.sourceId))
      return `Chỉ chọn được mô hình gốc đã được công nhận: “${m.title}” chưa được công nhận.`;
    if (m.reverse) return `“${m.title}” đang nhân rộng từ chính mô hình này; hai mô hình không thể nhân rộng lẫn nhau.`;
  }
  return null;
}
