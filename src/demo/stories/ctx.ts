/** The context a scenario template writes a story from, and the shapes it returns. */
import type { FieldCode, IndicatorKindCode } from '../../reference/vocabulary.js';
import type { ModelType } from '../../db/schema.js';
import type { UnitRef } from '../types.js';
import { makePerson, type Gender, type Person } from './names.js';
import type { Crop, Region } from './regions.js';
import type { Rng } from './rng.js';
import { lowerFirst, upperFirst, words } from './text.js';

/** Topics that decide which demo movements a model joins. */
export type Tag = 'ntm' | 'ngheo' | 'chinhquyen';

interface Hamlet {
  kind: string;
  name: string;
  /** "thôn Làng Mới", for use mid-sentence. */
  full: string;
  /** "Thôn Làng Mới", at the start of a sentence. */
  Full: string;
}

interface Indicator {
  kindCode?: IndicatorKindCode;
  name: string;
  value: number;
  unit: string;
}

interface Story {
  title: string;
  summary: string;
  situation: string;
  goals: string;
  beneficiaries: string;
  activities: string;
  leadBodies: string;
  partnerBodies: string;
  moneyMillion?: number;
  workDays?: number;
  nonState: string;
  results: string;
  sustainability: string;
  holderName: string;
  holderRole: string;
  contact: Person;
  indicators: Indicator[];
  tags?: Tag[];
}

export interface Scenario {
  id: string;
  field: FieldCode;
  type: ModelType;
  /** Rural scenarios use communes (xã, đặc khu); urban ones prefer wards and townships. */
  where?: 'rural' | 'urban';
  requires?: 'border' | 'coast';
  /** Extra condition on the place (e.g. only where ethnic minorities live). */
  fits?: (region: Region) => boolean;
  build(ctx: Ctx): Story;
}

export interface Ctx {
  rng: Rng;
  region: Region;
  type: ModelType;
  /** Province name when the model was registered: "Quảng Bình" for the former province. */
  province: string;
  /** "tỉnh Hà Tĩnh", "thành phố Hà Nội" (as of a year). */
  provinceFull(year: number): string;
  unit: UnitRef;
  urban: boolean;
  /** "xã Hiền Quan", "phường Đồng Hới". */
  commune: string;
  /** "Xã Hiền Quan". */
  Commune: string;
  /** The unit word: "xã", "phường", "đặc khu", "thị trấn". */
  xa: string;
  /** The generic word for the commune's residential units: "thôn", "xóm", "tổ dân phố"… */
  thon: string;
  /** refYear - startedYear. */
  years: number;
  hamlet: Hamlet;
  /** n distinct hamlets of the commune, the first being ctx.hamlet. */
  hamlets(n: number): Hamlet[];
  /** A local person; ethnic: named after the region's ethnic minorities. */
  person(gender?: Gender, opts?: { young?: boolean; ethnic?: boolean }): Person;
  startedYear: number;
  /** The year the story is told from: the latest recognition, or 2026 for pending records. */
  refYear: number;
  /** "Sau ba năm triển khai", "Từ năm 2019 đến nay"… */
  since: string;
  crop: Crop;
  /** The border guard post of the commune, for border scenarios. */
  borderPost: string;
  /** Commune bodies. */
  org: {
    party: string;
    ubnd: string;
    mttq: string;
    women: string;
    farmers: string;
    veterans: string;
    youth: string;
    police: string;
    military: string;
  };
  /** The province's mass mobilisation commission in a year ("Ban Dân vận Tỉnh ủy …" or, from 2025, "Ban Tuyên giáo và Dân vận …"). */
  danVanTinh(year: number): string;
}

const URBAN_NAMES = [
  'Tân Tiến',
  'Quyết Thắng',
  'Hòa Bình',
  'Bắc Hà',
  'Nam Sơn',
  'Trung Chính',
  'Đồng Tâm',
  'Phú Lợi',
  'Tân Lập',
  'Thống Nhất',
  'Đoàn Kết',
  'Hưng Thịnh',
  'Minh Khai',
  'Trần Phú',
  'Độc Lập',
  'Xuân Hòa',
];

export function unitKind(unit: UnitRef): 'xa' | 'phuong' | 'thi_tran' | 'dac_khu' {
  if (unit.fullName.startsWith('Phường')) return 'phuong';
  if (unit.fullName.startsWith('Thị trấn')) return 'thi_tran';
  if (unit.fullName.startsWith('Đặc khu')) return 'dac_khu';
  return 'xa';
}

function hamlet(kind: string, name: string): Hamlet {
  const full = `${kind} ${name}`;
  return { kind, name, full, Full: upperFirst(full) };
}

