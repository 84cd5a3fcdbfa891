/**
 * The JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of what /api/v1 returns.
 * Fixed shapes say `additionalProperties: false`, so the conformance test catches any drift.
 */
import { FIELDS, INDICATOR_KINDS, RECOGNITION_GRADES, RECOGNITION_LEVELS } from '../reference/vocabulary.js';
import { MODEL_TYPES } from '../db/schema.js';
import { ref } from '../http/openapi.js';

type Schema = Record<string, unknown>;

const FIELD_CODES = FIELDS.map((f) => f.code);
const LEVELS = Object.keys(RECOGNITION_LEVELS);
const GRADES = Object.keys(RECOGNITION_GRADES);

const text = (description: string): Schema => ({ type: 'string', description });
const nullableText = (description: string): Schema => ({ type: ['string', 'null'], description });
const integer = (description: string, minimum?: number, maximum?: number): Schema => ({
  type: 'integer',
  description,
  ...(minimum === undefined ? {} : { minimum }),
  ...(maximum === undefined ? {} : { maximum }),
});
const year = (description: string): Schema => integer(description, 1945, 2100);
const date = (description: string): Schema => ({ type: ['string', 'null'], format: 'date', description });
const array = (items: Schema, description?: string): Schema => ({
  type: 'array',
  items,
  ...(description ? { description } : {}),
});

/** An object whose every listed property is always present, and nothing else. */
function closed(description: string, properties: Record<string, Schema>, optional: string[] = []): Schema {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    properties,
  };
}

const provinceCode = { type: 'string', pattern: '^\\d{2}$' } as const;
const communeCode = { type: 'string', pattern: '^\\d{5}$' } as const;

/** Every field of a model in a list, except its absolute `url`. */
const summaryProperties: Record<string, Schema> = {
  id: integer('Mã số mô hình. / Model id.', 1),
  slug: text('Định danh trong địa chỉ trang /mo-hinh/{slug}. / URL slug of the model page.'),
  title: text('Tên mô hình. / Title.'),
  type: {
    type: 'string',
    enum: [...MODEL_TYPES],
    description: 'collective: mô hình tập thể / collective model; individual: điển hình cá nhân / individual.',
  },
  field: { type: 'string', enum: FIELD_CODES, description: 'Mã lĩnh vực. / Field code.' },
  fieldName: text('Tên lĩnh vực. / Field name.'),
  provinceCode: {
    ...provinceCode,
    description: 'Mã tỉnh, thành phố hiện nay (sau 1/7/2025). / Current province code.',
  },
  provinceName: text('Tên tỉnh, thành phố hiện nay. / Current province name.'),
  communeCode: {
    type: ['string', 'null'],
    pattern: '^\\d{5}$',
    description:
      'Mã xã, phường hiện nay; null nếu xã cũ đã chia cho nhiều xã mới (xem currentCommunes). / Current commune; null when the former commune was split (see currentCommunes).',
  },
  communeName: nullableText('Tên xã, phường hiện nay. / Current commune name.'),
  formerProvinceCode: {
    type: ['string', 'null'],
    pattern: '^\\d{2}$',
    description:
      'Mã tỉnh cũ (trước 1/7/2025) nơi mô hình được đăng ký; hệ mã khác với mã hiện nay. / Former province code, a different code space from current codes.',
  },
  formerProvinceName: nullableText('Tên tỉnh cũ. / Former province name.'),
  formerCommuneCode: {
    type: ['string', 'null'],
    pattern: '^\\d{5}$',
    description: 'Mã xã cũ (trước 1/7/2025) nơi mô hình được đăng ký. / Former commune code, a different code space.',
  },
  formerCommuneName: nullableText('Tên xã cũ. / Former commune name.'),
  currentCommunes: array(
    ref('UnitName'),
    'Các xã, phường hiện nay của địa bàn (nhiều xã nếu xã cũ bị chia). / Current commune(s) of the place.',
  ),
  provinceLabel: text('Tên tỉnh để hiển thị, kèm tỉnh hiện nay nếu là tỉnh cũ. / Province as displayed.'),
  placeLabel: text('Địa bàn đầy đủ để hiển thị. / Whole place as displayed.'),
  year: integer('Năm được công nhận lần đầu. / Year of first recognition.'),
  startedYear: year('Năm bắt đầu thực hiện. / Year the model started.'),
  summary: text('Tóm tắt. / Summary.'),
  holder: text(
    'Chủ thể; cá nhân không đồng ý công bố tên chỉ hiện chức danh. / Holder; an individual without consent is shown by role only.',
  ),
  publishedAt: { type: 'string', format: 'date-time', description: 'Thời điểm công bố. / Publication time (UTC).' },
  demo: { type: 'boolean', description: 'Dữ liệu trình diễn. / Demonstration data.' },
  replicationCount: integer(
    'Số mô hình đã được công nhận nhân rộng mô hình này. / Recognised models replicating this one.',
    0,
  ),
};

