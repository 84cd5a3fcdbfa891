// The people's opinions on an entry under consultation: what the form accepts, and the one function that
// stores one within the limits. Every refusal stores nothing and says why, in Vietnamese.
import Joi from 'joi';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import { ADVISORY_LOCKS } from '../db/locks.js';
import { can } from '../policy/policy.js';
import { formatNumber } from '../text/numbers.js';

/**
 * Limits on the opinion form, counted in the database so that every instance shares them. An address is
 * the key of login-limits.ts (an IPv6 subscriber's /56 as one): a whole office behind one NAT address
 * shares the per-address limits, hence the hour's allowance above the per-entry one.
 * - perAddressPerEntry: opinions one address may give on one entry (ever);
 * - perAddressPerHour: opinions one address may give on all entries within an hour;
 * - perEntry: opinions one entry takes in all, hidden ones included (so the table cannot be flooded).
 */
export const OPINION_LIMITS = {
  perAddressPerEntry: 2,
  perAddressPerHour: { opinions: 5, minutes: 60 },
  perEntry: 500,
  bodyChars: 2000,
  nameChars: 100,
  contactChars: 200,
} as const;

/** The field people leave empty; a form filler that completes every field fills it. */
export const HONEYPOT_FIELD = 'website';

export interface OpinionInput {
  authorName: string;
  contact: string;
  stance: 'agree' | 'disagree';
  body: string;
}

const PHONE = /^\+?[\d ().-]{8,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const schema = Joi.object({
  authorName: Joi.string()
    .trim()
    .allow('')
    .max(OPINION_LIMITS.nameChars)
    .default('')
    .messages({ '*': `Họ tên dài tối đa ${OPINION_LIMITS.nameChars} ký tự.` }),
  contact: Joi.string()
    .trim()
    .allow('')
    .max(OPINION_LIMITS.contactChars)
    .custom((v: string, helpers) =>
      v === '' || EMAIL.test(v) || (PHONE.test(v) && v.replace(/\D/g, '').length >= 8)
        ? v
        : helpers.error('any.invalid'),
    )
    .default('')
    .messages({
      '*': 'Số điện thoại hoặc thư điện tử chưa đúng, ví dụ 0912 345 678 hoặc ten@vidu.vn (có thể để trống).',
    }),
  stance: Joi.string()
    .valid('agree', 'disagree')
    .required()
    .messages({ '*': 'Hãy chọn “Đồng ý” hoặc “Không đồng ý” công nhận mô hình.' }),
  body: Joi.string()
    .trim()
    .max(OPINION_LIMITS.bodyChars)
    .required()
    .messages({
      'string.max': `Ý kiến dài tối đa ${formatNumber(OPINION_LIMITS.bodyChars)} ký tự.`,
      '*': 'Hãy viết ý kiến của bạn.',
    }),
  [HONEYPOT_FIELD]: Joi.string().allow('').default(''),
  _csrf: Joi.string().allow(''),
});

export type Checked = { value: OpinionInput; trap: boolean } | { errors: Record<string, string> };

/** The form's fields checked; `trap` when the hidden field was filled in. */
export function checkOpinion(body: unknown): Checked {
  const { value, error } = schema.validate(body ?? {}, { abortEarly: false, stripUnknown: true });
  if (error) {
    const errors: Record<string, string> = {};
    for (const d of error.details) {
      const key = String(d.path[0] ?? 'body');
      errors[key] ??= d.message;
    }
    return { errors };
  }
  return {
    value: { authorName: value.authorName, contact: value.contact, stance: value.stance, body: value.body },
    trap: value[HONEYPOT_FIELD] !== '',
  };
}

export type Given = { ok: true } | { ok: false; status: 409 | 410 | 429; message: string };

/**
 * Stores one opinion on the entry's open consultation, or refuses it. The consultation row is locked while
 * the entry's opinions are counted and the new one inserted, and the address's own counts under an advisory
 * lock of that address, so parallel posts cannot pass any limit.
 */
export async function giveOpinion(tx: Tx, modelId: number, address: string, input: OpinionInput): Promise<Given> {
  const [c] = await queryRows<{ id: number; status: string; open: boolean }>(
    tx,
    sql`select c.id, m.status, (c.closes_at > now() and (c.closed_at is null or c.closed_at > now())) as open
    from consultations c join models m on m.id = c.model_id
    where c.model_id = ${modelId} and c.outcome is null for update of c`,
  );
  if (!c || !can(null, 'giveOpinion', { status: c.status }))
    return { ok: false, status: 410, message: 'Mô hình này không còn lấy ý kiến nhân dân.' };
  if (!c.open)
    return {
      ok: false,
      status: 410,
      message: 'Đợt lấy ý kiến nhân dân về mô hình này đã kết thúc; không nhận thêm ý kiến. Cảm ơn bạn đã quan tâm.',
    };
  await tx.execute(sql`select pg_advisory_xact_lock(${ADVISORY_LOCKS.opinionAddress.id}::int, hashtext(${address}))`);
  const hour = OPINION_LIMITS.perAddressPerHour;
  const [n] = await queryRows<{ entry: number; mine: number; hour: number }>(
    tx,
    sql`select (select count(*) from opinions where consultation_id = ${c.id})::int as entry,
      (select count(*) from opinions where consultation_id = ${c.id} and address_key = ${address})::int as mine,
      (select count(*) from opinions where address_key = ${address}
         and created_at > now() - make_interval(mins => ${hour.minutes}::int))::int as hour`,
  );
  if (n.entry >= OPINION_LIMITS.perEntry)
    return {
      ok: false,
      status: 409,
      message: `Mô hình này đã nhận đủ ${OPINION_LIMITS.perEntry} ý kiến, số tối đa của một đợt; không nhận thêm ý kiến.`,
    };
  if (n.mine >= OPINION_LIMITS.perAddressPerEntry)
    return {
      ok: false,
      status: 429,
      message: `Mỗi địa chỉ mạng chỉ gửi được ${OPINION_LIMITS.perAddressPerEntry} ý kiến về một mô hình; ý kiến của bạn đã được ghi nhận trước đó.`,
    };
  if (n.hour >= hour.opinions)
    return {
      ok: false,
      status: 429,
      message: `Có quá nhiều ý kiến gửi từ địa chỉ mạng này trong ${hour.minutes} phút qua. Vui lòng thử lại sau.`,
    };
  await tx.execute(sql`insert into opinions (consultation_id, author_name, contact, stance, body, address_key)
    values (${c.id}, ${input.authorName}, ${input.contact}, ${input.stance}, ${input.body}, ${address})`);
  return { ok: true };
}
