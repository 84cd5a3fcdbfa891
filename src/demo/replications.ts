import type { DemoModelSpec } from './types.js';

/** One demo replication link, by index in the specs. */
interface DemoLink {
  source: number;
  replica: number;
  note: string;
}

const NOTES = [
  'Giữ cách bàn bạc công khai với người dân; rút gọn các bước cho phù hợp quy mô thôn nhỏ.',
  'Áp dụng cách làm của mô hình gốc, giao chi hội phụ nữ và đoàn thanh niên cùng theo dõi, đôn đốc.',
  'Điều chỉnh lịch sinh hoạt theo mùa vụ; bổ sung quỹ do các hộ tự nguyện đóng góp.',
  'Học tập cách tổ chức của mô hình gốc qua nơi đã nhân rộng trước, thêm bước báo cáo kết quả trên loa truyền thanh.',
  'Đăng ký học tập mô hình gốc; đang thử nghiệm ở một tổ dân phố.',
];

const yearOf = (s: DemoModelSpec) => s.recognitions[0]?.year ?? s.startedYear;

/**
 * Replication chains across provinces: an approved model of Hưng Yên (33) replicated in three other
 * provinces, one of those replicated again, and an entry under review naming the same original (not
 * public until approved). A replica is never recognised before its original.
 */
export function demoReplications(specs: readonly DemoModelSpec[]): DemoLink[] {
  const approved = specs.map((s, i) => ({ s, i })).filter((x) => x.s.status === 'approved');
  const sources = approved
    .filter((x) => x.s.provinceCode === '33')
    .sort((a, b) => yearOf(a.s) - yearOf(b.s) || a.i - b.i);
  for (const source of sources) {
    const later = (y: number, used: Set<number>, notIn: Set<string>) =>
      approved.find(
        (x) =>
          !used.has(x.i) && !notIn.has(x.s.provinceCode) && yearOf(x.s) >= y && x.s.fieldCode === source.s.fieldCode,
      );
    const used = new Set([source.i]);
    const provinces = new Set(['33']);
    const replicas: number[] = [];
    for (let n = 0; n < 3; n++) {
      const r = later(yearOf(source.s), used, provinces);
      if (!r) break;
      replicas.push(r.i);
      used.add(r.i);
      provinces.add(r.s.provinceCode);
    }
    if (replicas.length < 3) continue;
    const first = specs[replicas[0]];
    const second = later(yearOf(first), used, new Set([first.provinceCode]));
    if (!second) continue;
    used.add(second.i);
    const pending = specs.findIndex((s, i) => s.status === 'submitted' && !used.has(i) && s.provinceCode !== '33');
    const links: DemoLink[] = [
      ...replicas.map((r, k) => ({ source: source.i, replica: r, note: NOTES[k] })),
      { source: replicas[0], replica: second.i, note: NOTES[3] },
    ];
    if (pending >= 0) links.push({ source: source.i, replica: pending, note: NOTES[4] });
    return links;
  }
  return [];
}
