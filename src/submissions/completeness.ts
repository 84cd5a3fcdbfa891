// What an entry must hold before it is sent for review. A draft saves with its type and title alone,
// so that nothing typed waits on the rest; this list is asked at submission, by the registration and
// edit forms (a message beside each field) and by the entry page's "gửi thẩm định" (through
// applyTransition), so both paths refuse the same entries for the same reasons.
import type { ModelInput } from './validation.js';

/** Each field submitting asks for, with its label on the form, in the order of the form. */
export const REQUIRED_FOR_SUBMISSION = [
  ['fieldCode', 'Lĩnh vực'],
  ['startedYear', 'Năm bắt đầu thực hiện'],
  ['summary', 'Tóm tắt'],
  ['situation', 'Thực trạng, lý do xây dựng'],
  ['goals', 'Mục tiêu, tiêu chí đánh giá'],
  ['beneficiaries', 'Địa bàn, đối tượng'],
  ['activities', 'Nội dung, cách thức thực hiện'],
  ['leadBodies', 'Lực lượng chủ trì'],
  ['results', 'Kết quả kiểm chứng được'],
  ['sustainability', 'Khả năng duy trì, nhân rộng'],
  ['holderName', 'Tên tập thể hoặc họ tên cá nhân'],
] as const satisfies readonly (readonly [keyof ModelInput, string])[];

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** The missing fields, each with the message shown beside it (empty when the entry may be submitted). */
export function missingForSubmission(input: Partial<Record<keyof ModelInput, unknown>>): Record<string, string> {
  const missing: Record<string, string> = {};
  for (const [key, label] of REQUIRED_FOR_SUBMISSION) {
    if (isBlank(input[key])) missing[key] = `Cần nhập “${label}” trước khi gửi thẩm định.`;
  }
  return missing;
}

/** One sentence naming every missing field, for the entry's page. */
export function missingSummary(missing: Record<string, string>): string {
  const labels = REQUIRED_FOR_SUBMISSION.filter(([key]) => key in missing).map(([, label]) => label);
  return `Chưa gửi thẩm định được: còn thiếu ${labels.join(', ')}. Hãy bấm “Sửa nội dung” để bổ sung rồi gửi lại.`;
}
