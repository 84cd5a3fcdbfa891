/** The four fields (lĩnh vực) of the glossary and the indicator kinds statistics total. */
export const FIELDS = [
  { code: 'kinh-te', name: 'Kinh tế', description: 'Phát triển kinh tế, giảm nghèo, xây dựng nông thôn mới, hạ tầng.' },
  {
    code: 'van-hoa-xa-hoi',
    name: 'Văn hóa – xã hội',
    description: 'Giáo dục, y tế, môi trường, an sinh xã hội, nếp sống văn minh.',
  },
  {
    code: 'quoc-phong-an-ninh',
    name: 'Quốc phòng – an ninh',
    description: 'Giữ gìn an ninh trật tự, bảo vệ biên giới, phòng chống tội phạm.',
  },
  {
    code: 'xay-dung-dang',
    name: 'Xây dựng Đảng, hệ thống chính trị',
    description: 'Xây dựng Đảng, chính quyền, Mặt trận và các đoàn thể; thực hiện dân chủ ở cơ sở.',
  },
] as const;
export type FieldCode = (typeof FIELDS)[number]['code'];

export const INDICATOR_KINDS = [
  { code: 'households', name: 'Số hộ tham gia, hưởng lợi', unit: 'hộ' },
  { code: 'people', name: 'Số người tham gia, hưởng lợi', unit: 'người' },
  { code: 'land_m2', name: 'Diện tích đất hiến', unit: 'm²' },
  { code: 'road_km', name: 'Đường giao thông làm mới, mở rộng', unit: 'km' },
  { code: 'money_million', name: 'Kinh phí huy động', unit: 'triệu đồng' },
  { code: 'work_days', name: 'Ngày công đóng góp', unit: 'ngày công' },
  { code: 'houses', name: 'Nhà được xây, sửa', unit: 'căn' },
  { code: 'cameras', name: 'Camera an ninh lắp đặt', unit: 'camera' },
] as const;
export type IndicatorKindCode = (typeof INDICATOR_KINDS)[number]['code'];

export const RECOGNITION_LEVELS = { commune: 'Cấp xã', province: 'Cấp tỉnh', central: 'Cấp Trung ương' } as const;
export const RECOGNITION_GRADES = { tot: 'Tốt', kha: 'Khá' } as const;
export const MODEL_TYPE_LABELS = { collective: 'Mô hình tập thể', individual: 'Điển hình cá nhân' } as const;
export const MODEL_STATUS_LABELS = {
  draft: 'Bản nháp',
  submitted: 'Chờ thẩm định',
  consultation: 'Đang lấy ý kiến nhân dân',
  returned: 'Trả lại để bổ sung',
  approved: 'Đã công nhận',
  rejected: 'Không công nhận',
  withdrawn: 'Đã thu hồi',
} as const;

/** A model status as people read it; an unknown value is shown as it is. */
export function statusLabel(status: string): string {
  return Object.hasOwn(MODEL_STATUS_LABELS, status)
    ? MODEL_STATUS_LABELS[status as keyof typeof MODEL_STATUS_LABELS]
    : status;
}

/** The main movement every model belongs to: reference data, not demo data. */
export const MAIN_MOVEMENT = {
  code: 'dan-van-kheo',
  name: 'Phong trào thi đua “Dân vận khéo”',
  level: 'central',
  issuingBody: 'Ban Dân vận Trung ương',
  startYear: 2009,
  description:
    'Phong trào thi đua xuyên suốt của công tác dân vận; mọi mô hình “Dân vận khéo” đều thuộc phong trào này.',
  goals:
    'Nâng cao chất lượng công tác dân vận của cả hệ thống chính trị; phát huy quyền làm chủ và sức mạnh của Nhân dân trong phát triển kinh tế – xã hội, bảo đảm quốc phòng, an ninh.',
  criteria:
    'Mô hình có cách làm sáng tạo, được Nhân dân đồng tình tham gia, có kết quả kiểm chứng được và khả năng nhân rộng.',
  participants: 'Các cơ quan, đơn vị, tổ chức, tập thể và cá nhân trong cả nước.',
} as const;

/** The main movement's phases: reference data with it. */
export const MAIN_MOVEMENT_PHASES = [
  { name: 'Giai đoạn 2009–2015', startYear: 2009, endYear: 2015 },
  { name: 'Giai đoạn 2016–2020', startYear: 2016, endYear: 2020 },
  { name: 'Giai đoạn 2021–2025', startYear: 2021, endYear: 2025 },
  { name: 'Giai đoạn 2026–2030', startYear: 2026, endYear: 2030 },
] as const;

/**
 * A model's recognitions as the one line staff and public pages show: "Công nhận: 2021 (tốt), 2022 (khá)".
 * The level is named only when one year holds several, so the common case stays short.
 */
export function recognitionLine(rows: readonly { year: number; level: string; grade: string }[]): string {
  if (!rows.length) return '';
  const perYear = new Map<number, number>();
  for (const r of rows) perYear.set(r.year, (perYear.get(r.year) ?? 0) + 1);
  const grade = (g: string) => (RECOGNITION_GRADES[g as keyof typeof RECOGNITION_GRADES] ?? g).toLowerCase();
  const level = (l: string) => (RECOGNITION_LEVELS[l as keyof typeof RECOGNITION_LEVELS] ?? l).toLowerCase();
  const parts = [...rows]
    .sort((a, b) => a.year - b.year)
    .map((r) => `${r.year} (${perYear.get(r.year)! > 1 ? `${level(r.level)}, ` : ''}${grade(r.grade)})`);
  return `Công nhận: ${parts.join(', ')}`;
}
