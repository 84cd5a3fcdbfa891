/** Self-check of the demo generator: npx tsx src/demo/stories/check.ts */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INDICATOR_KINDS } from '../../reference/vocabulary.js';
import { DEMO_MOVEMENTS } from '../movements.js';
import type { DemoModelSpec, DemoPlaces, UnitRef } from '../types.js';
import { buildDemoModels } from './index.js';

const dir = join(process.cwd(), 'src/admin-units/data');
const rows = (file: string) =>
  readFileSync(join(dir, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));

const communes = rows('communes.csv'); // code,name,full_name,type,province_code
const former = rows('former_communes.csv'); // code,name,district,former_province_code,merged_into,full_name,...
const provinces = rows('provinces.csv');
const formerProvinces = rows('former_provinces.csv'); // code,name,full_name,merged_into_province_code

const group = (list: [string, UnitRef][]) => {
  const m = new Map<string, UnitRef[]>();
  for (const [k, u] of list) m.set(k, [...(m.get(k) ?? []), u]);
  return m;
};
const places: DemoPlaces = {
  communesByProvince: group(communes.map((c) => [c[4], { code: c[0], name: c[1], fullName: c[2] }])),
  formerCommunesByFormerProvince: group(
    former.filter((c) => c[9] !== '').map((c) => [c[3], { code: c[0], name: c[1], fullName: c[5] }]),
  ),
  provinceNames: new Map(provinces.map((p) => [p[0], p[1]])),
  formerProvinceNames: new Map(formerProvinces.map((p) => [p[0], p[1]])),
};
const communeProvince = new Map(communes.map((c) => [c[0], c[4]]));
const formerCommuneProvince = new Map(former.map((c) => [c[3] + ':' + c[0], c[3]]));
const formerMergedInto = new Map(formerProvinces.map((p) => [p[0], p[3]]));

const t0 = Date.now();
const specs = buildDemoModels(places);
const ms = Date.now() - t0;
const again = buildDemoModels(places);
const errors: string[] = [];
const err = (s: DemoModelSpec, msg: string) => errors.push(`${s.title}: ${msg}`);

const tally = (key: (s: DemoModelSpec) => string) => {
  const m = new Map<string, number>();
  for (const s of specs) m.set(key(s), (m.get(key(s)) ?? 0) + 1);
  return Object.fromEntries([...m.entries()].sort());
};

console.log(
  `models: ${specs.length} (built in ${ms} ms; deterministic: ${JSON.stringify(again) === JSON.stringify(specs)})`,
);
console.log(
  'by province (current/former):',
  tally((s) => s.provinceCode + (s.formerProvinceCode ? `/f${s.formerProvinceCode}` : '')),
);
console.log(
  'by field:',
  tally((s) => s.fieldCode),
);
console.log(
  'by type:',
  tally((s) => s.type),
);
console.log(
  'by status:',
  tally((s) => s.status),
);
console.log(
  'by started year:',
  tally((s) => String(s.startedYear)),
);
console.log(
  'by recognition count:',
  tally((s) => String(s.recognitions.length)),
);
console.log(
  'by first recognition level:',
  tally((s) => s.recognitions[0]?.level ?? '-'),
);
console.log(
  'movements:',
  tally((s) => s.movementCodes.join('+') || '-'),
);
console.log(
  'with commendation:',
  specs.filter((s) => s.commendations.length > 0).length,
  'of',
  specs.filter((s) => s.status === 'approved').length,
  'approved',
);
console.log(
  'individuals with publishConsent=false:',
  specs.filter((s) => s.type === 'individual' && !s.publishConsent).length,
  'of',
  specs.filter((s) => s.type === 'individual').length,
);

