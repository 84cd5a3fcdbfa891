// The columns of the import template: one list decides the template's headers, its guide sheet, how
// an uploaded file's headers are recognised (folded, in any order) and the error report's columns.
import { foldVietnamese } from '../text/fold.js';

export type ColumnKey =
  | 'externalRef'
  | 'title'
  | 'type'
  | 'field'
  | 'commune'
  | 'startedYear'
  | 'recognisedYear'
  | 'level'
  | 'grade'
  | 'decisionNumber'
  | 'decisionDate'
  | 'holderName'
  | 'holderRole'
  | 'consent'
  | 'summary'
  | 'situation'
  | 'goals'
  | 'beneficiaries'
  | 'activities'
  | 'leadBodies'
  | 'partnerBodies'
  | 'results'
  | 'sustainability'
  | 'money'
  | 'workDays'
  | 'resourcesNonState'
  | 'indicators'
  | 'movements'
  | 'replicates';

export interface Column {
  key: ColumnKey;
  header: string;
  /** Other headers people write for it (folded before comparing). */
  aliases?: readonly string[];
  required?: boolean;
  help: string;
  example: string;
  /** Which drop-down list of the hidden sheet the cell offers. */
  list?: 'types' | 'fields' | 'levels' | 'grades' | 'communes' | 'consent';
  width?: number;
}

