/** Realistic Vietnamese personal names, with the ethnic naming patterns of each region. */
import type { Rng } from './rng.js';

export type Gender = 'm' | 'f';
type NameStyle = 'kinh' | 'tay' | 'dao' | 'hmong' | 'muong' | 'bru' | 'jrai' | 'bahnar' | 'kho' | 'mnong' | 'sandiu';

export interface Person {
  /** Full name: "Nguyễn Thị Lan". */
  name: string;
  gender: Gender;
  /** How the press refers to the person the second time: "Lan" in "bà Lan". */
  short: string;
  /** "ông" / "bà", or "anh" / "chị" for young people. */
  pronoun: string;
}

const FAMILY: readonly (readonly [string, number])[] = [
  ['Nguyễn', 30],
  ['Trần', 10],
  ['Lê', 9],
  ['Phạm', 7],
  ['Hoàng', 4],
  ['Phan', 4],
  ['Vũ', 4],
  ['Đặng', 3],
  ['Bùi', 3],
  ['Đỗ', 3],
  ['Hồ', 2],
  ['Ngô', 2],
  ['Dương', 2],
  ['Đinh', 2],
  ['Võ', 2],
  ['Lý', 1],
  ['Đào', 1],
  ['Lương', 1],
  ['Mai', 1],
  ['Trịnh', 1],
  ['Đoàn', 1],
  ['Cao', 1],
  ['Hà', 1],
  ['Tạ', 1],
  ['Lưu', 1],
  ['Chu', 1],
  ['Kiều', 1],
  ['Tô', 1],
  ['Khổng', 0.5],
  ['Nghiêm', 0.5],
  ['Quách', 0.5],
  ['Thái', 0.5],
  ['Triệu', 0.5],
  ['Văn', 0.5],
];
/** Family names that are more frequent in a region than nationally. */
const REGIONAL_FAMILY: Record<string, string[]> = {
  north_mountain: ['Hoàng', 'Ma', 'Nông', 'Dương', 'Lưu', 'Hà', 'Mạc'],
  ha_tinh: ['Võ', 'Phan', 'Thái', 'Hồ', 'Đặng', 'Trần'],
  central: ['Võ', 'Hồ', 'Phan', 'Trương', 'Hoàng', 'Đoàn'],
  delta: ['Vũ', 'Bùi', 'Phạm', 'Đỗ', 'Đào', 'Nguyễn'],
  south: ['Huỳnh', 'Trương', 'Võ', 'Phạm', 'Lâm', 'Nguyễn'],
};

const MALE_MIDDLE = [
  'Văn',
  'Văn',
  'Văn',
  'Hữu',
  'Đức',
  'Công',
  'Minh',
  'Quang',
  'Xuân',
  'Đình',
  'Ngọc',
  'Thanh',
  'Trọng',
  'Bá',
  'Tiến',
  'Mạnh',
  'Duy',
  'Quốc',
  'Thế',
  'Khắc',
  'Viết',
  'Huy',
];
const MALE_GIVEN = [
  'Hùng',
  'Dũng',
  'Tuấn',
  'Hải',
  'Long',
  'Thắng',
  'Sơn',
  'Bình',
  'Cường',
  'Hòa',
  'Toàn',
  'Thành',
  'Phúc',
  'Lợi',
  'Quý',
  'Chiến',
  'Hưng',
  'Tùng',
  'Khánh',
  'Lâm',
  'Nam',
  'Trung',
  'Hiếu',
  'Định',
  'Tâm',
  'Nghĩa',
  'Thịnh',
  'Vinh',
  'Kiên',
  'Đông',
  'Lực',
  'Hoan',
  'Thuận',
  'Bảo',
  'Đạt',
  'Huy',
  'Quân',
  'Tài',
  'Tân',
  'Thiện',
  'Việt',
  'Hậu',
  'Luân',
  'Ngọc',
  'Phong',
  'Quyết',
  'Sáng',
  'Thái',
  'Thanh',
  'Thọ',
  'Tuyên',
  'Vượng',
  'Lộc',
  'Giang',
  'Hoàn',
  'Khoa',
  'Mạnh',
  'Tiến',
];
const FEMALE_MIDDLE = [
  'Thị',
  'Thị',
  'Thị',
  'Thị',
  'Thị',
  'Thu',
  'Thanh',
  'Ngọc',
  'Minh',
  'Hồng',
  'Kim',
  'Thúy',
  'Phương',
  'Bích',
  'Hải',
  'Diệu',
];
const FEMALE_GIVEN = [
  'Lan',
  'Hoa',
  'Hương',
  'Hạnh',
  'Huệ',
  'Hằng',
  'Hà',
  'Liên',
  'Mai',
  'Nga',
  'Nhung',
  'Oanh',
  'Phượng',
  'Thảo',
  'Thủy',
  'Thu',
  'Thúy',
  'Tuyết',
  'Xuân',
  'Yến',
  'Loan',
  'Lý',
  'Hiền',
  'Dung',
  'Duyên',
  'Giang',
  'Hòa',
  'Hồng',
  'Lụa',
  'Nhàn',
  'Quyên',
  'Sen',
  'Tâm',
  'Trang',
  'Vân',
  'Chinh',
  'Lương',
  'Ngân',
  'Hậu',
  'Minh',
  'Tình',
  'Gấm',
  'Lựu',
  'Thoa',
  'Vui',
];

