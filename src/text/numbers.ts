// The one reader and the one writer of numbers and dates as Vietnamese people write them:
// "." groups thousands and "," marks decimals (1.250 is one thousand two hundred and fifty,
// 2,8 is two point eight), and dates read day/month/year. Every form field goes through the
// parsers and every page through the formatters, so what is typed, stored and shown agree.
//
// Decisions: negative numbers are refused unless a field's rule sets a negative min (none does
// today); at most 2 decimals (the scale of the stored columns); "1.25" is refused, since a "."
// group has exactly three digits; "1,250" is refused with a question rather than read as 1,25,
// because it is how a number in the thousands is typed the English way. Years are plain digits and
// are never grouped, so they do not go through these functions.

/** What a field accepts; by default a number from 0 with at most 2 decimals (the stored scale). */
export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
  /** Decimal places kept; more are refused rather than rounded away silently. */
  decimals?: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const NUMBER_EXAMPLE = 'viết 1.250 (một nghìn hai trăm năm mươi) hoặc 2,8 (hai phẩy tám)';
const NOT_A_NUMBER = `Số không hợp lệ: ${NUMBER_EXAMPLE}.`;
const NOT_WHOLE = 'Cần một số nguyên, không có phần thập phân (ví dụ: 2.600).';

// Thousands grouped by "." or by a space (plain, no-break or narrow no-break), each group of exactly
// three digits, or no grouping at all; then an optional "," and the decimals.
const WRITTEN = /^(-)?(\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:,(\d+))?$/;
const SPACES = /[\u00a0\u202f\u2007\t]/g;
const MINUS = /^[\u2212\u2013]/;

// Two decimals: the scale of every stored numeric column.
const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** 1250 → "1.250", 2.8 → "2,8", 1250.5 → "1.250,5"; empty for no value. */
export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '' : vi.format(n);
}

/**
 * A number as typed in a form ("1.250", "2,8", "1.250,5", "1 250", "1250"), or a Vietnamese message
 * with an example. A JSON number (the API) is taken as it is, then checked against the same rule.
 * "1.25" is refused: "." groups thousands, and ".25" is not a group of three. "1,250" is refused with
 * a question: read the Vietnamese way it is 1,25, but it is how 1250 is typed the English way.
 */
export function parseNumber(input: unknown, rule: NumberRule = {}): Parsed<number> {
  let value: number;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: NOT_A_NUMBER };
    const scale = 10 ** (rule.decimals ?? 2);
    if (!rule.integer && Math.round(input * scale) / scale !== input) {
      return { ok: false, message: `Tối đa ${rule.decimals ?? 2} chữ số sau dấu phẩy (ví dụ: 2,75).` };
    }
    value = input;
  } else if (typeof input === 'string') {
    const text = input.replace(SPACES, ' ').trim().replace(MINUS, '-');
    const m = WRITTEN.exec(text);
    if (!m) return { ok: false, message: NOT_A_NUMBER };
    const [, sign, whole, fraction] = m;
    const decimals = rule.integer ? 0 : (rule.decimals ?? 2);
    // "1,250" is most likely one thousand two hundred and fifty typed the English way: ask, never guess.
    if (fraction?.length === 3 && decimals < 3) {
      return {
        ok: false,
        message: `Dấu phẩy đánh dấu phần thập phân; nếu ý là ${whole.replace(/[. ]/g, '')}${fraction}, viết ${whole}.${fraction}.`,
      };
    }
    if (fraction !== undefined && fraction.length > decimals) {
      return {
        ok: false,
        message: decimals === 0 ? NOT_WHOLE : `Tối đa ${decimals} chữ số sau dấu phẩy (ví dụ: 2,75).`,
      };
    }
    value = Number(`${sign ?? ''}${whole.replace(/[. ]/g, '')}${fraction ? `.${fraction}` : ''}`);
  } else {
    return { ok: false, message: NOT_A_NUMBER };
  }
  return checkRange(value, rule);
}

function checkRange(value: number, rule: NumberRule): Parsed<number> {
  const min = rule.min ?? 0;
  if (rule.integer && !Number.isInteger(value)) {
    return { ok: false, message: NOT_WHOLE };
  }
  if (value < 0 && min >= 0) return { ok: false, message: 'Không nhận số âm.' };
  if (value < min || (rule.max !== undefined && value > rule.max)) {
    const upper = rule.max === undefined ? '' : ` đến ${formatNumber(rule.max)}`;
    return { ok: false, message: `Số phải từ ${formatNumber(min)}${upper}.` };
  }
  // Normalises -0, which the database would store as 0 anyway.
  return { ok: true, value: value === 0 ? 0 : value };
}

export const DATE_EXAMPLE = 'viết ngày/tháng/năm, ví dụ 02/12/2026';

// Vietnam keeps UTC+7 all year, without daylight saving.
const VIETNAM_OFFSET = 7 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date as typed: day/month/year ("2/12/2026", "02/12/2026", also with "-" or ".") or the ISO form
 * a browser's date picker sends ("2026-12-02"); gives the ISO day the database stores.
 */
export function parseDate(input: unknown): Parsed<string> {
  const text = typeof input === 'string' ? input.trim() : '';
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [y, m, d] = dmy ? [+dmy[3], +dmy[2], +dmy[1]] : iso ? [+iso[1], +iso[2], +iso[3]] : [NaN, NaN, NaN];
  const day = new Date(Date.UTC(y, m - 1, d));
  if (!Number.isFinite(y) || day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) {
    return { ok: false, message: `Ngày không hợp lệ: ${DATE_EXAMPLE}.` };
  }
  return { ok: true, value: `${y}-${pad(m)}-${pad(d)}` };
}

/** An ISO day ("2026-12-02") or an instant (shown on Vietnam's clock) as "02/12/2026"; empty for none. */
export function formatDate(d: string | Date | null | undefined): string {
  if (d === null || d === undefined || d === '') return '';
  if (typeof d === 'string') {
    const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
    if (iso) return `${iso[3]}/${iso[2]}/${iso[1]}`;
    d = new Date(d);
  }
  if (Number.isNaN(d.getTime())) return '';
  const local = new Date(d.getTime() + VIETNAM_OFFSET);
  return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}

/** An instant on Vietnam's clock as "14:05, 02/12/2026"; empty for none. */
export function formatDateTime(d: string | Date | null | undefined): string {
  if (d === null || d === undefined || d === '') return '';
  const t = new Date(d).getTime();
  if (Number.isNaN(t)) return '';
  const local = new Date(t + VIETNAM_OFFSET);
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}, ${formatDate(new Date(t))}`;
}
