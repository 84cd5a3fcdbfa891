import { expect } from 'chai';
import { modelCard } from '../../src/catalogue/presenters.js';
import type { PublicModelSummary } from '../../src/listing/query.js';
import { internalModelView } from '../../src/submissions/presenters.js';
import type { InternalModel } from '../../src/submissions/queries.js';
import { validateModelInput } from '../../src/submissions/validation.js';
import { MODEL_STATUS_LABELS, statusLabel } from '../../src/reference/vocabulary.js';

const summary: PublicModelSummary = {
  id: 7,
  slug: 'dan-van-kheo-hien-dat-7',
  title: 'Dân vận khéo trong hiến đất',
  type: 'individual',
  field: 'kinh-te',
  fieldName: 'Kinh tế',
  provinceCode: '19',
  provinceName: 'Thái Nguyên',
  communeCode: null,
  communeName: null,
  formerProvinceCode: null,
  formerProvinceName: null,
  formerCommuneCode: null,
  formerCommuneName: null,
  currentCommunes: [],
  provinceLabel: 'Thái Nguyên',
  placeLabel: 'Tỉnh Thái Nguyên',
  year: 2023,
  startedYear: 2020,
  summary: 'Vận động <b>hiến đất</b>.',
  holder: 'Bí thư',
  publishedAt: '2024-11-01T00:00:00.000Z',
  demo: true,
  replicationCount: 0,
};

describe('presenters', () => {
  describe('modelCard: one card for the home, browse and province pages', () => {
    it('links to the model page, with the browse state when there is one', () => {
      expect(modelCard(summary).href).to.equal('/mo-hinh/dan-van-kheo-hien-dat-7');
      expect(modelCard(summary, { back: 'province=19&q=hien dat' }).href).to.equal(
        '/mo-hinh/dan-van-kheo-hien-dat-7?back=province%3D19%26q%3Dhien%20dat',
      );
    });
    it('escapes the title and summary, marking searched words only when asked', () => {
      const plain = modelCard(summary);
      expect(plain.summaryHtml).to.equal('Vận động &lt;b&gt;hiến đất&lt;/b&gt;.');
      expect(plain.titleHtml).to.equal('Dân vận khéo trong hiến đất');
      expect(modelCard(summary, { q: 'hien dat' }).titleHtml).to.equal(
        'Dân vận khéo trong <mark>hiến</mark> <mark>đất</mark>',
      );
    });
    it('carries what the card shows and nothing else', () => {
      expect(modelCard(summary)).to.deep.equal({
        href: '/mo-hinh/dan-van-kheo-hien-dat-7',
        titleHtml: 'Dân vận khéo trong hiến đất',
        summaryHtml: 'Vận động &lt;b&gt;hiến đất&lt;/b&gt;.',
        typeLabel: 'Điển hình cá nhân',
        fieldName: 'Kinh tế',
        placeLabel: 'Tỉnh Thái Nguyên',
        year: 2023,
        demo: true,
        replicationCount: 0,
      });
    });
  });

  describe('internalModelView: one shape for the entry page and its edit form', () => {
    // As the database driver returns it: numerics as text, JSON aggregates as text (PGlite) or parsed (pg).
    const row = (json: (v: unknown) => unknown): InternalModel => ({
      id: 12,
      status: 'returned',
      version: 4,
      title: 'Tổ tự quản đường biên',
      province_code: '19',
      commune_code: '05500',
      former_commune_code: null,
      created_by: 3,
      place: 'Xã Đồng Tâm, Thái Nguyên',
      type: 'collective',
      field_code: 'quoc-phong-an-ninh',
      field_name: 'Quốc phòng – an ninh',
      reviewing_body_name: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
      started_year: 2021,
      summary: 'Tóm tắt.',
      situation: 'Thực trạng.',
      goals: 'Mục tiêu.',
      beneficiaries: 'Người dân.',
      activities: 'Tuần tra.',
      lead_bodies: 'Chi bộ.',
      partner_bodies: '',
      resources_money_million: '150.50',
      resources_work_days: null,
      resources_non_state: '',
      results: 'Kết quả.',
      sustainability: 'Duy trì.',
      holder_name: 'Tổ tự quản',
      holder_role: '',
      publish_consent: false,
      contact_name: 'Chị Lan',
      contact_phone: '',
      contact_email: 'lan@example.vn',
      movement_codes: json(['dan-van-kheo']),
      indicator_list: json([{ name: 'Số hộ', value: '25', unit: 'hộ', kindCode: null }]),
    });

    for (const [driver, json] of [
      ['text JSON', (v: unknown) => JSON.stringify(v)],
      ['parsed JSON', (v: unknown) => v],
    ] as const) {
      it(`reads the stored row (${driver}) into the form's shape, which validates as it is`, () => {
        const view = internalModelView(row(json));
        expect(view).to.include({
          id: 12,
          version: 4,
          status: 'returned',
          statusLabel: 'Trả lại để bổ sung',
          fieldName: 'Quốc phòng – an ninh',
        });
        expect(view.content).to.include({
          fieldCode: 'quoc-phong-an-ninh',
          startedYear: 2021,
          resourcesMoneyMillion: 150.5,
          resourcesWorkDays: null,
          publishConsent: false,
        });
        expect(view.content.movementCodes).to.deep.equal(['dan-van-kheo']);
        expect(view.content.indicators).to.deep.equal([{ name: 'Số hộ', value: 25, unit: 'hộ', kindCode: '' }]);
        expect(view.contact).to.equal('Chị Lan · lan@example.vn');
        const checked = validateModelInput(view.content);
        expect(checked, JSON.stringify(checked)).to.have.property('value');
      });
    }
  });

  describe('statusLabel: the one way a status is read', () => {
    it('labels every status and passes anything else through', () => {
      for (const [status, label] of Object.entries(MODEL_STATUS_LABELS)) expect(statusLabel(status)).to.equal(label);
      expect(statusLabel('archived')).to.equal('archived');
      expect(statusLabel('toString')).to.equal('toString');
    });
  });
});
