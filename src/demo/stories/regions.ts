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

const C = {
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

const tay = [
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

const REGIONS: Record<string, Region> = {
  '19': {
    key: '19',
    names: {
      family: 'north_mountain',
      ethnic: [
        { style: 'tay', share: 0.25 },
        { style: 'dao', share: 0.06 },
      ],
    },
    hamlets: [
      {
        kind: 'xóm',
        weight: 3,
        names: [
          'Làng Mới',
          'Đồng Kệu',
          'Khe Vàng',
          'Na Mao',
          'Đồng Tâm',
          'Tân Lập',
          'Gốc Mít',
          'Khuôn Lặng',
          'Đồng Chẽ',
          'Làng Đông',
          'Trung Thành',
          'Cầu Đá',
          'Đồng Bầu',
          'Bãi Vàng',
          'Xuân Trường',
          'Mỏ Chè',
          'Phúc Tiến',
          'Đồng Kiệm',
          'La Đàn',
          'Soi Mít',
        ],
      },
      { kind: 'thôn', weight: 1, names: tay },
    ],
    urbanKind: 'tổ dân phố',
    crops: [
      C.tea,
      C.tea,
      C.rice,
      C.veg,
      { name: 'na', activity: 'trồng na theo hướng an toàn', product: 'na', priceThousand: [30, 60] },
    ],
    heritage: ['hát Then, đàn tính', 'hát Sli, Lượn', 'hát Soọng cô của đồng bào Sán Dìu'],
    ethnicGroups: 'Tày, Nùng, Dao',
  },
  f06: {
    key: 'f06',
    names: {
      family: 'north_mountain',
      ethnic: [
        { style: 'tay', share: 0.55 },
        { style: 'dao', share: 0.12 },
        { style: 'hmong', share: 0.04 },
      ],
    },
    hamlets: [
      { kind: 'thôn', weight: 3, names: tay },
      { kind: 'bản', weight: 1, names: ['Pác Nặm', 'Khuổi Vạc', 'Nà Cà', 'Bản Lạ', 'Lủng Phặc', 'Khuổi Khỉ'] },
    ],
    urbanKind: 'tổ dân phố',
    crops: [
      { name: 'dong riềng', activity: 'trồng dong riềng, làm miến', product: 'miến dong', priceThousand: [70, 110] },
      {
        name: 'cam, quýt',
        activity: 'trồng cam, quýt theo tiêu chuẩn VietGAP',
        product: 'cam, quýt',
        priceThousand: [18, 35],
      },
      { name: 'hồng không hạt', activity: 'trồng hồng không hạt', product: 'hồng không hạt', priceThousand: [35, 60] },
      C.tea,
    ],
    heritage: ['hát Then, đàn tính', 'múa chuông của đồng bào Dao'],
    ethnicGroups: 'Tày, Dao, Mông',
  },
  '08': {
    key: '08',
    names: {
      family: 'north_mountain',
      ethnic: [
        { style: 'tay', share: 0.25 },
        { style: 'hmong', share: 0.18 },
        { style: 'dao', share: 0.08 },
      ],
    },
    hamlets: [
      {
        kind: 'thôn',
        weight: 3,
        names: [
          'Mãn Sơn',
          'Cầu Đá',
          'Nà Khá',
          'Làng Mòi',
          'Đồng Trò',
          'Tân Thành',
          'Nặm Đăm',
          'Hạ Thành',
          'Nà Mạ',
          'Thác Cái',
          'Tân Bình',
          'Khuôn Khiềng',
          'Làng Ải',
        ],
      },
      { kind: 'bản', weight: 1, names: ['Bản Pài', 'Khuổi Phầy', 'Lũng Pù', 'Sủng Là', 'Phìn Hồ', 'Lao Xa'] },
    ],
    urbanKind: 'tổ dân phố',
    crops: [
      {
        name: 'chè Shan tuyết',
        activity: 'chăm sóc và chế biến chè Shan tuyết',
        product: 'chè Shan tuyết',
        priceThousand: [250, 500],
      },
      {
        name: 'cam sành',
        activity: 'trồng cam sành theo tiêu chuẩn VietGAP',
        product: 'cam sành',
        priceThousand: [15, 30],
      },
      C.tea,
    ],
    heritage: ['hát Then, đàn tính', 'múa khèn của đồng bào Mông', 'hát Páo dung của đồng bào Dao'],
    ethnicGroups: 'Tày, Mông, Dao',
    border: {
      country: 'Trung Quốc',
      communes: [
        'Lũng Cú',
        'Sà Phìn',
        'Phố Bảng',
        'Sơn Vĩ',
        'Bạch Đích',
        'Minh Tân',
        'Thanh Thủy',
        'Nghĩa Thuận',
        'Thàng Tín',
        'Xín Mần',
        'Lao Chải',
      ],
    },
  },
  '25': {
    key: '25',
    names: { family: 'delta', ethnic: [{ style: 'muong', share: 0.2 }] },
    hamlets: [
      {
        kind: 'khu',
        weight: 2,
        names: [
          'Đồng Xuân',
          'Mỹ Lộc',
          'Gò Găng',
          'Đồng Bể',
          'Bãi Bông',
          'Tân Phú',
          'Cầu Trắng',
          'Đồng Dài',
          'Hương Trầm',
        ],
        numbered: true,
      },
      { kind: 'xóm', weight: 1, names: ['Lũy', 'Trám', 'Mực', 'Bưng', 'Chiềng', 'Đồng Bến', 'Mường Cốc'] },
      { kind: 'thôn', weight: 1, names: ['Đông Lộc', 'Vĩnh Thịnh', 'Xuân Đài', 'Thượng Lâm'] },
    ],
    urbanKind: 'tổ dân phố',
    crops: [C.pomelo, C.tea, C.veg, C.orange],
    heritage: ['hát Xoan', 'hát Ghẹo', 'cồng chiêng Mường'],
    ethnicGroups: 'Mường, Dao',
  },
  '42': {
    key: '42',
    names: { family: 'ha_tinh' },
    hamlets: [
      {
        kind: 'thôn',
        weight: 1,
        names: [
          'Trung Hà',
          'Đông Trung',
          'Thượng Tứ',
          'Bình Minh',
          'Hồng Hà',
          'Tiến Thành',
          'Thanh Tân',
          'Trung Phú',
          'Đồng Tâm',
          'Tân Phượng',
          'Hòa Lạc',
          'Xuân Thủy',
          'Phú Thượng',
          'Bắc Sơn',
          'Yên Lạc',
          'Kim Sơn',
          'Trường Thịnh',
          'Hưng Lộc',
          'Mỹ Lạc',
          'Vĩnh Thuận',
          'Hà Thanh',
        ],
      },
    ],
    urbanKind: 'tổ dân phố',
    crops: [
      {
        name: 'bưởi Phúc Trạch',
        activity: 'trồng bưởi Phúc Trạch theo tiêu chuẩn VietGAP',
        product: 'bưởi Phúc Trạch',
        priceThousand: [25, 45],
      },
      {
        name: 'cam chanh',
        activity: 'trồng cam chanh theo tiêu chuẩn VietGAP',
        product: 'cam',
        priceThousand: [20, 35],
      },
      C.veg,
      C.rice,
    ],
    heritage: ['dân ca Ví, Giặm', 'ca trù', 'hát Sắc bùa'],
    border: {
      country: 'Lào',
      communes: ['Sơn Kim 1', 'Sơn Kim 2', 'Sơn Hồng', 'Hương Xuân', 'Phúc Trạch', 'Kỳ Thượng', 'Vũ Quang'],
    },
    coast: ['Đan Hải', 'Cổ Đạm', 'Thạch Khê', 'Thiên Cầm', 'Kỳ Xuân', 'Lộc Hà', 'Mai Phụ', 'Tiên Điền'],
  },
  '44': {
    key: '44',
    names: { family: 'central', ethnic: [{ style: 'bru', share: 0.12 }] },
    hamlets: [
      {
        kind: 'thôn',
        weight: 1,
        names: [
          'Tân Xuân',
          'An Đông',
          'Hà Thượng',
          'Bến Đá',
          'Đông Lai',
          'Phú Hội',
          'Thuận Hòa',
          'Kim Long',
          'Tân Sơn',
          'An Mỹ',
          'Cổ Thành',
          'Long Hưng',
          'Trung Chỉ',
          'Mai Xá',
        ],
      },
    ],
    highlandHamlets: {
      test: /^(Hướng|A Dơi|Lìa|La Lay|Tà Rụt|Đakrông|Lao Bảo|Tân Lập|Khe Sanh|Dân Hóa|Thượng Trạch|Trường Sơn|Kim Phú)/,
      sets: [
        {
          kind: 'bản',
          weight: 2,
          names: ['Ka Tăng', 'Xà Ri', 'A Xóc', 'Pa Hy', 'Cu Pua', 'Ra Ly', 'Tà Rùng', 'Cà Roòng', 'Ông Mu'],
        },
        { kind: 'thôn', weight: 1, names: ['Tân Hải', 'Húc Ván', 'Ka Reng'] },
      ],
    },
    urbanKind: 'tổ dân phố',
    crops: [
      C.pepper,
      { ...C.coffee, activity: 'trồng cà phê chè Khe Sanh theo hướng bền vững' },
      { ...C.rice, activity: 'sản xuất lúa hữu cơ', product: 'gạo hữu cơ', priceThousand: [25, 35] },
    ],
    heritage: ['hò mái đẩy', 'dân ca Bru - Vân Kiều', 'hát ru'],
    ethnicGroups: 'Bru - Vân Kiều, Pa Kô',
    border: {
      country: 'Lào',
      communes: [
        'Dân Hóa',
        'Thượng Trạch',
        'Trường Sơn',
        'Kim Ngân',
        'Lao Bảo',
        'Hướng Lập',
        'Hướng Phùng',
        'Tân Lập',
        'A Dơi',
        'Lìa',
        'La Lay',
        'Tà Rụt',
      ],
    },
    coast: ['Cửa Tùng', 'Cửa Việt', 'Nam Cửa Việt', 'Vĩnh Hoàng', 'Mỹ Thủy', 'Sen Ngư'],
  },
  f44: {
    key: 'f44',
    names: { family: 'central', ethnic: [{ style: 'bru', share: 0.08 }] },
    hamlets: [
      {
        kind: 'thôn',
        weight: 1,
        names: [
          'Tân Mỹ',
          'Quy Hậu',
          'Xuân Hồi',
          'Thanh Khê',
          'Cổ Hiền',
          'Tân Định',
          'Mỹ Cảnh',
          'Hà Kiên',
          'Đông Thành',
          'Phú Hòa',
          'Văn Phú',
          'Thượng Phong',
        ],
      },
    ],
    highlandHamlets: {
      test: /^(Dân Hóa|Trọng Hóa|Thượng Trạch|Trường Sơn|Kim Thủy|Lâm Thủy|Hóa Sơn|Thượng Hóa)/,
      sets: [
        {
          kind: 'bản',
          weight: 1,
          names: ['Cà Xen', 'Ón', 'Ra Mai', 'Pa Choong', 'Hôi Rấy', 'Kè', 'Cha Cáp', 'Bãi Dinh'],
        },
      ],
    },
    urbanKind: 'tổ dân phố',
    crops: [
      { ...C.rice, activity: 'sản xuất lúa hữu cơ', product: 'gạo hữu cơ', priceThousand: [25, 35] },
      {
        name: 'khoai lang',
        activity: 'trồng khoai lang và làm khoai deo',
        product: 'khoai deo',
        priceThousand: [80, 120],
      },
      C.veg,
    ],
    heritage: ['hò khoan Lệ Thủy', 'dân ca Bru - Vân Kiều', 'hát ru'],
    ethnicGroups: 'Bru - Vân Kiều, Chứt',
    border: {
      country: 'Lào',
      communes: ['Dân Hóa', 'Trọng Hóa', 'Thượng Trạch', 'Trường Sơn', 'Kim Thủy', 'Lâm Thủy'],
    },
    coast: [
      'Bảo Ninh',
      'Quang Phú',
      'Hải Ninh',
      'Ngư Thủy',
      'Ngư Thủy Bắc',
      'Cảnh Dương',
      'Quảng Đông',
      'Nhân Trạch',
      'Đức Trạch',
    ],
  },
  '33': {
    key: '33',
    names: { family: 'delta' },
    hamlets: [
      {
        kind: 'thôn',
        weight: 1,
        names: [
          'Phú Hữu',
          'Xuân Đào',
          'Bình Lương',
          'Đông Kết',
          'Lực Điền',
          'Nghĩa Trai',
          'Cộng Vũ',
          'Quảng Lạc',
          'Lạc Thủy',
          'Tân Hưng',
          'Thụy Lôi',
          'Đào Quạt',
          'Phù Oanh',
          'An Tảo',
          'Hạ Cát',
        ],
      },
    ],
    urbanKind: 'tổ dân phố',
    crops: [
      { name: 'nhãn', activity: 'trồng nhãn theo tiêu chuẩn VietGAP', product: 'nhãn lồng', priceThousand: [30, 60] },
      { ...C.veg, activity: 'sản xuất rau màu vụ đông', product: 'rau màu' },
      { name: 'chuối', activity: 'trồng chuối tiêu hồng', product: 'chuối', priceThousand: [8, 15] },
    ],
    heritage: ['hát trống quân', 'chèo', 'múa rối nước'],
    coast: ['Đồng Châu', 'Đông Thụy Anh', 'Đông Thái Ninh', 'Đông Tiền Hải', 'Nam Tiền Hải', 'Thái Thụy'],
  },
  f34: {
    key: 'f34',
    names: { family: 'delta' },
    hamlets: [
      {
        kind: 'thôn',
        weight: 1,
        names: [
          'Đông Thịnh',
          'Nam Hưng',
          'Thượng Phúc',
          'Hạ Đồng',
          'An Lạc',
          'Đồng Cừ',
          'Phú Lạc',
          'Trung Hòa',
          'Tân Minh',
          'Hướng Tân',
          'Lại Trì',
          'Cổ Dũng',
        ],
      },
    ],
    urbanKind: 'tổ dân phố',
    crops: [
      C.rice,
      { ...C.veg, activity: 'sản xuất rau màu vụ đông', product: 'rau màu' },
      { name: 'ớt', activity: 'trồng ớt xuất khẩu', product: 'ớt', priceThousand: [15, 30] },
    ],
    heritage: ['chèo', 'múa rối nước', 'hát văn'],
    coast: ['Thụy Xuân', 'Thụy Trường', 'Thái Thượng', 'Thái Đô', 'Đông Minh', 'Nam Thịnh', 'Nam Phú', 'Đông Long'],
  },
  '22': {
    key: '22',
    names: {
      family: 'delta',
      ethnic: [
        { style: 'tay', share: 0.1 },
        { style: 'dao', share: 0.08 },
        { style: 'sandiu', share: 0.05 },
      ],
    },
    hamlets: [
      {
        kind: 'thôn',
        weight: 2,
        names: [
          'Khe Lầy',
          'Nà Nhái',
          'Pạt Cạp',
          'Đồng Tâm',
          'Thống Nhất',
          'Tân Hợp',
          'Cái Tăn',
          'Khe Mó',
          'Bắc Văn',
          'Đồng Long',
          'Nà Sa',
          'Xóm Chùa',
        ],
      },
      { kind: 'khu', weight: 1, names: ['Bắc Sơn', 'Đông Hải', 'Vạn Hoa', 'Cái Rồng'], numbered: true },
    ],
    urbanKind: 'tổ dân phố',
    crops: [
      C.veg,
      {
        name: 'ba kích',
        activity: 'trồng ba kích tím dưới tán rừng',
        product: 'ba kích khô',
        priceThousand: [150, 250],
      },
      C.tea,
    ],
    heritage: ['hát Soọng cô của đồng bào Sán Dìu', 'hát Then, đàn tính', 'hát nhà tơ'],
    ethnicGroups: 'Tày, Dao, Sán Dìu',
    border: {
      country: 'Trung Quốc',
      communes: ['Hải Sơn', 'Quảng Đức', 'Hoành Mô', 'Lục Hồn', 'Bình Liêu', 'Đường Hoa'],
    },
    coast: ['Vân Đồn', 'Cô Tô', 'Hải Hòa', 'Đầm Hà', 'Quảng Tân'],
    cityFrom: 2026,
  },
  '68': {
    key: '68',
    names: {
      family: 'south',
      ethnic: [
        { style: 'kho', share: 0.12 },
        { style: 'mnong', share: 0.06 },
      ],
    },
    hamlets: [
      {
        kind: 'thôn',
        weight: 1,
        names: [
          'Đồng Lạc',
          'Tân Phú',
          'Lạc Sơn',
          'Hòa Bình',
          'Phú Thuận',
          'Ka Liêng',
          'Đa Blá',
          'Bảo Tuân',
          'Tân Lâm',
          'Liên Đầm',
          'Hiệp Thuận',
        ],
        numbered: true,
      },
    ],
    highlandHamlets: {
      test: /^(Đắk|Quảng|Tuy Đức|Nâm|Nam Dong|Thuận|Kiến Đức|Nhân Cơ|Trường Xuân|Cư Jút|Krông)/,
      sets: [
        { kind: 'bon', weight: 1, names: ['Bu Dăr', "R'Bút", 'Pi Nao', 'Ja Lú', 'Bu Sóp', "Bu N'Đơr", "Đăk R'Moan"] },
        { kind: 'thôn', weight: 1, names: ['Thuận Bình', 'Tân Lợi', 'Quảng Hà'], numbered: true },
      ],
    },
    urbanKind: 'khu phố',
    crops: [
      C.coffee,
      {
        name: 'sầu riêng',
        activity: 'trồng sầu riêng theo tiêu chuẩn VietGAP',
        product: 'sầu riêng',
        priceThousand: [50, 90],
      },
      {
        name: 'thanh long',
        activity: 'trồng thanh long theo tiêu chuẩn VietGAP',
        product: 'thanh long',
        priceThousand: [10, 25],
      },
      C.veg,
    ],
    heritage: ["cồng chiêng của đồng bào K'Ho", "cồng chiêng của đồng bào M'Nông", 'múa Chăm'],
    ethnicGroups: "K'Ho, M'Nông, Chu Ru",
    border: { country: 'Campuchia', communes: ['Quảng Trực', 'Tuy Đức', 'Thuận An', 'Thuận Hạnh', 'Đắk Wil'] },
    coast: ['Liên Hương', 'Phan Rí Cửa', 'Vĩnh Hảo', 'Phú Quý', 'Tân Hải', 'Hòa Thắng', 'Sơn Mỹ'],
  },
  '01': {
    key: '01',
    names: { family: 'delta' },
    hamlets: [
      {
        kind: 'thôn',
        weight: 1,
        names: [
          'Đông Lao',
          'Cổ Điển',
          'Phú Mỹ',
          'Yên Kiện',
          'Đa Phúc',
          'Vân Trì',
          'Thư Lâm',
          'Đoài',
          'Hạ Lôi',
          'Vĩnh Thanh',
          'Đồng Chiêm',
          'Phù Yên',
          'Kim Lũ',
        ],
      },
    ],
    urbanKind: 'tổ dân phố',
    crops: [
      C.veg,
      { ...C.pomelo, name: 'bưởi Diễn', product: 'bưởi Diễn' },
      { name: 'nấm', activity: 'trồng nấm sạch', product: 'nấm tươi', priceThousand: [30, 60] },
    ],
    heritage: ['ca trù', 'chèo', 'hát Dô'],
    cityFrom: 0,
  },
  '52': {
    key: '52',
    names: {
      family: 'central',
      ethnic: [
        { style: 'jrai', share: 0.18 },
        { style: 'bahnar', share: 0.08 },
      ],
    },
    hamlets: [
      {
        kind: 'thôn',
        weight: 1,
        names: [
          'Vĩnh Phước',
          'An Hòa',
          'Phú Gia',
          'Tân Thanh',
          'Thạnh Danh',
          'Chánh Thạnh',
          'Hòa Hội',
          'Mỹ Thành',
          'Vạn Thiện',
          'Phú Hữu',
        ],
      },
    ],
    highlandHamlets: {
      test: /^(Ia|Kon|Đak|Chư|Kbang|Krong|KDang|Kông|Ayun|Hra|Lơ Pang|Mang Yang|Ya|SRó|Đăk|Al Bá|Uar|Pờ Tó|Bờ Ngoong|Tơ Tung|Gào|Biển Hồ|Đức Cơ|Sơn Lang)/,
      sets: [
        {
          kind: 'làng',
          weight: 1,
          names: [
            'Plei Ơi',
            'Plei Ktu',
            'Kép',
            'Kon Sơ Lăl',
            'Đê Kjiêng',
            'Plei Bông',
            'Tơ Nùng',
            'Kon Hring',
            'Plei Pông',
            'Đê Ktu',
            'Ia Chiêu',
            'Bông Pim',
          ],
        },
      ],
    },
    urbanKind: 'khu phố',
    crops: [
      C.coffee,
      C.pepper,
      { name: 'dừa', activity: 'trồng dừa xen canh', product: 'dừa', priceThousand: [5, 10] },
    ],
    heritage: ['cồng chiêng Tây Nguyên', 'bài chòi', 'hát bội'],
    ethnicGroups: 'Jrai, Bahnar',
    border: { country: 'Campuchia', communes: ['Ia O', 'Ia Chia', 'Ia Dom', 'Ia Pnôn', 'Ia Nan', 'Ia Mơ', 'Ia Púch'] },
    coast: ['Nhơn Châu', 'Đề Gi', 'Cát Tiến', 'Phù Mỹ Đông', 'An Lương'],
  },
};

/** The region of a current province, or of a former province ("f44") when the model is registered under it. */
export function regionFor(provinceCode: string, formerProvinceCode?: string): Region {
  if (formerProvinceCode && REGIONS[`f${formerProvinceCode}`]) return REGIONS[`f${formerProvinceCode}`];
  return REGIONS[provinceCode] ?? REGIONS['33'];
}
