// The fields of an entry as people read them: one label per field (the registration form's wording),
// in the form's order, shared by the entry page, the history and the diff shown after a resubmission.
import { getTableColumns } from 'drizzle-orm';
import { models } from '../db/schema.js';
import { FIELDS, MODEL_TYPE_LABELS } from '../reference/vocabulary.js';
import type { ModelInput } from './validation.js';
import { formatNumber } from '../text/numbers.js';

export type EntryFieldKey = keyof ModelInput;

/** Every field of the record with its label, grouped in sections as the entry page shows them. */
export const ENTRY_SECTIONS: readonly { heading: string; fields: readonly [EntryFieldKey, string][] }[] = [
  {
    heading: 'Nội dung mô hình',
    fields: [
      ['type', 'Loại mô hình'],
      ['title', 'Tên mô hình'],
      ['fieldCode', 'Lĩnh vực'],
      ['summary', 'Tóm tắt'],
      ['situation', 'Thực trạng, lý do xây dựng'],
      ['goals', 'Mục tiêu, tiêu chí đánh giá'],
      ['beneficiaries', 'Địa bàn, đối tượng'],
      ['activities', 'Nội dung, cách thức thực hiện'],
      ['results', 'Kết quả kiểm chứng được'],
    ],
  },
  { heading: 'Địa bàn và thời gian', fields: [['startedYear', 'Năm bắt đầu thực hiện']] },
  { heading: 'Phong trào thi đua', fields: [['movementCodes', 'Phong trào thi đua']] },
  {
    heading: 'Lực lượng thực hiện',
    fields: [
      ['leadBodies', 'Lực lượng chủ trì'],
      ['partnerBodies', 'Lực lượng phối hợp, tham gia'],
    ],
  },
  {
    heading: 'Nguồn lực',
    fields: [
      ['resourcesMoneyMillion', 'Kinh phí (triệu đồng)'],
      ['resourcesWorkDays', 'Ngày công'],
      ['resourcesNonState', 'Xã hội hóa, đóng góp của nhân dân'],
    ],
  },
  { heading: 'Chỉ số kết quả', fields: [['indicators', 'Chỉ số kết quả']] },
  { heading: 'Khả năng duy trì, nhân rộng', fields: [['sustainability', 'Khả năng duy trì, nhân rộng']] },
  {
    heading: 'Tập thể hoặc cá nhân',
    fields: [
      ['holderName', 'Tên tập thể hoặc họ tên cá nhân'],
      ['holderRole', 'Chức danh, vai trò'],
      ['publishConsent', 'Đồng ý công bố họ tên và ảnh'],
    ],
  },
  {
    heading: 'Liên hệ (nội bộ, không công bố)',
    fields: [
      ['contactName', 'Người liên hệ'],
      ['contactPhone', 'Điện thoại'],
      ['contactEmail', 'Thư điện tử'],
    ],
  },
];

const ORDER: readonly [EntryFieldKey, string][] = ENTRY_SECTIONS.flatMap((s) => s.fields);
// The originals it replicates live in their own table (src/replication); an edit may change them too.
const ENTRY_FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries(ORDER),
  replicates: 'Nhân rộng từ mô hình',
};

// The history stores edits by column name (store.ts); people read them by the form's label.
const KEY_OF_COLUMN: Record<string, string> = Object.fromEntries(
  Object.entries(getTableColumns(models)).map(([key, c]) => [c.name, key]),
);

const POSITION = new Map(ORDER.map(([key], i) => [key as string, i]));

/** The labels of the fields an edit changed as the history records them (column names or form keys), in the form's order. */
export function changedFieldLabels(names: readonly string[]): string[] {
  const keys = [...new Set(names.map((n) => KEY_OF_COLUMN[n] ?? n))];
  keys.sort((a, b) => (POSITION.get(a) ?? ORDER.length) - (POSITION.get(b) ?? ORDER.length));
  return [...new Set(keys.map((k) => ENTRY_FIELD_LABELS[k] ?? 'Trường khác'))];
}

/** Names the display needs that the content holds as codes. */
export interface EntryLookups {
  movementNames: ReadonlyMap<string, string>;
}

const EMPTY = '—';
const plain = (v: unknown) => (v === null || v === undefined || v === '' ? EMPTY : String(v));

/** One field's value as text, the way the entry page and the diff show it. */
export function fieldText(c: ModelInput, key: EntryFieldKey, lookups: EntryLookups): string {
  switch (key) {
    case 'type':
      return MODEL_TYPE_LABELS[c.type] ?? plain(c.type);
    case 'fieldCode':
      return FIELDS.find((f) => f.code === c.fieldCode)?.name ?? plain(c.fieldCode);
    case 'movementCodes':
      return c.movementCodes?.length ? c.movementCodes.map((m) => lookups.movementNames.get(m) ?? m).join('; ') : EMPTY;
    case 'resourcesMoneyMillion':
    case 'resourcesWorkDays':
      return c[key] === null || c[key] === undefined ? EMPTY : formatNumber(c[key]);
    case 'indicators':
      return c.indicators?.length
        ? c.indicators.map((i) => `${i.name}: ${formatNumber(i.value)} ${i.unit}`).join('; ')
        : EMPTY;
    case 'publishConsent':
      return c.type === 'individual' ? (c.publishConsent ? 'Có' : 'Không') : 'Tập thể: luôn công bố tên';
    default:
      return plain(c[key]);
  }
}

export interface FieldChange {
  key: EntryFieldKey;
  label: string;
  before: string;
  after: string;
}

/** The fields whose shown value differs between two versions of the content, in the form's order. */
export function diffEntries(before: ModelInput, after: ModelInput, lookups: EntryLookups): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [key, label] of ORDER) {
    const was = fieldText(before, key, lookups);
    const now = fieldText(after, key, lookups);
    if (was !== now) changes.push({ key, label, before: was, after: now });
  }
  return changes;
}
