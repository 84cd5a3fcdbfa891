/** Recognitions, commendations, movements and reviewers' comments of the generated models. */
import type { DemoCommendation, DemoModelSpec, DemoRecognition } from '../types.js';
import type { Ctx, Tag } from './ctx.js';
import type { Rng } from './rng.js';

const LAST_YEAR = 2026;

function decisionDate(r: Rng, year: number): string {
  const lastNov = year >= LAST_YEAR ? 20 : 30;
  const month = year >= LAST_YEAR || r.chance(0.45) ? 11 : 12;
  const day = month === 11 ? r.int(3, lastNov) : r.int(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function decisionNumber(r: Rng, level: DemoRecognition['level'], year: number): string {
  if (level === 'commune') return r.chance(0.5) ? `${r.int(12, 380)}/QĐ-UBND` : `${r.int(8, 260)}-QĐ/ĐU`;
  if (level === 'central') return `${r.int(30, 480)}-QĐ/${year >= 2025 ? 'BTGDVTW' : 'BDVTW'}`;
  if (r.chance(0.3)) return `${r.int(1800, 4200)}/QĐ-UBND`;
  return `${r.int(20, 460)}-QĐ/${year >= 2025 ? 'BTGDVTU' : 'BDVTU'}`;
}

const LEVELS: DemoRecognition['level'][] = ['commune', 'province', 'central'];

/** 1–3 yearly recognitions from startedYear; the first one no later than maxFirstYear. */
export function makeRecognitions(r: Rng, startedYear: number, maxFirstYear: number): DemoRecognition[] {
  const first = Math.min(
    maxFirstYear,
    LAST_YEAR,
    Math.max(
      startedYear,
      startedYear +
        r.weighted([
          [0, 3],
          [1, 4],
          [2, 1],
        ] as const),
    ),
  );
  let level = r.weighted([
    ['commune', 59],
    ['province', 40],
    ['central', 1],
  ] as const);
  const out: DemoRecognition[] = [];
  let year = first;
  for (;;) {
    out.push({
      year,
      level,
      grade: r.chance(0.8) ? 'tot' : 'kha',
      decisionNumber: decisionNumber(r, level, year),
      decisionDate: decisionDate(r, year),
    });
    const again = out.length === 1 ? 0.38 : 0.3;
    const next = year + r.int(1, 3);
    if (out.length >= 3 || next > LAST_YEAR || !r.chance(again)) break;
    year = next;
    if (level !== 'central' && r.chance(0.45)) level = LEVELS[LEVELS.indexOf(level) + 1];
  }
  return out;
}

export interface PlaceNames {
  /** "tỉnh Hà Tĩnh" as of a year: the former province before 2025, the current one after. */
  provinceFull(year: number): string;
  danVanTinh(year: number): string;
  commune: string;
}

export function makeCommendation(
  r: Rng,
  ctx: Ctx,
  names: PlaceNames,
  recognitions: DemoRecognition[],
  individual: boolean,
  former: boolean,
): DemoCommendation {
  const pool = former ? recognitions.filter((x) => x.year < 2025) : recognitions;
  const year = r.pick(pool.length > 0 ? pool : recognitions).year;
  const who = individual ? 'cá nhân' : 'tập thể';
  const form = r.weighted([
    ['giay_khen', 40],
    ['bang_khen', 33],
    ['bieu_duong_tinh', 21],
    ['bieu_duong_tw', 6],
  ] as const);
  switch (form) {
    case 'giay_khen':
      return {
        form: 'giay_khen',
        level: 'commune',
        issuingBody: `Chủ tịch UBND ${ctx.commune}`,
        decisionNumber: `${r.int(20, 400)}/QĐ-UBND`,
        decisionDate: decisionDate(r, year),
        note: `Khen thưởng ${who} có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo” năm ${year}.`,
      };
    case 'bang_khen':
      return {
        form: 'bang_khen',
        level: 'province',
        issuingBody: `Chủ tịch UBND ${names.provinceFull(year)}`,
        decisionNumber: `${r.int(1500, 4200)}/QĐ-UBND`,
        decisionDate: decisionDate(r, year),
        note: `Tặng Bằng khen cho ${who} có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo”${year === 2025 ? ' giai đoạn 2021–2025' : ` năm ${year}`}.`,
      };
    case 'bieu_duong_tinh':
      return {
        form: 'bieu_duong',
        level: 'province',
        issuingBody: names.danVanTinh(year),
        decisionDate: decisionDate(r, year),
        note:
          year === 2025 || year === 2020
            ? `Biểu dương tại Hội nghị tổng kết phong trào thi đua “Dân vận khéo” giai đoạn ${year - 4}–${year}.`
            : `Biểu dương tại Hội nghị tổng kết công tác dân vận năm ${year}.`,
      };
    default:
      return {
        form: 'bieu_duong',
        level: 'central',
        issuingBody: year >= 2025 ? 'Ban Tuyên giáo và Dân vận Trung ương' : 'Ban Dân vận Trung ương',
        decisionDate: decisionDate(r, year),
        note: `Biểu dương tại Hội nghị toàn quốc biểu dương mô hình, điển hình “Dân vận khéo” năm ${year}.`,
      };
  }
}

const SECURITY_EXCLUDED = new Set(['dan-quan-giup-dan', 'nang-buoc-em-toi-truong']);

export function movementCodes(
  r: Rng,
  spec: Pick<DemoModelSpec, 'provinceCode' | 'formerProvinceCode' | 'fieldCode' | 'startedYear' | 'recognitions'>,
  scenarioId: string,
  tags: Tag[],
): string[] {
  const years = [spec.startedYear, ...spec.recognitions.map((x) => x.year)];
  const within = (from: number, to: number) => years.some((y) => y >= from && y <= to);
  const out: string[] = [];
  if (tags.includes('ntm') && spec.startedYear <= 2025) out.push('chung-suc-nong-thon-moi');
  if (tags.includes('ngheo') && spec.startedYear <= 2025 && within(2021, 2025)) out.push('vi-nguoi-ngheo');
  if (spec.fieldCode === 'quoc-phong-an-ninh' && !SECURITY_EXCLUDED.has(scenarioId))
    out.push('toan-dan-bao-ve-an-ninh-to-quoc');
  if (spec.provinceCode === '19' && !spec.formerProvinceCode && within(2022, 2026) && r.chance(0.75))
    out.push('thai-nguyen-phoi-hop-2022-2026');
  if (spec.provinceCode === '42' && within(2021, 2025) && spec.startedYear <= 2025 && r.chance(0.85))
    out.push('ha-tinh-dan-van-kheo-2021-2025');
  // No draw from the generator: the other stories stay as they were.
  if (spec.provinceCode === '44' && within(2021, 2026) && spec.startedYear <= 2026)
    out.push('quang-tri-dan-van-kheo-2021-2026');
  if (within(2019, 2019) && (tags.includes('chinhquyen') || spec.fieldCode === 'xay-dung-dang' || r.chance(0.3)))
    out.push('nam-dan-van-chinh-quyen-2019');
  return out;
}

export function returnComment(r: Rng, spec: DemoModelSpec): string {
  const ind = spec.indicators[0];
  const options = [
    `Đề nghị bổ sung số liệu cụ thể về ${ind.name.charAt(0).toLowerCase() + ind.name.slice(1)} (có xác nhận của UBND cấp xã) và ảnh chụp hiện trạng trước, sau khi thực hiện.`,
    `Hồ sơ còn nêu chung chung; đề nghị ghi rõ số hộ, số người tham gia, kinh phí Nhân dân đóng góp và kèm biên bản họp dân thống nhất chủ trương.`,
    `Phần kết quả chưa có minh chứng; đề nghị bổ sung biên bản nghiệm thu hoặc biên bản xác nhận của thôn, tổ dân phố, danh sách hộ tham gia và ý kiến của Ủy ban MTTQ cấp xã.`,
    `Đề nghị làm rõ vai trò của lực lượng chủ trì và phối hợp, nêu cụ thể cách làm “khéo” trong vận động Nhân dân; bổ sung ít nhất 3 ảnh hoạt động.`,
    `Mục nguồn lực chưa tách phần ngân sách nhà nước hỗ trợ và phần xã hội hóa; đề nghị bổ sung và thống nhất số liệu giữa phần tóm tắt với phần kết quả.`,
  ];
  if (spec.type === 'individual') {
    options.push(
      `Đề nghị bổ sung phiếu đồng ý công khai thông tin cá nhân của người được đề nghị và nhận xét của chi bộ nơi cư trú; số liệu kết quả cần có xác nhận của UBND cấp xã.`,
    );
  }
  return r.pick(options);
}

const OFFICIAL = /Công an|UBND|Đồn Biên phòng|Trung tâm|Bộ phận|Công chức|Chuyên viên|Ban Chỉ huy|Trường/;

export function rejectReason(r: Rng, spec: DemoModelSpec): string {
  const options = [
    `Số liệu kết quả không khớp giữa báo cáo và biên bản xác nhận của thôn, tổ dân phố; hồ sơ đã được trả lại nhưng đơn vị không bổ sung đúng hạn.`,
  ];
  if (spec.startedYear >= 2025)
    options.push(
      `Mô hình mới triển khai được vài tháng, chưa có kết quả kiểm chứng; đề nghị tiếp tục thực hiện và đăng ký xét công nhận vào năm sau.`,
    );
  if (OFFICIAL.test(`${spec.holderName} ${spec.holderRole} ${spec.leadBodies}`)) {
    options.push(
      `Nội dung chủ yếu là nhiệm vụ chuyên môn thường xuyên của cơ quan, chưa thể hiện cách vận động Nhân dân cùng tham gia; chưa đủ tiêu chí công nhận mô hình “Dân vận khéo”.`,
    );
  }
  if (spec.type === 'collective') {
    options.push(
      `Mô hình trùng nội dung với mô hình đã được công nhận của cùng đơn vị năm ${Math.max(2019, spec.startedYear - r.int(1, 3))}; đề nghị đăng ký công nhận lại thay vì đăng ký mô hình mới.`,
    );
  } else {
    options.push(
      `Kết quả nêu trong hồ sơ chủ yếu là thành tích chung của tập thể, chưa làm rõ vai trò của cá nhân; đề nghị đăng ký dưới hình thức mô hình tập thể.`,
    );
  }
  return r.pick(options);
}
