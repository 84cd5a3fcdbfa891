// The one place that decides how an individual's name may appear in public text without consent.
//
// Name forms looked for, all compared on folded text (foldVietnamese: no diacritics, any case,
// NFC or NFD), word by word (a match starts and ends at word boundaries; any run of whitespace
// between two words counts as one space, punctuation between them breaks the match):
//   1. the full name ("Nguyễn Thị Kín Đáo"), when it has at least two words;
//   2. the name without the family name ("Thị Kín Đáo"), when that leaves at least two words;
//   3. the last two words ("Kín Đáo"), when the name has at least three;
//   4. the given name (the last word) right after a title or kinship term ("bà Đáo", "đồng chí
//      Đáo", "đại úy Đáo"). The bare given name is NOT masked: "Hoa", "Lan", "Bình" are also
//      flower, orchid, peace. The title must be written as a title: "có Hoa" is not "cô Hoa";
//      a title written without diacritics counts only when the given name is written without
//      them too ("co Hoa", "ba Dao"), as in text typed without accents.
// The masked span is the name only: the title stays visible ("bà [tên được giữ kín]").
import { foldVietnamese } from '../text/fold.js';

/** Whether the public may see the holder's name: collectives always, individuals only with consent. */
export function nameIsPublic(m: { type: string; publishConsent: boolean }): boolean {
  return m.type !== 'individual' || m.publishConsent;
}

export const HIDDEN_NAME = '[tên được giữ kín]';

/** Titles, kinship terms and ranks that make a bare given name a name ("chị Hoa"). */
const HOLDER_TITLES = [
  'ông',
  'bà',
  'anh',
  'chị',
  'em',
  'cô',
  'chú',
  'bác',
  'cụ',
  'cháu',
  'dì',
  'cậu',
  'mợ',
  'thím',
  'dượng',
  'o',
  'thầy',
  'cô giáo',
  'thầy giáo',
  'già',
  'già làng',
  'đồng chí',
  'đ/c',
  'bí thư',
  'chủ tịch',
  'trưởng thôn',
  'trưởng bản',
  'trưởng ấp',
  'bác sĩ',
  'y sĩ',
  'nghệ nhân',
  'thiếu úy',
  'trung úy',
  'thượng úy',
  'đại úy',
  'thiếu tá',
  'trung tá',
  'thượng tá',
  'đại tá',
];

interface Word {
  /** Folded, without apostrophes: what forms are compared with. */
  key: string;
  /** Lowercase as written (NFC), without apostrophes: titles are compared with it. */
  lower: string;
  start: number;
  end: number;
}

const APOSTROPHES = /['’ʼ`]/u;
const WORD_CHAR = /^[\p{L}\p{N}]+$/u;

/** Words of a text with their offsets in its NFC form, folded one character at a time. */
function words(source: string): Word[] {
  const out: Word[] = [];
  let cur: Word | null = null;
  const chars = Array.from(source);
  let at = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const start = at;
    at += c.length;
    if (c === '/' && cur && /^[đd]$/u.test(cur.lower) && /^c$/iu.test(chars[i + 1] ?? '')) {
      // "đ/c" (đồng chí) is one word.
      cur.key += '/';
      cur.lower += '/';
      cur.end = at;
      continue;
    }
    if (/\s/u.test(c) || c === '\u200b') {
      cur = null;
      continue;
    }
    const folded = foldVietnamese(c);
    if (WORD_CHAR.test(folded)) {
      if (!cur) out.push((cur = { key: '', lower: '', start, end: at }));
      cur.key += folded;
      cur.lower += c.toLowerCase();
      cur.end = at;
    } else if (cur && (/\p{M}|\p{Cf}/u.test(c) || (APOSTROPHES.test(c) && /\p{L}/u.test(chars[i + 1] ?? '')))) {
      // Marks left after NFC, invisible format characters and apostrophes (K'Brêu) stay in the word.
      cur.end = at;
    } else {
      cur = null;
    }
  }
  return out;
}

