import Joi from 'joi';
import { FIELDS, INDICATOR_KINDS } from '../reference/vocabulary.js';
import { MODEL_TYPES } from '../db/schema.js';
import { parseNumber, type NumberRule } from '../text/numbers.js';

const text = (label: string, max: number, required = true) => {
  const base = Joi.string()
    .trim()
    .max(max)
    .messages({ 'string.max': `${label} dài tối đa ${max} ký tự.` });
  return required
    ? base
        .required()
        .messages({ 'any.required': `Nhập ${label.toLowerCase()}.`, 'string.empty': `Nhập ${label.toLowerCase()}.` })
    : base.allow('').default('');
};
const thisYear = new Date().getFullYear();

/** A number written the Vietnamese way (or a JSON number), read by the one parser; empty is null unless required. */
const figure = (rule: NumberRule, required = false) => {
  const base = Joi.any().custom((v, h) => {
    if (v === null || (typeof v === 'string' && v.trim() === '')) {
      return required ? h.message({ custom: 'Nhập giá trị (ví dụ: 1.250 hoặc 2,8).' }) : null;
    }
    const parsed = parseNumber(v, rule);
    return parsed.ok ? parsed.value : h.message({ custom: parsed.message });
  });
  return required
    ? base.required().messages({ 'any.required': 'Nhập giá trị (ví dụ: 1.250 hoặc 2,8).' })
    : base.default(null);
};

const indicatorSchema = Joi.object({
  kindCode: Joi.string()
    .valid('', ...INDICATOR_KINDS.map((k) => k.code))
    .allow(''),
  name: text('Tên chỉ số', 200),
  value: figure({ max: 1e12 }, true),
  unit: text('Đơn vị', 40),
});

/** Everything the registration form asks, with the message shown beside each field. */
const modelInputSchema = Joi.object({
  type: Joi.string()
    .valid(...MODEL_TYPES)
    .required()
    .messages({ '*': 'Chọn loại mô hình: tập thể hoặc cá nhân.' }),
  title: text('Tên mô hình', 300),
  // A draft needs only its type and title; what submitting asks for is in completeness.ts.
  fieldCode: Joi.string()
    .valid('', ...FIELDS.map((f) => f.code))
    .default('')
    .messages({ '*': 'Chọn lĩnh vực.' }),
  startedYear: Joi.number()
    .integer()
    .min(1945)
    .max(thisYear)
    .allow(null, '')
    .messages({ '*': `Năm bắt đầu là số từ 1945 đến ${thisYear}.` }),
  movementCodes: Joi.array()
    .items(Joi.string().pattern(/^[a-z0-9-]{1,64}$/))
    .max(10)
    .default([]),
  summary: text('Tóm tắt', 1000, false),
  situation: text('Thực trạng, lý do xây dựng', 5000, false),
  goals: text('Mục tiêu, tiêu chí đánh giá', 5000, false),
  beneficiaries: text('Địa bàn, đối tượng', 3000, false),
  activities: text('Nội dung, cách thức thực hiện', 8000, false),
  leadBodies: text('Lực lượng chủ trì', 1000, false),
  partnerBodies: text('Lực lượng phối hợp', 1000, false),
  // A million million đồng is beyond any commune's model: "1.250.000" meant for 1.250 is caught.
  resourcesMoneyMillion: figure({ max: 1e6 }),
  resourcesWorkDays: figure({ max: 1e7, integer: true }),
  resourcesNonState: text('Nguồn lực xã hội hóa', 3000, false),
  results: text('Kết quả kiểm chứng được', 5000, false),
  sustainability: text('Khả năng duy trì, nhân rộng', 3000, false),
  holderName: text('Tên tập thể hoặc cá nhân', 200, false),
  holderRole: text('Chức danh, vai trò', 200, false),
  publishConsent: Joi.boolean().truthy('on', '1', 'true').falsy('', '0', 'false').default(false),
  contactName: text('Người liên hệ', 200, false),
  contactPhone: Joi.string()
    .trim()
    .allow('')
    .default('')
    .pattern(/^[0-9 +().-]{6,20}$/)
    .messages({ '*': 'Số điện thoại chỉ gồm chữ số, dấu cách, +, -, (, ).' }),
  contactEmail: Joi.string()
    .trim()
    .allow('')
    .default('')
    .email({ tlds: false })
    .max(200)
    .messages({ '*': 'Thư điện tử không hợp lệ.' }),
  indicators: Joi.array().items(indicatorSchema).max(20).default([]),
});

export type ModelInput = {
  type: 'collective' | 'individual';
  title: string;
  /** '' while a draft has none. */
  fieldCode: string;
  startedYear: number | null;
  movementCodes: string[];
  summary: string;
  situation: string;
  goals: string;
  beneficiaries: string;
  activities: string;
  leadBodies: string;
  partnerBodies: string;
  resourcesMoneyMillion: number | null;
  resourcesWorkDays: number | null;
  resourcesNonState: string;
  results: string;
  sustainability: string;
  holderName: string;
  holderRole: string;
  publishConsent: boolean;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  indicators: { kindCode: string; name: string; value: number; unit: string }[];
};

/** Validated input, or the Vietnamese message for each field that failed. */
export function validateModelInput(raw: unknown): { value: ModelInput } | { errors: Record<string, string> } {
  const { value, error } = modelInputSchema.validate(raw, { abortEarly: false, stripUnknown: true, convert: true });
  if (error) {
    const errors: Record<string, string> = {};
    for (const d of error.details) {
      const key = d.path.join('.');
      errors[key] ??= d.message;
    }
    return { errors };
  }
  // An empty start year is a draft's "not yet".
  const v = value as Omit<ModelInput, 'startedYear'> & { startedYear?: number | '' | null };
  return { value: { ...v, startedYear: v.startedYear === '' ? null : (v.startedYear ?? null) } };
}