const url: Schema = {
  type: 'string',
  format: 'uri',
  description: 'Địa chỉ trang mô hình. / Absolute URL of the model page.',
};

const story: Schema = closed("Nội dung mô hình. / The model's story.", {
  situation: text('Thực trạng. / Situation.'),
  goals: text('Mục tiêu. / Goals.'),
  beneficiaries: text('Đối tượng hưởng lợi. / Beneficiaries.'),
  activities: text('Cách làm. / Activities.'),
  leadBodies: text('Cơ quan chủ trì. / Lead bodies.'),
  partnerBodies: text('Cơ quan phối hợp. / Partner bodies.'),
  results: text('Kết quả. / Results.'),
  sustainability: text('Tính bền vững, nhân rộng. / Sustainability.'),
});

const resources: Schema = closed('Nguồn lực. / Resources.', {
  moneyMillion: { type: ['number', 'null'], description: 'Kinh phí (triệu đồng). / Money, million VND.' },
  workDays: { type: ['integer', 'null'], description: 'Ngày công. / Work days.' },
  nonState: text('Nguồn lực ngoài nhà nước. / Non-state resources.'),
});

const indicator: Schema = closed('Chỉ tiêu kết quả. / Result indicator.', {
  kind: {
    type: ['string', 'null'],
    enum: [...INDICATOR_KINDS.map((k) => k.code), null],
    description: 'Loại chỉ tiêu để thống kê; null nếu là chỉ tiêu riêng. / Indicator kind, null if custom.',
  },
  name: text('Tên chỉ tiêu. / Name.'),
  value: { type: 'number', description: 'Giá trị. / Value.' },
  unit: text('Đơn vị. / Unit.'),
});

const level = {
  type: 'string',
  enum: LEVELS,
  description: 'Cấp: commune (xã), province (tỉnh), central (Trung ương). / Level.',
};

const recognition: Schema = closed('Một lần công nhận. / One recognition.', {
  year: integer('Năm công nhận. / Year.'),
  level,
  grade: { type: 'string', enum: GRADES, description: 'Xếp loại: tot (Tốt), kha (Khá). / Grade.' },
  decisionNumber: nullableText('Số quyết định. / Decision number.'),
  decisionDate: date('Ngày quyết định. / Decision date.'),
});

const modelMovement: Schema = closed('Phong trào mô hình tham gia. / Movement of the model.', {
  code: text('Mã phong trào. / Movement code.'),
  name: text('Tên phong trào. / Name.'),
  level,
});

const commendation: Schema = closed(
  'Khen thưởng còn hiệu lực (khen thưởng đã thu hồi không được công bố). / Standing commendation (revoked ones are not published).',
  {
    form: text('Mã hình thức khen thưởng (danh mục do Trung ương quản lý). / Form code, from the centrally kept list.'),
    formName: text('Tên hình thức khen thưởng, ví dụ "Bằng khen". / Name of the form.'),
    issuingBody: text('Cơ quan khen thưởng. / Issuing body.'),
    level,
    decisionNumber: nullableText('Số quyết định. / Decision number.'),
    decisionDate: date('Ngày quyết định. / Decision date.'),
    movementCode: nullableText('Mã phong trào được khen thưởng, nếu có. / Movement code, if any.'),
    movementName: nullableText('Tên phong trào. / Movement name.'),
    decisionFileUrl: {
      type: ['string', 'null'],
      format: 'uri',
      description: 'Bản quét quyết định, khi tệp được công khai. / The scanned decision, when that file is public.',
    },
    note: text('Ghi chú. / Note.'),
  },
);

