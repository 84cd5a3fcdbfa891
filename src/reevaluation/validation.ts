// What the decision form sends: the decision with its recognition or its reason, and the models ticked
// with the version each was shown at. Each problem is told beside its field.
import { RECOGNITION_GRADES, RECOGNITION_LEVELS } from '../reference/vocabulary.js';
import { formatNumber, parseDate } from '../text/numbers.js';

export type ReevaluationDecision =
  | {
      kind: 'effective';
      level: keyof typeof RECOGNITION_LEVELS;
      grade: keyof typeof RECOGNITION_GRADES;
      decisionNumber: string | null;
      decisionDate: string | null;
    }
  | { kind: 'ineffective'; reason: string };

export interface ReevaluationItem {
  id: number;
  version: number;
}

// The workflow keeps a history comment to 2000 characters; the reason becomes that comment.
const REASON_MAX = 2000;
const DECISION_NUMBER_MAX = 100;

export class DecisionErrors extends Error {
  constructor(readonly fields: Record<string, string>) {
    super(Object.values(fields).join(' '));
  }
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The ticked models with their versions; a tick without a version (or not a number) is refused. */
export function parseItems(body: Record<string, unknown>): ReevaluationItem[] {
  const raw = body.chon;
  const ticked = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
  if (!ticked.length) throw new DecisionErrors({ chon: 'Hãy chọn ít nhất một mô hình để đánh giá.' });
  const items = new Map<number, ReevaluationItem>();
  for (const t of ticked) {
    const version = text(body[`v-${t}`]);
    if (!/^[1-9]\d{0,8}$/.test(t) || !/^\d{1,9}$/.test(version))
      throw new DecisionErrors({ chon: 'Danh sách mô hình đã chọn không hợp lệ. Hãy tải lại trang và chọn lại.' });
    items.set(Number(t), { id: Number(t), version: Number(version) });
  }
  return [...items.values()];
}

/** The decision, or every problem with it. `today` is the ISO day on Vietnam's clock. */
export function parseDecision(body: Record<string, unknown>, today: string): ReevaluationDecision {
  const decision = text(body.decision);
  if (decision === 'ineffective') {
    const reason = text(body.reason);
    if (!reason)
      throw new DecisionErrors({ reason: 'Cần nhập lý do mô hình không còn hiệu quả; lý do được lưu trong lịch sử.' });
    if (reason.length > REASON_MAX)
      throw new DecisionErrors({ reason: `Lý do dài tối đa ${formatNumber(REASON_MAX)} ký tự.` });
    return { kind: 'ineffective', reason };
  }
  if (decision !== 'effective')
    throw new DecisionErrors({ decision: 'Hãy chọn kết quả đánh giá: còn hiệu quả hoặc không còn hiệu quả.' });
  const errors: Record<string, string> = {};
  const level = text(body.level);
  const grade = text(body.grade);
  if (!Object.hasOwn(RECOGNITION_LEVELS, level))
    errors.level = 'Chọn cấp công nhận: cấp xã, cấp tỉnh hoặc cấp Trung ương.';
  if (!Object.hasOwn(RECOGNITION_GRADES, grade)) errors.grade = 'Chọn loại công nhận: Tốt hoặc Khá.';
  const decisionNumber = text(body.decisionNumber);
  if (decisionNumber.length > DECISION_NUMBER_MAX)
    errors.decisionNumber = `Số quyết định dài tối đa ${DECISION_NUMBER_MAX} ký tự.`;
  const typedDate = text(body.decisionDate);
  let decisionDate: string | null = null;
  if (typedDate) {
    const parsed = parseDate(typedDate);
    if (!parsed.ok) errors.decisionDate = parsed.message;
    else if (parsed.value > today) errors.decisionDate = 'Ngày quyết định không được sau ngày hôm nay.';
    else decisionDate = parsed.value;
  }
  if (Object.keys(errors).length) throw new DecisionErrors(errors);
  return {
    kind: 'effective',
    level: level as keyof typeof RECOGNITION_LEVELS,
    grade: grade as keyof typeof RECOGNITION_GRADES,
    decisionNumber: decisionNumber || null,
    decisionDate,
  };
}
