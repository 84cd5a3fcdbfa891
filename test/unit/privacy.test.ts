import { expect } from 'chai';
import fc from 'fast-check';
import { HIDDEN_NAME, nameSpans, publicText } from '../../src/policy/privacy.js';
import { foldedWords, foldVietnamese } from '../../src/text/fold.js';

const hidden = (holderName: string) => ({ type: 'individual', publishConsent: false, holderName });

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MIDDLE = ['Thị', 'Văn', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Xuân', 'Thanh'];
const GIVEN = ['Kín', 'Đáo', 'Hoa', 'Lan', 'Bình', 'Hùng', 'Dũng', 'Tuấn', 'Hương', 'Thủy', 'Khiêm', 'Sương', 'Nhung'];
const TITLES = ['ông', 'bà', 'anh', 'chị', 'em', 'cô', 'chú', 'bác', 'cụ', 'thầy', 'đồng chí', 'đ/c', 'cháu', 'đại úy'];
const NAME_KEYS = new Set([...FAMILY, ...MIDDLE, ...GIVEN].map(foldVietnamese));
const TITLE_KEYS = new Set(TITLES.flatMap(foldedWords));
// Words of ordinary text that are neither name syllables nor titles, folded or not.
const FILLER = [
  'vận động',
  'Nhân dân',
  'hiến đất',
  'làm đường',
  'giúp',
  'hộ nghèo',
  'tuyên truyền',
  'kết quả',
  'năm',
  'thôn',
  'xóm',
  'có',
  'cây',
  'mười',
  'làng',
  'giữ rừng',
  '“Dân vận khéo”',
  'và',
  'bàn bạc,',
  'đến từng nhà.',
].filter((w) => foldedWords(w).every((k) => !NAME_KEYS.has(k) && !TITLE_KEYS.has(k)));

const SPACES = fc.constantFrom(' ', '  ', '\t', '\u00a0', ' \n ', '\u200b');
const name = fc
  .tuple(fc.constantFrom(...FAMILY), fc.array(fc.constantFrom(...MIDDLE), { maxLength: 2 }), fc.constantFrom(...GIVEN))
  .map(([f, m, g]) => [f, ...m, g]);

/** One written occurrence of a word sequence: any case per letter, any spacing, NFC or NFD, with or without diacritics. */
const written = (ws: string[]) =>
  fc
    .tuple(
      fc.array(SPACES, { minLength: ws.length, maxLength: ws.length }),
      fc.constantFrom('NFC', 'NFD', 'plain'),
      fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    )
    .map(([gaps, form, upper]) => {
      const text = ws.map((w, i) => (i ? gaps[i] : '') + w).join('');
      const cased = Array.from(text)
        .map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c.toLowerCase()))
        .join('');
      if (form === 'plain')
        return cased
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/đ/g, 'd')
          .replace(/Đ/g, 'D');
      return cased.normalize(form);
    });

/** The forms an occurrence may take (privacy.ts): full, without family name, last two words, title + given name. */
const occurrence = (n: string[]) => {
  const forms: fc.Arbitrary<string[]>[] = [fc.constant(n)];
  if (n.length >= 3) forms.push(fc.constant(n.slice(1)), fc.constant(n.slice(-2)));
  forms.push(fc.constantFrom(...TITLES).map((t) => [...t.split(' '), n[n.length - 1]]));
  return fc.oneof(...forms).chain(written);
};

const filler = fc.array(fc.constantFrom(...FILLER), { maxLength: 4 }).map((ws) => ws.join(' '));

/** Whether folded text holds the word sequence (as whole words). */
function holds(folded: string, ws: string[]): boolean {
  const words = foldedWords(folded);
  const keys = ws.flatMap(foldedWords);
  return words.some((_, i) => keys.every((k, j) => words[i + j] === k));
}

