// Generators of hostile request input for the fuzz test (fast-check), and the encoders that put it on the wire
// byte for byte: a lone surrogate goes out as the bytes UTF-8 forbids for it, a "raw" value as it is (broken
// percent-encoding, bytes that are not UTF-8), so that what reaches the app is exactly what was generated.
import fc from 'fast-check';

/** Text to encode properly, or characters to send as they are (each one byte, Latin-1). */
export type Value = { text: string } | { raw: string };
export type Field = [name: Value, value: Value];

const text = (s: string): Value => ({ text: s });

/** Percent-encodes UTF-16 code units; a lone surrogate becomes its 3-byte (invalid UTF-8) form. */
function encodeText(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}
const encodeValue = (v: Value) => ('raw' in v ? v.raw : encodeText(v.text));

/** `a=1&b=2` with every value as generated; Latin-1 characters of raw values are single bytes on the wire. */
export function urlEncoded(fields: readonly Field[]): string {
  return fields.map(([k, v]) => `${encodeValue(k)}=${encodeValue(v)}`).join('&');
}

/** The bytes of a value in a multipart part: UTF-8 text (lone surrogates as invalid bytes), raw as Latin-1. */
function valueBytes(v: Value): Buffer {
  if ('raw' in v) return Buffer.from(v.raw, 'latin1');
  return Buffer.from(decodeURIComponentBytes(encodeText(v.text)));
}
function decodeURIComponentBytes(encoded: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    if (encoded[i] === '%') {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(encoded.charCodeAt(i));
  }
  return Uint8Array.from(bytes);
}

export const BOUNDARY = 'fuzz-boundary-7d1c';
/** A multipart/form-data body of the fields and an optional file part named `files`. */
export function multipart(fields: readonly Field[], file?: { name: string; content: Buffer }): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of fields) {
    parts.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="`),
      valueBytes(k),
      Buffer.from('"\r\n\r\n'),
      valueBytes(v),
      Buffer.from('\r\n'),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="`),
      Buffer.from(file.name, 'utf8'),
      Buffer.from('"\r\nContent-Type: application/octet-stream\r\n\r\n'),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

/** What a payload that would run if echoed unescaped leaves in a page: none of these may ever appear. */
export const UNESCAPED_MARKERS = ['<script>x-', `"><img src=x onerror`, `'><svg onload`, 'href="javascript:'];

const markup = fc
  .nat({ max: 99_999 })
  .chain((n) =>
    fc.constantFrom(
      `<script>x-${n}</script>`,
      `"><img src=x onerror=alert('x-${n}')>`,
      `'><svg onload=alert('x-${n}')>`,
      `javascript:alert('x-${n}')`,
      `<%= 7*7 %>x-${n}`,
      `\${7*7}{{7*7}}x-${n}`,
    ),
  );

const injections = fc.constantFrom(
  "' or 1=1--",
  "'; drop table models;--",
  '1 union select password_hash from users--',
  "1' and pg_sleep(0)--",
  '\\',
  '%',
  '_%',
  '$1',
  '../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '....//....//',
  'C:\\Windows\\win.ini',
  '/dev/null',
  '__proto__',
  'constructor',
  'toString',
);

const unicodeEdges = fc.constantFrom(
  '\u202Eabc\u202C',
  'a\u200B\u200C\u200D\uFEFFb',
  'e\u0301\u0301\u0301',
  'Dân vận khéo'.normalize('NFD'),
  'Dân vận khéo'.normalize('NFC'),
  '👨‍👩‍👧‍👦🇻🇳',
  '\u0000',
  'a\u0000b',
  '\uFFFD',
  '\uD800',
  'x\uDFFFy',
  '\uD83D',
  '\u2028\u2029',
  '\r\n\t',
  'ǅ',
  'İı',
  '١٢٣',
  '２０２４',
  ' ',
);

const wrongTypes = fc.constantFrom(
  '',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '0x1F',
  '9'.repeat(400),
  '1.5',
  '  7  ',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '{"a":1}',
  '2024-02-30',
  '99999-01-01',
);

// About 100 KB each: over every field's limit, under the body limit (200 KB).
const HUGE = [
  'x'.repeat(100_000),
  'Dân vận khéo '.repeat(7_000),
  'e\u0301'.repeat(33_000),
  '<script>x-0</script>'.repeat(5_000),
];

const codeUnit = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
);