export interface CtxInput {
  rng: Rng;
  region: Region;
  type: ModelType;
  province: string;
  unit: UnitRef;
  startedYear: number;
  refYear: number;
  pending: boolean;
}

export function makeCtx(i: CtxInput): Ctx {
  const { rng, region, unit } = i;
  const kind = unitKind(unit);
  const urban = kind === 'phuong' || kind === 'thi_tran';
  const commune = lowerFirst(unit.fullName);
  const Commune = unit.fullName;

  const drawHamlet = (): Hamlet => {
    if (urban) {
      const k =
        kind === 'thi_tran' && region.urbanKind === 'tổ dân phố' ? rng.pick(['tổ dân phố', 'khu']) : region.urbanKind;
      return rng.chance(0.45) ? hamlet(k, `số ${rng.int(1, 18)}`) : hamlet(k, rng.pick(URBAN_NAMES));
    }
    const sets = region.highlandHamlets?.test.test(unit.name) ? region.highlandHamlets.sets : region.hamlets;
    const set = rng.weighted(sets.map((s) => [s, s.weight] as const));
    if (set.numbered && rng.chance(0.35)) return hamlet(set.kind, String(rng.int(1, 14)));
    return hamlet(set.kind, rng.pick(set.names));
  };
  const first = drawHamlet();
  const highland = ['bản', 'làng', 'bon'].includes(first.kind);
  const hamlets = (n: number): Hamlet[] => {
    const out = [first];
    for (let tries = 0; out.length < n && tries < 50; tries++) {
      const h = drawHamlet();
      if (!out.some((o) => o.full === h.full)) out.push(h);
    }
    return out;
  };

  const years = i.refYear - i.startedYear;
  let since: string;
  if (years <= 0)
    since = i.pending
      ? rng.pick(['Sau hơn sáu tháng triển khai', 'Sau gần sáu tháng triển khai', 'Bước đầu'])
      : rng.pick(['Sau gần một năm triển khai', 'Sau một năm triển khai']);
  else if (years === 1)
    since = rng.pick(['Sau hơn một năm triển khai', 'Sau một năm thực hiện', `Từ năm ${i.startedYear} đến nay`]);
  else if (years <= 3)
    since = rng.pick([
      `Sau ${words(years)} năm triển khai`,
      `Sau ${words(years)} năm thực hiện`,
      `Từ năm ${i.startedYear} đến nay`,
    ]);
  else
    since = rng.pick([
      `Sau ${years} năm triển khai`,
      `Sau ${years} năm thực hiện`,
      `Từ năm ${i.startedYear} đến nay`,
      `Qua ${years} năm thực hiện`,
    ]);

  const isCity = (year: number) => region.cityFrom !== undefined && year >= region.cityFrom;
  return {
    rng,
    region,
    type: i.type,
    province: i.province,
    provinceFull: (year) => `${isCity(year) ? 'thành phố' : 'tỉnh'} ${i.province}`,
    unit,
    urban,
    commune,
    Commune,
    xa: { xa: 'xã', phuong: 'phường', thi_tran: 'thị trấn', dac_khu: 'đặc khu' }[kind],
    thon: urban ? (first.kind === 'khu' ? 'khu' : region.urbanKind) : first.kind,
    years: Math.max(0, years),
    hamlet: first,
    hamlets,
    person: (gender, opts) =>
      makePerson(rng, region.names, gender ?? (rng.chance(0.6) ? 'm' : 'f'), {
        young: opts?.young ?? false,
        rural: !urban,
        ethnic: opts?.ethnic ?? (highland && rng.chance(0.8)),
      }),
    startedYear: i.startedYear,
    refYear: i.refYear,
    since,
    crop: rng.pick(region.crops),
    borderPost: `Đồn Biên phòng ${unit.name}`,
    org: {
      party: `Đảng ủy ${commune}`,
      ubnd: `UBND ${commune}`,
      mttq: `Ủy ban MTTQ Việt Nam ${commune}`,
      women: `Hội Liên hiệp Phụ nữ ${commune}`,
      farmers: `Hội Nông dân ${commune}`,
      veterans: `Hội Cựu chiến binh ${commune}`,
      youth: `Đoàn Thanh niên ${commune}`,
      police: `Công an ${commune}`,
      military: `Ban Chỉ huy Quân sự ${commune}`,
    },
    danVanTinh: (year) =>
      `${year >= 2025 ? 'Ban Tuyên giáo và Dân vận' : 'Ban Dân vận'} ${isCity(year) ? 'Thành ủy' : 'Tỉnh ủy'} ${i.province}`,
  };
}