export const COLUMNS: readonly Column[] = [
  {
    key: 'externalRef',
    header: 'Mã tham chiếu',
    aliases: ['ma', 'ma mo hinh', 'external ref'],
    help: 'Mã riêng của tỉnh cho mô hình (không trùng trong tỉnh). Nhập lại tệp có cùng mã thì cập nhật mô hình đó thay vì tạo mới. Để trống: luôn tạo mới.',
    example: 'TN-2023-001',
    width: 16,
  },
  {
    key: 'title',
    header: 'Tên mô hình',
    required: true,
    help: 'Tên đầy đủ của mô hình, tối đa 300 ký tự.',
    example: 'Dân vận khéo trong hiến đất làm đường',
    width: 40,
  },
  {
    key: 'type',
    header: 'Loại',
    aliases: ['loai mo hinh'],
    required: true,
    list: 'types',
    help: 'Tập thể hoặc Cá nhân (chọn trong danh sách).',
    example: 'Tập thể',
  },
  {
    key: 'field',
    header: 'Lĩnh vực',
    required: true,
    list: 'fields',
    help: 'Một trong bốn lĩnh vực (chọn trong danh sách).',
    example: 'Kinh tế',
    width: 24,
  },
  {
    key: 'commune',
    header: 'Xã, phường',
    aliases: ['xa', 'phuong', 'xa phuong dac khu', 'ma xa'],
    required: true,
    list: 'communes',
    help: 'Mã hoặc tên xã, phường hiện nay (chọn trong danh sách). Tên hoặc mã xã cũ (trước sắp xếp) cũng được nhận và chuyển sang xã mới.',
    example: '05797 – Phường Phan Đình Phùng',
    width: 30,
  },
  {
    key: 'startedYear',
    header: 'Năm bắt đầu',
    aliases: ['nam bat dau thuc hien'],
    required: true,
    help: 'Năm bắt đầu thực hiện, từ 1945 đến năm nay.',
    example: '2021',
  },
  {
    key: 'recognisedYear',
    header: 'Năm công nhận',
    help: 'Năm được công nhận; bắt buộc khi nhập dưới dạng đã công nhận. Không trước năm bắt đầu.',
    example: '2023',
  },
  {
    key: 'level',
    header: 'Cấp công nhận',
    list: 'levels',
    help: 'Cấp xã, Cấp tỉnh hoặc Cấp Trung ương; bắt buộc khi nhập dưới dạng đã công nhận.',
    example: 'Cấp tỉnh',
  },
  {
    key: 'grade',
    header: 'Xếp loại',
    list: 'grades',
    help: 'Tốt hoặc Khá; bắt buộc khi nhập dưới dạng đã công nhận.',
    example: 'Tốt',
  },
  { key: 'decisionNumber', header: 'Số quyết định', help: 'Số quyết định công nhận.', example: '125/QĐ-UBND' },
  {
    key: 'decisionDate',
    header: 'Ngày quyết định',
    help: 'Ngày/tháng/năm của quyết định công nhận.',
    example: '15/06/2023',
  },
  {
    key: 'holderName',
    header: 'Tên tập thể hoặc cá nhân',
    aliases: ['chu the', 'ten chu the'],
    help: 'Tập thể thực hiện, hoặc họ tên cá nhân.',
    example: 'Chi hội Nông dân tổ dân phố 5',
    width: 30,
  },
  {
    key: 'holderRole',
    header: 'Chức danh, vai trò',
    help: 'Chức danh của cá nhân hoặc vai trò của tập thể.',
    example: 'Chi hội trưởng',
  },
  {
    key: 'consent',
    header: 'Đồng ý công bố tên',
    aliases: ['dong y cong bo'],
    list: 'consent',
    help: 'Chỉ với cá nhân: Có nếu cá nhân đã đồng ý công bố họ tên và ảnh; Không thì trang công khai chỉ nêu chức danh.',
    example: 'Không',
  },
  {
    key: 'summary',
    header: 'Tóm tắt',
    help: 'Tóm tắt mô hình, tối đa 1.000 ký tự.',
    example: 'Vận động 120 hộ hiến đất mở đường liên thôn.',
    width: 40,
  },
  {
    key: 'situation',
    header: 'Thực trạng, lý do xây dựng',
    help: 'Thực trạng trước khi có mô hình.',
    example: 'Đường hẹp, đi lại khó khăn.',
  },
  {
    key: 'goals',
    header: 'Mục tiêu',
    aliases: ['muc tieu tieu chi danh gia'],
    help: 'Mục tiêu, tiêu chí đánh giá.',
    example: 'Mở rộng 3 km đường.',
  },
  {
    key: 'beneficiaries',
    header: 'Địa bàn, đối tượng',
    help: 'Địa bàn và đối tượng hưởng lợi.',
    example: 'Nhân dân 3 thôn.',
  },
  {
    key: 'activities',
    header: 'Nội dung, cách thức thực hiện',
    help: 'Nội dung và cách làm.',
    example: 'Họp dân, vận động từng hộ.',
  },
  { key: 'leadBodies', header: 'Lực lượng chủ trì', help: 'Cơ quan, tổ chức chủ trì.', example: 'Chi bộ thôn' },
  {
    key: 'partnerBodies',
    header: 'Lực lượng phối hợp',
    help: 'Các lực lượng phối hợp, tham gia.',
    example: 'Đoàn thanh niên',
  },
  {
    key: 'results',
    header: 'Kết quả',
    aliases: ['ket qua kiem chung duoc'],
    help: 'Kết quả kiểm chứng được.',
    example: 'Mở rộng 3,5 km đường.',
  },
  {
    key: 'sustainability',
    header: 'Khả năng duy trì, nhân rộng',
    help: 'Khả năng duy trì và nhân rộng.',
    example: 'Đã nhân rộng ra 2 xã.',
  },
  {
    key: 'money',
    header: 'Kinh phí (triệu đồng)',
    aliases: ['kinh phi'],
    help: 'Số theo cách viết Việt Nam: dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập phân.',
    example: '1.250,5',
  },
  { key: 'workDays', header: 'Ngày công', help: 'Số nguyên, ví dụ 2.600.', example: '2.600' },
  {
    key: 'resourcesNonState',
    header: 'Xã hội hóa',
    aliases: ['xa hoi hoa dong gop cua nhan dan'],
    help: 'Đóng góp của nhân dân, doanh nghiệp.',
    example: 'Nhân dân góp 800 ngày công.',
  },
  {
    key: 'indicators',
    header: 'Chỉ số kết quả',
    aliases: ['chi so'],
    help: 'Mỗi chỉ số viết "tên=giá trị đơn vị", cách nhau bằng dấu chấm phẩy.',
    example: 'Số hộ hiến đất=120 hộ; Đường làm mới=3,5 km',
    width: 30,
  },
  {
    key: 'movements',
    header: 'Phong trào thi đua',
    aliases: ['ma phong trao', 'phong trao'],
    help: 'Mã các phong trào thi đua, cách nhau bằng dấu chấm phẩy.',
    example: 'dan-van-kheo',
  },
  {
    key: 'replicates',
    header: 'Nhân rộng từ mô hình',
    aliases: ['mo hinh goc'],
    help: 'Mô hình gốc mà mô hình này nhân rộng: mã tham chiếu (một dòng phía trên hoặc đã nhập) hoặc đường dẫn rút gọn (slug) của mô hình trên trang công khai.',
    example: 'TN-2020-014',
  },
];

export const ERROR_HEADER = 'Lỗi';

const headerKey = (s: string) =>
  foldVietnamese(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const BY_HEADER = new Map<string, ColumnKey>();
for (const c of COLUMNS) for (const h of [c.header, ...(c.aliases ?? [])]) BY_HEADER.set(headerKey(h), c.key);

export const columnLabel = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)!.header;

/** Which column each position of the header row holds; the headers nobody knows; the required ones missing. */
export function matchHeaders(headers: readonly string[]): {
  positions: Map<number, ColumnKey>;
  unknown: string[];
  missing: string[];
} {
  const positions = new Map<number, ColumnKey>();
  const unknown: string[] = [];
  const seen = new Set<ColumnKey>();
  headers.forEach((h, i) => {
    const text = h.trim();
    if (!text) return;
    const key = BY_HEADER.get(headerKey(text));
    if (!key || seen.has(key)) unknown.push(text);
    else {
      positions.set(i, key);
      seen.add(key);
    }
  });
  const missing = COLUMNS.filter((c) => c.required && !seen.has(c.key)).map((c) => c.header);
  return { positions, unknown, missing };
}