const HMONG = {
  family: ['Giàng', 'Vàng', 'Sùng', 'Lù', 'Ly', 'Thào', 'Hầu', 'Mua', 'Vừ'],
  maleMiddle: ['Seo', 'Mí', 'A', 'Chẩu', 'Văn'],
  male: ['Pháo', 'Lử', 'Chá', 'Sính', 'Dình', 'Chư', 'Pó', 'Sử', 'Tủa', 'Phử', 'Chứ', 'Páo', 'Dúng'],
  female: ['Dế', 'Pà', 'Cở', 'Mỷ', 'Sua', 'Dợ', 'Chúa', 'Mai', 'Chi', 'Say', 'Mỉ', 'Dung'],
};
const JRAI = {
  family: ['Rơ Mah', 'Ksor', 'Siu', 'Puih', 'Rơ Châm', 'Kpă', 'Nay', 'Rơ Lan', 'Rah Lan'],
  male: [
    'Bư',
    'Ngôn',
    'Hlin',
    'Tăk',
    'Bôl',
    'Thoan',
    'Blang',
    'Yơn',
    'Nhơn',
    'Hiêng',
    'Dơk',
    'Jú',
    'Phơ',
    'Khơi',
    'Đoàn',
  ],
  female: ["H'Nhi", "H'Luyn", "H'Yim", "H'Ngai", "H'Bé", "H'Lan", "H'Dung", "H'Bơ"],
};
const BAHNAR = {
  male: ['Glung', 'Hmin', 'Blơk', 'Đoan', 'Hyưk', 'Thut', 'Nhan', 'Pyin', 'Krung', 'Bluin'],
  female: ['Hlương', 'Bloi', 'Hnhơk', 'Yơn', 'Hlao', 'Ngơn', 'Djơng', 'Blêh'],
};
const KHO = {
  male: ["K'Brêu", "K'Điệp", "K'Sơn", "K'Huy", "K'Lang", "K'Bình", "K'Tiếu", 'Ya Tiêng', 'Ya Huy', "K'Dũng"],
  female: ['Ka Sương', 'Ka Điểm', 'Ka Hòa', 'Ka Nhi', 'Ka Thu', 'Ka Hiền', 'Ka Bốp', 'Ka Liên'],
};
const MNONG = {
  male: ['Điểu Khiêm', 'Điểu Sơn', 'Điểu Lộc', 'Điểu Brui', 'Y Kreng', 'Y Thông', 'Điểu Đăng'],
  female: ['Thị Hòa', 'Thị Nhin', "H'Luông", "H'Rin", 'Thị Mai', "H'Bin"],
};
const BRU_GIVEN_M = ['Lai', 'Nhâm', 'Bôn', 'Xon', 'Thanh', 'Kăn', 'Phiếu', 'Điệp', 'Cường', 'Hoan', 'Sinh', 'Trình'];
const BRU_GIVEN_F = ['Chăn', 'Bông', 'Xê', 'Thúy', 'Mai', 'Liên', 'Khăm', 'Vi', 'Hiền'];