const titles = new Set<string>();
const units = new Map<string, string>(INDICATOR_KINDS.map((k) => [k.code, k.unit]));
const movementCodes = new Set<string>(DEMO_MOVEMENTS.map((m) => m.code));
const TEXT = [
  'title',
  'summary',
  'situation',
  'goals',
  'beneficiaries',
  'activities',
  'leadBodies',
  'partnerBodies',
  'resourcesNonState',
  'results',
  'sustainability',
  'holderName',
  'holderRole',
  'contactName',
  'contactPhone',
  'contactEmail',
] as const;
for (const s of specs) {
  if (titles.has(s.title)) err(s, 'duplicate title');
  titles.add(s.title);
  if (Boolean(s.communeCode) === Boolean(s.formerCommuneCode)) err(s, 'exactly one of communeCode / formerCommuneCode');
  if (s.communeCode && communeProvince.get(s.communeCode) !== s.provinceCode)
    err(s, `commune ${s.communeCode} not in ${s.provinceCode}`);
  if (s.formerCommuneCode) {
    if (!s.formerProvinceCode || !formerCommuneProvince.has(`${s.formerProvinceCode}:${s.formerCommuneCode}`))
      err(s, 'former commune not in former province');
    if (formerMergedInto.get(s.formerProvinceCode ?? '') !== s.provinceCode)
      err(s, 'former province does not merge into province');
    if (s.startedYear >= 2025 || (s.recognitions[0]?.year ?? 9999) >= 2025)
      err(s, 'former unit but not registered before 2025');
  }
  if (s.status === 'approved' && s.recognitions.length === 0) err(s, 'approved without recognition');
  if (s.status !== 'approved' && (s.recognitions.length > 0 || s.commendations.length > 0))
    err(s, 'pending with recognitions');
  if ((s.status === 'returned' || s.status === 'rejected') && !s.reviewComment) err(s, 'no review comment');
  let prev = s.startedYear;
  for (const r of s.recognitions) {
    if (r.year < prev || r.year > 2026) err(s, `recognition year ${r.year}`);
    if (r.decisionDate && !r.decisionDate.startsWith(String(r.year))) err(s, 'decision date year');
    prev = r.year;
  }
  for (const k of TEXT) {
    const v = s[k];
    if (!v || !String(v).trim()) err(s, `empty ${k}`);
  }
  const all = JSON.stringify(s);
  if (/undefined|NaN|\[object|null/.test(all)) err(s, 'undefined/NaN in text');
  if (/\s[,.;]|\s{2,}/.test(TEXT.map((k) => s[k]).join(' | '))) err(s, 'spacing before punctuation or double space');
  if (s.indicators.length < 1 || s.indicators.length > 4) err(s, 'indicator count');
  for (const i of s.indicators) {
    if (i.kindCode && units.get(i.kindCode) !== i.unit) err(s, `indicator unit ${i.kindCode} ${i.unit}`);
    if (!(i.value > 0)) err(s, `indicator value ${i.name}`);
  }
  for (const m of s.movementCodes) if (!movementCodes.has(m)) err(s, `unknown movement ${m}`);
  if (s.movementCodes.includes('thai-nguyen-phoi-hop-2022-2026') && s.provinceCode !== '19')
    err(s, 'TN movement outside 19');
  if (s.movementCodes.includes('ha-tinh-dan-van-kheo-2021-2025') && s.provinceCode !== '42')
    err(s, 'HT movement outside 42');
}
if (!specs.some((s) => s.status === 'approved' && s.title.includes('Dân vận khéo')))
  errors.push('no approved title with "Dân vận khéo"');
if (!specs.some((s) => s.status === 'approved' && s.provinceCode === '19' && s.fieldCode === 'kinh-te'))
  errors.push('no approved kinh-te model in 19');

console.log(
  errors.length === 0
    ? 'checks: all passed'
    : `checks: ${errors.length} problem(s)\n  ${errors.slice(0, 40).join('\n  ')}`,
);
const pickSample = (pred: (s: DemoModelSpec) => boolean) => specs.find(pred);
for (const s of [
  pickSample((s) => s.type === 'collective' && s.status === 'approved' && s.recognitions.length > 1),
  pickSample((s) => s.type === 'individual' && Boolean(s.formerProvinceCode)),
  pickSample((s) => s.status === 'returned'),
])
  if (!process.argv.includes('--show')) console.log(JSON.stringify(s, null, 2));
if (errors.length > 0) process.exitCode = 1;

// `--show N [offset]`: print N models as plain text for proofreading.
const show = process.argv.indexOf('--show');
if (show > 0) {
  const n = Number(process.argv[show + 1] ?? 10);
  const from = Number(process.argv[show + 2] ?? 0);
  for (const s of specs.slice(from, from + n)) {
    console.log(
      `\n=== [${s.provinceCode}${s.formerProvinceCode ? '/f' + s.formerProvinceCode : ''} ${s.fieldCode} ${s.type} ${s.status} ${s.startedYear}] ${s.title}`,
    );
    for (const k of TEXT.slice(1)) console.log(`${k}: ${s[k]}`);
    console.log(
      `money: ${s.resourcesMoneyMillion ?? '-'}; workDays: ${s.resourcesWorkDays ?? '-'}; consent: ${s.publishConsent}; review: ${s.reviewComment ?? '-'}`,
    );
    console.log(`indicators: ${s.indicators.map((i) => `${i.name} = ${i.value} ${i.unit}`).join(' | ')}`);
    console.log(
      `recognitions: ${s.recognitions.map((r) => `${r.year} ${r.level} ${r.grade} ${r.decisionNumber} ${r.decisionDate}`).join(' | ')}`,
    );
    console.log(
      `commendations: ${s.commendations.map((c) => `${c.form} ${c.issuingBody} ${c.note}`).join(' | ')}; movements: ${s.movementCodes.join(', ')}`,
    );
  }
}
