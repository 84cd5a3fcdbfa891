/** Demo emulation movements (marked is_demo); the main movement is reference data. */
export const DEMO_MOVEMENTS = [
  {
    code: 'nam-dan-van-chinh-quyen-2019', name: 'Năm dân vận chính quyền 2019', level: 'central',
    issuingBody: 'Ban Dân vận Trung ương', startYear: 2019, endYear: 2019, provinceCode: null,
    description: 'Năm chủ đề đẩy mạnh công tác dân vận của cơ quan nhà nước, chính quyền các cấp.',
  },
  {
    code: 'chung-suc-nong-thon-moi', name: 'Phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới”', level: 'central',
    issuingBody: 'Thủ tướng Chính phủ', startYear: 2011, endYear: 2025, provinceCode: null,
    description: 'Huy động nhân dân cùng Nhà nước làm đường, kênh mương, nhà văn hóa, phát triển sản xuất.',
  },
  {
    code: 'vi-nguoi-ngheo', name: 'Phong trào thi đua “Vì người nghèo – Không để ai bị bỏ lại phía sau”', level: 'central',
    issuingBody: 'Thủ tướng Chính phủ', startYear: 2021, endYear: 2025, provinceCode: null,
    description: 'Giảm nghèo bền vững, hỗ trợ nhà ở, sinh kế cho hộ nghèo, hộ cận nghèo.',
  },
  {
    code: 'toan-dan-bao-ve-an-ninh-to-quoc', name: 'Phong trào Toàn dân bảo vệ an ninh Tổ quốc', level: 'central',
    issuingBody: 'Bộ Công an', startYear: 2016, endYear: null, provinceCode: null,
    description: 'Xây dựng khu dân cư an toàn về an ninh trật tự, tự quản đường biên, mốc giới.',
  },
  {
    code: 'thai-nguyen-phoi-hop-2022-2026', name: 'Chương trình phối hợp công tác dân vận tỉnh Thái Nguyên giai đoạn 2022–2026', level: 'province',
    issuingBody: 'Ban Cán sự đảng UBND tỉnh và Ban Dân vận Tỉnh ủy Thái Nguyên', startYear: 2022, endYear: 2026, provinceCode: '19',
    description: 'Phối hợp giữa chính quyền và Ban Dân vận trong xây dựng mô hình “Dân vận khéo”.',
  },
  {
    code: 'ha-tinh-dan-van-kheo-2021-2025', name: 'Phong trào thi đua “Dân vận khéo” tỉnh Hà Tĩnh giai đoạn 2021–2025', level: 'province',
    issuingBody: 'Ban Dân vận Tỉnh ủy Hà Tĩnh', startYear: 2021, endYear: 2025, provinceCode: '42',
    description: 'Gắn phong trào với xây dựng nông thôn mới kiểu mẫu và khu dân cư mẫu.',
  },
] as const;