describe('names of individuals without consent', () => {
  it('masks the examples of the brief, keeping the title', () => {
    const m = hidden('Nguyễn Thị Kín Đáo');
    expect(publicText('Gương bà Kín Đáo ở thôn Đông', m)).to.equal(`Gương bà ${HIDDEN_NAME} ở thôn Đông`);
    expect(publicText('KÍN  ĐÁO vận động', m)).to.equal(`${HIDDEN_NAME} vận động`);
    expect(publicText('Kin Dao vận động', m)).to.equal(`${HIDDEN_NAME} vận động`);
    expect(publicText('Nguyễn Thị Kín Đáo'.normalize('NFD'), m)).to.equal(HIDDEN_NAME);
    expect(publicText('Thị Kín Đáo giúp dân', m)).to.equal(`${HIDDEN_NAME} giúp dân`);
    expect(publicText('ông Đáo, chị Đáo và đ/c Đáo', m)).to.equal(
      `ông ${HIDDEN_NAME}, chị ${HIDDEN_NAME} và đ/c ${HIDDEN_NAME}`,
    );
    expect(publicText('Đồng chí Đáo; Đại úy Đáo', m)).to.equal(`Đồng chí ${HIDDEN_NAME}; Đại úy ${HIDDEN_NAME}`);
  });

  it('leaves common words alone: the bare given name, a non-title before it, a name cut by punctuation', () => {
    const m = hidden('Trần Thị Hoa');
    for (const text of ['Vườn có hoa, có cây', 'Hoa nở khắp thôn', 'Hoa hậu', 'thị trấn. Hoa', 'Thị, Hoa', 'Thoa'])
      expect(publicText(text, m)).to.equal(text);
    expect(publicText('cô Hoa và co hoa', m)).to.equal(`cô ${HIDDEN_NAME} và co ${HIDDEN_NAME}`);
    // A title typed without diacritics counts only if the name is unaccented too.
    expect(publicText('ba Hòa', hidden('Trần Thị Hòa'))).to.equal('ba Hòa');
    expect(publicText('ba Hoa', hidden('Trần Thị Hòa'))).to.equal(`ba ${HIDDEN_NAME}`);
  });

  it('masks names of other styles: apostrophes, a title typed into the name field, a one-word name', () => {
    expect(publicText("Già làng K'Brêu và anh K’Brêu", hidden("K'Brêu"))).to.equal(
      `Già làng ${HIDDEN_NAME} và anh ${HIDDEN_NAME}`,
    );
    expect(publicText('Bà Hoa, Trần Thị Hoa', hidden('Bà Trần Thị Hoa'))).to.equal(`Bà ${HIDDEN_NAME}, ${HIDDEN_NAME}`);
    expect(publicText('K’Brêu giữ rừng', hidden("K'Brêu"))).to.equal('K’Brêu giữ rừng');
  });

  it('shows every name with consent, and a collective always', () => {
    const text = 'Chị Đáo, Nguyễn Thị Kín Đáo';
    expect(publicText(text, { type: 'individual', publishConsent: true, holderName: 'Nguyễn Thị Kín Đáo' })).to.equal(
      text,
    );
    expect(publicText(text, { type: 'collective', publishConsent: false, holderName: 'Nguyễn Thị Kín Đáo' })).to.equal(
      text,
    );
  });

  it('never leaves a name form in the masked text, however it is written (property)', () => {
    fc.assert(
      fc.property(
        name.chain((n) =>
          fc.tuple(fc.constant(n), fc.array(fc.tuple(filler, occurrence(n)), { minLength: 1, maxLength: 4 }), filler),
        ),
        ([n, parts, tail]) => {
          const text = parts.map(([f, o]) => `${f} ${o}`).join(' ') + ` ${tail}`;
          const out = foldVietnamese(publicText(text, hidden(n.join(' '))));
          expect(holds(out, n), out).to.equal(false);
          if (n.length >= 3) expect(holds(out, n.slice(-2)), out).to.equal(false);
          for (const t of TITLES) expect(holds(out, [t, n[n.length - 1]]), out).to.equal(false);
          expect(nameSpans(text, n.join(' ')).spans).to.have.length(parts.length);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('changes nothing in text without the name, bare given names included (property)', () => {
    fc.assert(
      fc.property(
        name,
        fc.array(fc.oneof(fc.constantFrom(...FILLER), fc.constantFrom(...GIVEN)), { maxLength: 12 }),
        (n, ws) => {
          // Given names never follow a middle name or a title here, so no name form can arise.
          const text = ws.join(' ');
          expect(publicText(text, hidden(n.join(' ')))).to.equal(text.normalize('NFC'));
        },
      ),
      { numRuns: 300 },
    );
  });
});
