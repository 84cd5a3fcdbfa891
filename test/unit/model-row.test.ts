import { expect } from 'chai';
import { getTableColumns } from 'drizzle-orm';
import { models } from '../../src/db/schema.js';
import { searchColumns } from '../../src/listing/search-document.js';
import { HIDDEN_NAME } from '../../src/policy/privacy.js';
import { foldVietnamese } from '../../src/text/fold.js';
import { modelRow, modelSlug, type ModelFields } from '../../src/submissions/model-row.js';

const person: ModelFields = {
  type: 'individual',
  title: 'Ông Nguyễn Văn Khiêm kèm cặp mười hộ',
  fieldCode: 'xay-dung-dang',
  startedYear: 2019,
  summary: 'Ông Nguyễn Văn Khiêm vận động mười hộ cùng làm.',
  holderName: 'Nguyễn Văn Khiêm',
  holderRole: 'Bí thư Chi bộ',
  publishConsent: false,
};
const place = { provinceCode: '19', communeCode: '05500', names: ['Phú Bình', 'Thái Nguyên'] };

describe('the model-row builder', () => {
  it('gives every stored column (all but the generated search vector), with no value left undefined', () => {
    const row = modelRow(person, place, { id: 7 }) as Record<string, unknown>;
    const expected = Object.keys(getTableColumns(models)).filter((k) => k !== 'searchVector');
    expect(Object.keys(row).sort()).to.deep.equal(expected.sort());
    expect(Object.entries(row).filter(([, v]) => v === undefined)).to.deep.equal([]);
  });

  it('keeps a name without consent out of the slug and the search text', () => {
    const row = modelRow(person, place, { id: 7 });
    expect(row.slug).to.equal('ong-ten-duoc-giu-kin-kem-cap-muoi-ho-7');
    expect(row.titleFolded).to.equal('ong kem cap muoi ho');
    expect(row.searchFolded).not.to.contain(foldVietnamese(HIDDEN_NAME));
    expect(row.titleFolded).not.to.contain('khiem');
    expect(row.searchFolded).not.to.contain('khiem');
    expect(row.consentRecordedAt).to.equal(null);
    expect(row.publishConsent).to.equal(false);
  });

  it('records consent when it is given, at the creation time', () => {
    const createdAt = new Date(Date.UTC(2024, 2, 1));
    const row = modelRow({ ...person, publishConsent: true }, place, { createdAt });
    expect(row.consentRecordedAt).to.equal(createdAt);
    expect(row.slug).to.equal('ong-nguyen-van-khiem-kem-cap-muoi-ho');
    expect(row.searchFolded).to.contain('khiem');
  });

  it('treats a collective as consenting, and names places in the search text', () => {
    const row = modelRow(
      { ...person, type: 'collective', holderName: 'Chi hội Phụ nữ', publishConsent: false },
      place,
      { slugSuffix: 'a1' },
    );
    expect(row.publishConsent).to.equal(true);
    expect(row.consentRecordedAt).to.equal(null);
    expect(row.slug).to.match(/-a1$/);
    const collective = {
      ...person,
      type: 'collective' as const,
      holderName: 'Chi hội Phụ nữ',
      holderRole: 'Bí thư Chi bộ',
      publishConsent: true,
    };
    expect({ titleFolded: row.titleFolded, searchFolded: row.searchFolded }).to.deep.equal(
      searchColumns(collective, place.names),
    );
    expect(row.searchFolded).to.contain('thai nguyen');
  });

  it('starts a new draft unless told otherwise, and a title of symbols still gets a slug', () => {
    const row = modelRow({ ...person, title: '—' }, place);
    expect(row).to.include({
      status: 'draft',
      version: 1,
      isDemo: false,
      createdBy: null,
      submittedAt: null,
      publishedAt: null,
      recognisedYear: null,
    });
    expect(row.slug).to.equal('mo-hinh');
    expect(modelSlug({ ...person, title: '—' }, 12)).to.equal('mo-hinh-12');
    expect(row).not.to.have.property('id');
  });
});