export const schemas: Record<string, Schema> = {
  UnitName: closed('Đơn vị hành chính. / Administrative unit.', {
    code: { type: 'string', pattern: '^\\d{2}(\\d{3})?$', description: 'Mã (2 chữ số với tỉnh, 5 với xã). / Code.' },
    name: text('Tên (không kèm loại). / Name.'),
    fullName: text('Tên đầy đủ. / Full name.'),
  }),
  ModelSummary: closed('Mô hình đã được công nhận, dạng tóm tắt. / Recognised model, summary.', {
    ...summaryProperties,
    url,
  }),
  Model: closed('Mô hình đã được công nhận, đầy đủ. / Recognised model, in full.', {
    ...summaryProperties,
    url,
    story,
    resources,
    holderRole: text("Chức danh, vai trò của chủ thể. / Holder's role."),
    indicators: array(indicator),
    recognitions: array(recognition, 'Theo năm. / By year.'),
    movements: array(modelMovement),
    commendations: array(commendation),
    replicates: array(
      ref('ReplicationLink'),
      'Các mô hình gốc (đã công nhận) mà mô hình này nhân rộng, kèm điều đã điều chỉnh. / Recognised models this one replicates.',
    ),
    replicatedBy: array(
      ref('ReplicationLink'),
      'Các mô hình đã công nhận nhân rộng mô hình này, kèm điều mỗi nơi đã điều chỉnh. / Recognised models replicating this one.',
    ),
    replicationProvinces: integer(
      'Số tỉnh có mô hình nhân rộng mô hình này. / Provinces of the recognised replicas.',
      0,
    ),
  }),
  ReplicationLink: closed('Một liên kết nhân rộng công khai. / A public replication link.', {
    id: integer('Mã số mô hình ở đầu kia. / Id of the model at the other end.', 1),
    slug: text('Đường dẫn rút gọn. / Slug.'),
    title: text('Tên mô hình. / Title.'),
    url,
    placeLabel: text('Địa bàn: xã, tỉnh. / Place.'),
    provinceCode: { ...provinceCode, description: 'Mã tỉnh. / Province code.' },
    provinceName: text('Tỉnh. / Province.'),
    communeName: { type: ['string', 'null'], description: 'Xã, phường hiện nay. / Current commune.' },
    year: integer('Năm công nhận. / Year of recognition.', 1945, 2100),
    note: text('Điều mô hình nhân rộng đã điều chỉnh. / What the replica adapted.'),
  }),
  ModelList: closed('Một trang kết quả. / One page of results.', {
    items: array(ref('ModelSummary')),
    total: integer('Tổng số mô hình khớp bộ lọc. / Total matching models.', 0),
    page: integer('Trang. / Page.', 1, 10000),
    limit: integer('Số mục mỗi trang. / Page size.', 1, 100),
  }),
  Province: closed('Tỉnh, thành phố hiện nay. / Current province.', {
    code: { ...provinceCode, description: 'Mã tỉnh. / Province code.' },
    name: text('Tên. / Name.'),
    fullName: text('Tên đầy đủ. / Full name.'),
    type: {
      type: 'string',
      enum: ['tinh', 'thanh_pho'],
      description: 'tinh (tỉnh) hoặc thanh_pho (thành phố). / Province or city.',
    },
    formerProvinces: array(
      ref('UnitName'),
      'Các tỉnh cũ đã hợp nhất vào tỉnh này (mã cũ). / Former provinces merged into it (former codes).',
    ),
  }),
  Commune: closed('Xã, phường, đặc khu hiện nay. / Current commune.', {
    code: { ...communeCode, description: 'Mã xã. / Commune code.' },
    name: text('Tên. / Name.'),
    fullName: text('Tên đầy đủ. / Full name.'),
    type: {
      type: 'string',
      enum: ['xa', 'phuong', 'dac_khu'],
      description: 'xa, phuong hoặc dac_khu. / Commune, ward or special zone.',
    },
    formerCommunes: array(
      closed('Xã cũ (trước 1/7/2025) đã nhập vào xã này. / A former commune merged into it.', {
        code: { ...communeCode, description: 'Mã xã cũ. / Former commune code.' },
        fullName: text('Tên đầy đủ. / Full name.'),
        formerDistrictName: text('Huyện cũ. / Former district.'),
        relation: {
          type: 'string',
          enum: [
            'whole',
            'unchanged',
            'renamed',
            'type_changed',
            'partial',
            'partial_area',
            'partial_area_whole_population',
            'partial_population',
            'partial_remainder',
            'whole_area',
          ],
          description:
            'Quan hệ theo bảng chuyển đổi chính thức (whole: nhập toàn bộ, partial…: một phần). / Relation in the official conversion table.',
        },
      }),
    ),
  }),
  Field: closed('Lĩnh vực. / Field.', {
    code: { type: 'string', enum: FIELD_CODES, description: 'Mã lĩnh vực. / Field code.' },
    name: text('Tên. / Name.'),
    description: text('Mô tả. / Description.'),
  }),
  Movement: closed('Phong trào thi đua. / Emulation movement.', {
    code: text('Mã phong trào, dùng cho tham số movement. / Code, as in the movement parameter.'),
    name: text('Tên. / Name.'),
    kind: {
      type: 'string',
      enum: ['regular', 'thematic'],
      description: 'regular: thường xuyên; thematic: theo chuyên đề. / Regular or thematic.',
    },
    level,
    status: {
      type: 'string',
      enum: ['in_force', 'ended'],
      description: 'in_force: đang triển khai; ended: đã kết thúc. / In force or ended.',
    },
    issuingBody: text('Cơ quan phát động. / Issuing body.'),
    documentNumber: nullableText('Số văn bản phát động. / Launching document number.'),
    documentDate: date('Ngày văn bản. / Document date.'),
    document: {
      oneOf: [
        { type: 'null' },
        closed('Tệp văn bản phát động. / The launching document file.', {
          url: { type: 'string', format: 'uri', description: 'Tải về. / Download.' },
          name: text('Tên tệp. / File name.'),
          mimeType: text('Kiểu tệp. / MIME type.'),
          sizeBytes: integer('Dung lượng (byte). / Size in bytes.', 1),
        }),
      ],
    },
    startYear: integer('Năm bắt đầu. / Start year.'),
    endYear: {
      type: ['integer', 'null'],
      description: 'Năm kết thúc; null nếu chưa kết thúc. / End year, null if ongoing.',
    },
    goals: text('Mục tiêu. / Goals.'),
    criteria: text('Tiêu chí. / Criteria.'),
    participants: text('Đối tượng tham gia. / Participants.'),
    description: text('Mô tả. / Description.'),
    provinceCode: {
      type: ['string', 'null'],
      pattern: '^\\d{2}$',
      description: 'Tỉnh phát động (phong trào cấp tỉnh). / Province of a provincial movement.',
    },
    phases: array(
      closed('Giai đoạn. / Phase.', {
        name: text('Tên giai đoạn. / Name.'),
        startYear: integer('Năm bắt đầu. / Start year.'),
        endYear: { type: ['integer', 'null'], description: 'Năm kết thúc. / End year.' },
        modelCount: integer(
          'Số mô hình đã công nhận có năm công nhận trong giai đoạn. / Recognised models recognised within the phase.',
          0,
        ),
      }),
      'Các giai đoạn, theo thứ tự. / Phases, in order.',
    ),
    modelCount: integer('Số mô hình đã công nhận thuộc phong trào. / Recognised models in it.', 0),
    demo: { type: 'boolean', description: 'Dữ liệu trình diễn. / Demonstration data.' },
    url: { type: 'string', format: 'uri', description: 'Trang công khai. / Public page.' },
  }),
  StatRow: closed('Một dòng thống kê. / One statistics row.', {
    key: text(
      'Mã tỉnh, mã lĩnh vực, loại, năm (dạng chuỗi) hoặc mã phong trào. / Province code, field code, type, year (as text) or movement code.',
    ),
    label: text('Nhãn hiển thị. / Display label.'),
    count: integer('Số mô hình đã công nhận. / Number of recognised models.', 0),
  }),
  Error: closed('Lỗi. / Error.', {
    error: closed(
      'Chi tiết lỗi. / Error detail.',
      {
        status: integer('Mã trạng thái HTTP. / HTTP status.', 400, 599),
        message: text('Thông báo bằng tiếng Việt. / Message, in Vietnamese.'),
        parameter: text('Tham số gây lỗi (lỗi 400 do tham số). / The offending parameter, for a parameter 400.'),
      },
      ['parameter'],
    ),
  }),
};
