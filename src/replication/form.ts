import type { Executor } from '../db/client.js';
import { statusLabel } from '../reference/vocabulary.js';
import { searchSources, sourceChoices, type SourceMatch } from './queries.js';
import { linkRefusal, typedLinks, validateLinks, type ReplicaLink } from './validation.js';

/** The registration form's buttons that work on its originals instead of saving it. */
type SourceStep = 'find' | 'add';

/** The originals as the form holds them, with what the search step asked for. */
export interface FormLinks {
  typed: { sourceId: string; note: string }[];
  step: SourceStep | null;
  query: string;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** Reads the form's originals (less those ticked „Bỏ"), and its "Tìm mô hình gốc" and "Chọn" buttons. */
export function readFormLinks(body: Record<string, unknown>): FormLinks {
  const removed = new Set(list(body.removeSource));
  let typed = typedLinks(body).filter((t) => !removed.has(t.sourceId));
  const query = typeof body.sourceQuery === 'string' ? body.sourceQuery.slice(0, 200) : '';
  if (typeof body.addSource === 'string') {
    if (!typed.some((t) => t.sourceId === body.addSource)) typed = [...typed, { sourceId: body.addSource, note: '' }];
    return { typed, step: 'add', query };
  }
  return { typed, step: body.intent === 'findSource' ? 'find' : null, query };
}

/** What the form shows of its originals: each with its title and place, and the matches of a search. */
export async function formLinksView(db: Executor, links: FormLinks, replicaId: number | null) {
  const ids = links.typed.map((t) => Number(t.sourceId)).filter((n) => Number.isSafeInteger(n) && n > 0);
  const [choices, matches] = await Promise.all([
    sourceChoices(db, ids),
    links.step === 'find' && links.query ? searchSources(db, links.query, replicaId) : Promise.resolve([]),
  ]);
  const chosen = new Set(links.typed.map((t) => t.sourceId));
  return {
    replicates: links.typed.map((t) => {
      const c = choices.get(Number(t.sourceId));
      return {
        sourceId: t.sourceId,
        note: t.note,
        title: c?.title ?? 'Mô hình không tìm thấy',
        place: c?.place ?? '',
        statusLabel: c ? statusLabel(c.status) : '',
      };
    }),
    sourceQuery: links.query,
    sourceMatches: matches.filter((m: SourceMatch) => !chosen.has(String(m.id))),
    searchedSources: links.step === 'find',
  };
}

/** The originals to store, or the message for the form's `replicates` field. */
export async function checkFormLinks(
  db: Executor,
  links: FormLinks,
  replicaId: number | null,
  already: ReadonlySet<number>,
): Promise<{ value: ReplicaLink[] } | { error: string }> {
  const checked = validateLinks(links.typed);
  if (checked.error || !checked.value) return { error: checked.error ?? 'Mô hình gốc không hợp lệ.' };
  const refusal = await linkRefusal(db, replicaId, checked.value, already);
  return refusal ? { error: refusal } : { value: checked.value };
}

/** The stored originals in the form's shape, for the edit form's first view. */
export const storedFormLinks = (links: readonly ReplicaLink[]): FormLinks => ({
  typed: links.map((l) => ({ sourceId: String(l.sourceId), note: l.note })),
  step: null,
  query: '',
});