function kinhLike(rng: Rng, gender: Gender, family: string, youngish: boolean): Person {
  const middle = gender === 'm' ? rng.pick(MALE_MIDDLE) : rng.pick(FEMALE_MIDDLE);
  let given = gender === 'm' ? rng.pick(MALE_GIVEN) : rng.pick(FEMALE_GIVEN);
  while (given === middle) given = gender === 'm' ? rng.pick(MALE_GIVEN) : rng.pick(FEMALE_GIVEN);
  return person(`${family} ${middle} ${given}`, gender, given, youngish);
}

function person(name: string, gender: Gender, short: string, youngish: boolean): Person {
  const pronoun = youngish ? (gender === 'm' ? 'anh' : 'chị') : gender === 'm' ? 'ông' : 'bà';
  return { name, gender, short, pronoun };
}

export interface NameOptions {
  /** Which regional family names to favour. */
  family: keyof typeof REGIONAL_FAMILY;
  /** Ethnic naming styles of the region, with the share of people named that way in rural communes. */
  ethnic?: { style: NameStyle; share: number }[];
}

export function makePerson(
  rng: Rng,
  opts: NameOptions,
  gender: Gender,
  { young = false, rural = true, ethnic = false } = {},
): Person {
  if (ethnic && opts.ethnic) {
    return ethnicPerson(rng, rng.weighted(opts.ethnic.map((e) => [e.style, e.share] as const)), gender, young);
  }
  if (rural && opts.ethnic) {
    for (const e of opts.ethnic) {
      if (rng.chance(e.share)) return ethnicPerson(rng, e.style, gender, young);
    }
  }
  const family = rng.chance(0.3) ? rng.pick(REGIONAL_FAMILY[opts.family]) : rng.weighted(FAMILY);
  return kinhLike(rng, gender, family, young);
}

function ethnicPerson(rng: Rng, style: NameStyle, gender: Gender, young: boolean): Person {
  switch (style) {
    case 'tay':
      return kinhLike(
        rng,
        gender,
        rng.pick(['Hoàng', 'Nông', 'Ma', 'Lường', 'Hà', 'Lục', 'Lộc', 'Vi', 'La', 'Mông', 'Dương', 'Lương']),
        young,
      );
    case 'dao':
      return kinhLike(rng, gender, rng.pick(['Triệu', 'Bàn', 'Đặng', 'Lý', 'Phùng', 'Chảo']), young);
    case 'muong':
      return kinhLike(rng, gender, rng.pick(['Bùi', 'Đinh', 'Quách', 'Xa', 'Hà', 'Bạch']), young);
    case 'sandiu':
      return kinhLike(rng, gender, rng.pick(['Lý', 'Tằng', 'Dìu', 'Lỷ', 'Voòng', 'Chíu']), young);
    case 'bru': {
      const given = gender === 'm' ? rng.pick(BRU_GIVEN_M) : rng.pick(BRU_GIVEN_F);
      const family = rng.pick(['Hồ', 'Hồ', 'Hồ', 'Đinh', 'Cao']);
      return person(`${family} ${gender === 'm' ? 'Văn' : 'Thị'} ${given}`, gender, given, young);
    }
    case 'hmong': {
      const fam = rng.pick(HMONG.family);
      if (gender === 'm') {
        const given = rng.pick(HMONG.male);
        return person(`${fam} ${rng.pick(HMONG.maleMiddle)} ${given}`, gender, given, young);
      }
      const given = rng.pick(HMONG.female);
      return person(`${fam} Thị ${given}`, gender, given, young);
    }
    case 'jrai': {
      const fam = rng.pick(JRAI.family);
      const given = gender === 'm' ? rng.pick(JRAI.male) : rng.pick(JRAI.female);
      return person(`${fam} ${given}`, gender, given, young);
    }
    case 'bahnar': {
      const given = gender === 'm' ? rng.pick(BAHNAR.male) : rng.pick(BAHNAR.female);
      return person(`Đinh ${gender === 'm' ? 'Văn' : 'Thị'} ${given}`, gender, given, young);
    }
    case 'kho': {
      const full = gender === 'm' ? rng.pick(KHO.male) : rng.pick(KHO.female);
      return person(full, gender, full, young);
    }
    case 'mnong': {
      const full = gender === 'm' ? rng.pick(MNONG.male) : rng.pick(MNONG.female);
      return person(full, gender, full, young);
    }
    default:
      return kinhLike(rng, gender, rng.weighted(FAMILY), young);
  }
}