/** Text a person could never have typed into the form, or one that tries to break out of it. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: markup },
  { weight: 2, arbitrary: injections },
  { weight: 3, arbitrary: unicodeEdges },
  { weight: 2, arbitrary: wrongTypes },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
);

/** Broken encodings, sent as they are. */
const rawBroken = fc.constantFrom(
  '%ZZ',
  '%E0%A4%A',
  '%C3%28',
  '%',
  '%%',
  '%00',
  'a%0',
  '\xff\xfe',
  '\xc3\x28',
  '%ED%A0%80',
  '%C0%AF',
);

export const hostileValue: fc.Arbitrary<Value> = fc.oneof(
  { weight: 5, arbitrary: hostileText.map(text) },
  { weight: 1, arbitrary: rawBroken.map((raw) => ({ raw })) },
);

/** A field name that is not one of the form's. */
const hostileName: fc.Arbitrary<Value> = fc.oneof(
  hostileText.filter((s) => s.length < 200).map(text),
  fc.constantFrom('__proto__', '__proto__[x]', 'constructor[prototype]', 'a[]', 'a[b]', '_csrf[]').map(text),
  rawBroken.map((raw) => ({ raw })),
);

/** Null three times in four: each mutation of a form is rarer than its hostile values. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

/**
 * A form: the valid `base` with up to three fields replaced by hostile values, maybe one field repeated
 * or sent as a list or an object (`f[]`, `f[x]`), maybe one left out, maybe one unknown field added.
 * `fixed` fields (the CSRF token) are sent as they are, first.
 */
export function hostileForm(base: Record<string, string>, fixed: Record<string, string> = {}): fc.Arbitrary<Field[]> {
  const names = Object.keys(base);
  return fc
    .record({
      overrides: fc.array(fc.tuple(fc.constantFrom(...names), hostileValue), { minLength: 0, maxLength: 3 }),
      shape: sometimes(fc.tuple(fc.constantFrom(...names), fc.constantFrom('repeat', 'list', 'object'))),
      drop: sometimes(fc.constantFrom(...names)),
      extra: sometimes(fc.tuple(hostileName, hostileValue)),
    })
    .map(({ overrides, shape, drop, extra }) => {
      const values = new Map<string, Value>(names.map((n) => [n, text(base[n])]));
      for (const [n, v] of overrides) values.set(n, v);
      if (drop !== null) values.delete(drop);
      const fields: Field[] = Object.entries(fixed).map(([k, v]) => [text(k), text(v)]);
      for (const [n, v] of values) {
        if (shape && shape[0] === n) {
          if (shape[1] === 'repeat') fields.push([text(n), v], [text(n), text(base[n])]);
          else fields.push([text(shape[1] === 'list' ? `${n}[]` : `${n}[x]`), v]);
        } else fields.push([text(n), v]);
      }
      if (extra) fields.push(extra);
      return fields;
    });
}

/**
 * The valid `base` with one field at a time sent twice, as a list and as an object: every field of every form,
 * not left to chance, since a repeat only does harm when the rest of the form is valid.
 */
export function everyShape(base: Record<string, string>, fixed: Record<string, string> = {}): Field[][] {
  const out: Field[][] = [];
  for (const n of Object.keys(base))
    for (const [name, extra] of [
      [n, [text(n), text(base[n] || 'x')]],
      [`${n}[]`, null],
      [`${n}[x]`, null],
    ] as const) {
      const fields: Field[] = Object.entries(fixed).map(([k, v]) => [text(k), text(v)]);
      for (const [k, v] of Object.entries(base)) fields.push([text(k === n ? name : k), text(v)]);
      if (extra) fields.push(extra as Field);
      out.push(fields);
    }
  return out;
}

/** Query parameters of a page or the API: each known one maybe present, maybe hostile, maybe repeated. */
export function hostileQuery(names: readonly string[]): fc.Arbitrary<Field[]> {
  return fc
    .array(
      fc.tuple(
        fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names).map(text) }, { weight: 1, arbitrary: hostileName }),
        hostileValue,
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((fields) => fields.map(([k, v]) => [k, v] as Field));
}

/** A path segment: hostile text percent-encoded, or a broken encoding as it is. */
export const hostileSegment: fc.Arbitrary<string> = hostileValue
  .filter((v) => !('raw' in v) || !/[^\x21-\x7e]/.test(v.raw))
  .map(encodeValue);

/** Header values as a client may send them: Latin-1 characters, no controls (Node's parser refuses those itself). */
export const hostileHeader: fc.Arbitrary<string> = fc
  .oneof(
    hostileText.map((s) => Buffer.from(s.slice(0, 2000), 'utf8').toString('latin1')),
    fc.constantFrom('\xff\xfe', 'a\xc3\x28b', '\xed\xa0\x80', '\xc0\xaf', '%00', '<script>x-1</script>'),
  )
  .map((s) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, ''));
