import { expect } from 'chai';
import { changedFieldLabels, diffEntries, ENTRY_SECTIONS } from '../../src/submissions/entry-fields.js';
import type { ModelInput } from '../../src/submissions/validation.js';

const content: ModelInput = {
  type: 'collective',
  title: 'Thôn Làng Chùa hiến đất',
  fieldCode: 'kinh-te',
  startedYear: 2024,
  movementCodes: ['dan-van-kheo'],
  summary: 'Tóm tắt.',
  situation: 'Thực trạng.',
  goals: 'Mục tiêu.',
  beneficiaries: '180 hộ.',
  activities: 'Họp dân.',
  leadBodies: 'Chi bộ thôn',
  partnerBodies: '',
  resourcesMoneyMillion: 350,
  resourcesWorkDays: null,
  resourcesNonState: '',
  results: '1,2 km đường.',
  sustainability: 'Duy tu hằng năm.',
  holderName: 'Nhân dân thôn Làng Chùa',
  holderRole: '',
  publishConsent: true,
  contactName: '',
  contactPhone: '',
  contactEmail: '',
  indicators: [{ kindCode: '', name: 'Đất hiến', value: 1600, unit: 'm²' }],
};
const lookups = { movementNames: new Map([['dan-van-kheo', 'Phong trào thi đua “Dân vận khéo”']]) };

describe('entry fields: one label per field, shared by the page, the history and the diff', () => {
  it('labels every field of the registration form exactly once', () => {
    const keys = ENTRY_SECTIONS.flatMap((s) => s.fields.map(([k]) => k));
    expect([...keys].sort()).to.deep.equal(Object.keys(content).sort());
  });

  it('lists only the changed fields, in the form order, with before and after as shown', () => {
    const after: ModelInput = {
      ...content,
      resourcesWorkDays: 900,
      title: 'Thôn Làng Chùa hiến đất mở đường',
      indicators: [{ kindCode: '', name: 'Đất hiến', value: 1800, unit: 'm²' }],
    };
    expect(diffEntries(content, after, lookups)).to.deep.equal([
      { key: 'title', label: 'Tên mô hình', before: 'Thôn Làng Chùa hiến đất', after: after.title },
      { key: 'resourcesWorkDays', label: 'Ngày công', before: '—', after: '900' },
      { key: 'indicators', label: 'Chỉ số kết quả', before: 'Đất hiến: 1.600 m²', after: 'Đất hiến: 1.800 m²' },
    ]);
    expect(diffEntries(content, { ...content }, lookups)).to.deep.equal([]);
  });

  it('names changed columns by their labels in the form order, never by the column name', () => {
    expect(changedFieldLabels(['resources_non_state', 'title', 'indicators', 'resources_non_state'])).to.deep.equal([
      'Tên mô hình',
      'Xã hội hóa, đóng góp của nhân dân',
      'Chỉ số kết quả',
    ]);
    expect(changedFieldLabels(['no_such_column'])).to.deep.equal(['Trường khác']);
  });
});
