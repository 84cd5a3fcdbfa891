/** What differs between the provinces in the stories: hamlet names, crops, heritage, border, coast, names. */
import type { NameOptions } from './names.js';

interface HamletSet {
  /** "thôn", "xóm", "bản", "khu", "làng", "bon". */
  kind: string;
  weight: number;
  names: string[];
  /** Also use numbered hamlets ("thôn 3"). */
  numbered?: boolean;
}

export interface Crop {
  /** "chè" */
  name: string;
  /** What a growers' group is about: "sản xuất chè an toàn". */
  activity: string;
  /** What is sold: "chè búp khô". */
  product: string;
  /** Price of the product in thousand đồng per kg, to size revenue. */
  priceThousand: [number, number];
}

export interface Region {
  key: string;
  names: NameOptions;
  hamlets: HamletSet[];
  /** Hamlets for communes whose name suggests a highland commune, when different. */
  highlandHamlets?: { test: RegExp; sets: HamletSet[] };
  urbanKind: 'tổ dân phố' | 'khu phố';
  crops: Crop[];
  heritage: string[];
  ethnicGroups?: string;
  border?: { country: string; communes: string[] };
  coast?: string[];
  /** Year from which the province is a centrally-run city ("thành phố"). */
  cityFrom?: number;
}

export const C = {
  tea: {
    name: 'chè',
    activity: 'sản xuất chè an toàn theo tiêu chuẩn VietGAP',
    product: 'chè búp khô',
    priceThousand: [180, 350],
  },
  rice: {
    name: 'lúa',
    activity: 'sản xuất lúa chất lượng cao',
    product: 'gạo chất lượng cao',
    priceThousand: [18, 26],
  },
  veg: { name: 'rau', activity: 'sản xuất rau an toàn', product: 'rau an toàn', priceThousand: [12, 25] },
  pomelo: { name: 'bưởi', activity: 'trồng bưởi theo hướng hữu cơ', product: 'bưởi', priceThousand: [20, 40] },
  orange: { name: 'cam', activity: 'trồng cam theo tiêu chuẩn VietGAP', product: 'cam', priceThousand: [15, 30] },
  coffee: {
    name: 'cà phê',
    activity: 'trồng và chế biến cà phê bền vững',
    product: 'cà phê nhân',
    priceThousand: [90, 120],
  },
  pepper: { name: 'hồ tiêu', activity: 'trồng hồ tiêu hữu cơ', product: 'hạt tiêu', priceThousand: [120, 160] },
} satisfies Record<string, Crop>;

export const tay = [
  'Nà Làng',
  'Bản Chang',
  'Khuổi Bốc',
  'Nà Ngần',
  'Cốc Phát',
  'Khuổi Luông',
  'Nà Pài',
  'Phiêng Liềng',
  'Nà Viầu',
  'Bó Lù',
  'Cốc Tộc',
  'Nà Hin',
  'Pác Ngòi',
  'Nà Mèo',
];
