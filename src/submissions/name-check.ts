// Where the story names an individual who has not consented: the registration form refuses to send
// such an entry for review and says which field and where, so that the cadre rewrites it with the
// role instead. A draft may keep it (the consent may still be on its way); its page warns.
import { nameIsPublic, nameSpans } from '../policy/privacy.js';
import type { ModelInput } from './validation.js';

/** Every field of the form the catalogue publishes, with its label on the form. */
const PUBLIC_FIELDS = [
  ['title', 'Tên mô hình'],
  ['summary', 'Tóm tắt'],
  ['situation', 'Thực trạng, lý do xây dựng'],
  ['goals', 'Mục tiêu, tiêu chí đánh giá'],
  ['beneficiaries', 'Địa bàn, đối tượng'],
  ['activities', 'Nội dung, cách thức thực hiện'],
  ['leadBodies', 'Lực lượng chủ trì'],
  ['partnerBodies', 'Lực lượng phối hợp'],
  ['resourcesNonState', 'Xã hội hóa, đóng góp của nhân dân'],
  ['results', 'Kết quả kiểm chứng được'],
  ['sustainability', 'Khả năng duy trì, nhân rộng'],
  ['holderRole', 'Chức danh, vai trò'],
] as const satisfies readonly (readonly [keyof ModelInput, string])[];

export interface NameMention {
  /** The form field's key, as in the form's errors ("summary", "indicators.0.name"). */
  field: string;
  label: string;
  /** The text around the first occurrence, the name itself between « ». */
  excerpt: string;
  count: number;
}

const AROUND = 30;

function excerpt(source: string, [start, end]: [number, number]): string {
  let from = Math.max(0, start - AROUND);
  let to = Math.min(source.length, end + AROUND);
  // Cut between words, not inside one.
  if (from > 0) from = source.indexOf(' ', from) + 1 || from;
  if (to < source.length) to = Math.max(end, source.lastIndexOf(' ', to));
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  return (
    (from > 0 ? '…' : '') +
    flat(source.slice(from, start)).trimStart() +
    `«${source.slice(start, end)}»` +
    flat(source.slice(end, to)).trimEnd() +
    (to < source.length ? '…' : '')
  );
}

type Story = Pick<
  ModelInput,
  'type' | 'publishConsent' | 'holderName' | 'indicators' | (typeof PUBLIC_FIELDS)[number][0]
>;

/** The public fields that name the holder without consent, in the order of the form. */
export function nameMentions(input: Story): NameMention[] {
  if (nameIsPublic(input) || !input.holderName.trim()) return [];
  const texts: [string, string, string][] = PUBLIC_FIELDS.map(([key, label]) => [key, label, input[key] ?? '']);
  input.indicators.forEach((ind, i) => {
    texts.push(
      [`indicators.${i}.name`, `Chỉ số ${i + 1}`, ind.name],
      [`indicators.${i}.unit`, `Đơn vị của chỉ số ${i + 1}`, ind.unit],
    );
  });
  const found: NameMention[] = [];
  for (const [field, label, text] of texts) {
    const { source, spans } = nameSpans(text, input.holderName);
    if (spans.length) found.push({ field, label, excerpt: excerpt(source, spans[0]), count: spans.length });
  }
  return found;
}

const more = (m: NameMention) => (m.count > 1 ? ` (và ${m.count - 1} chỗ khác)` : '');

/** The message beside each field, for the form. */
export function mentionErrors(mentions: NameMention[]): Record<string, string> {
  return Object.fromEntries(
    mentions.map((m) => [
      m.field,
      `Có họ tên của cá nhân chưa đồng ý công bố: “${m.excerpt}”${more(m)}. Hãy thay bằng chức danh, vai trò, hoặc ghi nhận sự đồng ý công bố.`,
    ]),
  );
}

/** One sentence naming every field and place, for the entry's page. */
export function mentionSummary(mentions: NameMention[]): string {
  return mentions.map((m) => `${m.label}: “${m.excerpt}”${more(m)}`).join('; ');
}