const keysOf = (text: string) => words(text.normalize('NFC')).map((w) => w.key);
const TITLES = HOLDER_TITLES.map((t) => ({ lower: t.split(' '), keys: keysOf(t) }));

/** The name forms of one holder: `bare` anywhere, `titled` only right after a title. */
interface NameForms {
  bare: string[][];
  titled: string[][];
  /** A folded word every form contains: text without it cannot match (a quick first test). */
  anchor: string;
}

function nameForms(holderName: string): NameForms | null {
  const written = words(holderName.normalize('NFC'));
  // A title typed into the name field ("Bà Nguyễn Thị Hoa") is not part of the name; compared as
  // written, since "Dương" folds like the title "dượng".
  for (;;) {
    const title = TITLES.find(
      (t) => t.lower.length < written.length && t.lower.every((word, k) => written[k].lower === word),
    );
    if (!title) break;
    written.splice(0, title.lower.length);
  }
  const w = written.map((x) => x.key);
  if (w.length === 0) return null;
  const bare: string[][] = [];
  if (w.length >= 2) bare.push(w);
  if (w.length >= 3) bare.push(w.slice(1));
  if (w.length >= 4) bare.push(w.slice(-2));
  return { bare, titled: [w.slice(-1)], anchor: w[w.length - 1] };
}

const gapIsSpace = (text: string, a: Word, b: Word) => /^[\s\u200b\p{Cf}]+$/u.test(text.slice(a.end, b.start));

function matchesAt(text: string, ws: Word[], i: number, form: string[]): boolean {
  if (i + form.length > ws.length) return false;
  for (let k = 0; k < form.length; k++) {
    if (ws[i + k].key !== form[k]) return false;
    if (k > 0 && !gapIsSpace(text, ws[i + k - 1], ws[i + k])) return false;
  }
  return true;
}

/** Whether the words before `i` are a title, written as one (see the rule at the top). */
function titleBefore(text: string, ws: Word[], i: number): boolean {
  const nameUnaccented = ws[i].lower === ws[i].key;
  return TITLES.some((t) => {
    const from = i - t.keys.length;
    if (from < 0 || !matchesAt(text, ws, from, t.keys) || !gapIsSpace(text, ws[i - 1], ws[i])) return false;
    return t.lower.every((word, k) => {
      const written = ws[from + k];
      return written.lower === word || (nameUnaccented && written.lower === written.key);
    });
  });
}

/** Where a holder's name appears in a text: [start, end) offsets in `text.normalize('NFC')`. */
export function nameSpans(text: string, holderName: string): { source: string; spans: [number, number][] } {
  const source = text.normalize('NFC');
  const forms = nameForms(holderName);
  if (!forms) return { source, spans: [] };
  // Most texts never contain the last word of the name: skip the word-by-word walk for them.
  const quick = foldVietnamese(source).replace(/['’ʼ`\p{Cf}\u200b]/gu, '');
  if (!quick.includes(forms.anchor)) return { source, spans: [] };
  const ws = words(source);
  const spans: [number, number][] = [];
  for (let i = 0; i < ws.length; i++) {
    const form =
      forms.bare.find((f) => matchesAt(source, ws, i, f)) ??
      forms.titled.find((f) => i > 0 && matchesAt(source, ws, i, f) && titleBefore(source, ws, i));
    if (!form) continue;
    spans.push([ws[i].start, ws[i + form.length - 1].end]);
    i += form.length - 1;
  }
  return { source, spans };
}

type Holder = { type: string; publishConsent: boolean; holderName: string };

/**
 * Public text of a model. Without consent an individual's name, in any of the forms above, is
 * replaced (by HIDDEN_NAME, or by `replacement`: the search document uses a space, so that neither
 * the name nor the placeholder's words can be searched for). The text comes back in NFC.
 */
export function publicText(text: string, m: Holder, replacement = HIDDEN_NAME): string {
  if (nameIsPublic(m)) return text;
  const { source, spans } = nameSpans(text, m.holderName);
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    out += source.slice(at, start) + replacement;
    at = end;
  }
  return out + source.slice(at);
}
