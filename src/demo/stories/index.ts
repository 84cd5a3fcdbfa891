/**
 * The demo-data content generator: a few hundred realistic "Dân vận khéo" models across ten provinces,
 * some registered under the former provinces merged on 1 July 2025. Deterministic for a given seed.
 */
import type { FieldCode } from '../../reference/vocabulary.js';
import type { ModelStatus, ModelType } from '../../db/schema.js';
import type { DemoModelSpec, DemoPlaces, UnitRef } from '../types.js';
import { makeCtx, unitKind, type Scenario } from './ctx.js';
import { makeCommendation, makeRecognitions, movementCodes, rejectReason, returnComment } from './recognition.js';
import { regionFor, type Region } from './regions.js';
import { Rng } from './rng.js';
import { hienDatMoDuong, SCENARIOS } from './scenarios.js';
import { ascii } from './text.js';

/** How many models each current province gets, and how many of them under a former province. */
const PLAN: { province: string; former?: string; count: number }[] = [
  { province: '19', count: 58 },
  { province: '19', former: '06', count: 6 },
  { province: '42', count: 46 },
  { province: '44', count: 27 },
  { province: '44', former: '44', count: 15 },
  { province: '33', count: 27 },
  { province: '33', former: '34', count: 15 },
  { province: '08', count: 23 },
  { province: '25', count: 23 },
  { province: '22', count: 21 },
  { province: '68', count: 23 },
  { province: '01', count: 23 },
  { province: '52', count: 23 },
];

const FIELDS: FieldCode[] = ['kinh-te', 'van-hoa-xa-hoi', 'quoc-phong-an-ninh', 'xay-dung-dang'];
const STARTED: readonly (readonly [number, number])[] = [
  [2016, 5],
  [2017, 6],
  [2018, 8],
  [2019, 9],
  [2020, 9],
  [2021, 10],
  [2022, 10],
  [2023, 10],
  [2024, 10],
  [2025, 9],
  [2026, 5],
];
const STARTED_PENDING: readonly (readonly [number, number])[] = [
  [2023, 5],
  [2024, 10],
  [2025, 45],
  [2026, 40],
];

interface Slot {
  province: string;
  former?: string;
  force?: boolean;
}

/** Units a scenario can be placed in, or none when it does not fit the place. */
function candidates(s: Scenario, region: Region, units: UnitRef[]): UnitRef[] {
  if (s.fits && !s.fits(region)) return [];
  let list = units;
  if (s.requires === 'border') list = list.filter((u) => region.border?.communes.includes(u.name));
  if (s.requires === 'coast') list = list.filter((u) => region.coast?.includes(u.name));
  if (s.where) {
    // Special zones (islands) are neither: they only host scenarios without a setting.
    const wanted = list.filter((u) =>
      s.where === 'urban' ? ['phuong', 'thi_tran'].includes(unitKind(u)) : unitKind(u) === 'xa',
    );
    if (wanted.length > 0 || s.where === 'rural') list = wanted;
  }
  return list;
}

export function buildDemoModels(places: DemoPlaces, seed = 20250701): DemoModelSpec[] {
  const rng = new Rng(seed);
  const titles = new Set<string>();
  const scenarioUse = new Map<string, number>();
  const unitUse = new Map<string, number>();
  const out: DemoModelSpec[] = [];

  const slots: Slot[] = [];
  for (const p of PLAN)
    for (let i = 0; i < p.count; i++)
      slots.push({ province: p.province, former: p.former, force: p.province === '19' && !p.former && i === 0 });

  for (const slot of slots) {
    const r = rng.fork(out.length);
    const units = slot.former
      ? (places.formerCommunesByFormerProvince.get(slot.former) ?? [])
      : (places.communesByProvince.get(slot.province) ?? []);
    if (units.length === 0) continue;
    const region = regionFor(slot.province, slot.former);
    const provinceName = slot.former
      ? (places.formerProvinceNames.get(slot.former) ?? '')
      : (places.provinceNames.get(slot.province) ?? '');

    const status: ModelStatus =
      slot.former || slot.force
        ? 'approved'
        : r.weighted([
            ['approved', 77.5],
            ['submitted', 7.5],
            ['returned', 6],
            ['draft', 4.5],
            ['rejected', 4.5],
          ] as const);
    const type: ModelType = slot.force ? 'collective' : r.chance(0.4) ? 'individual' : 'collective';
    const field: FieldCode = slot.force ? 'kinh-te' : r.pick(FIELDS);

    // The least-used scenario of that field and type that fits the province.
    const fitting = SCENARIOS.filter((s) => s.field === field && s.type === type)
      .map((s) => ({ s, units: candidates(s, region, units) }))
      .filter((x) => x.units.length > 0);
    const scored = fitting.map((x) => ({ ...x, score: (scenarioUse.get(x.s.id) ?? 0) + r.next() * 1.5 }));
    scored.sort((a, b) => a.score - b.score);
    const chosen = slot.force ? { s: hienDatMoDuong, units: candidates(hienDatMoDuong, region, units) } : scored[0];
    if (!chosen) continue;
    scenarioUse.set(chosen.s.id, (scenarioUse.get(chosen.s.id) ?? 0) + 1);

    const startedYear =
      status === 'approved'
        ? r.weighted(slot.former ? STARTED.filter(([y]) => y <= 2024) : STARTED)
        : r.weighted(STARTED_PENDING);
    const recognitions = status === 'approved' ? makeRecognitions(r, startedYear, slot.former ? 2024 : 2026) : [];
    const refYear = recognitions.length > 0 ? recognitions[recognitions.length - 1].year : 2026;

    // Build the story; retry in another place when the title is already taken.
    let story;
    let unit: UnitRef | undefined;
    let ctx;
    for (let attempt = 0; attempt < 40; attempt++) {
      const ra = r.fork(attempt);
      const picks = ra.sample(chosen.units, 3);
      unit = picks.sort((a, b) => (unitUse.get(a.code) ?? 0) - (unitUse.get(b.code) ?? 0))[0];
      ctx = makeCtx({
        rng: ra,
        region,
        type,
        province: provinceName,
        unit,
        startedYear,
        refYear,
        pending: status !== 'approved',
      });
      story = chosen.s.build(ctx);
      const wanted = !slot.force || story.title.startsWith('Dân vận khéo');
      if (wanted && !titles.has(story.title)) break;
      if (attempt === 39) story.title = `${story.title} (${ctx.commune})`;
    }
    if (!story || !unit || !ctx) continue;
    titles.add(story.title);
    unitUse.set(unit.code, (unitUse.get(unit.code) ?? 0) + 1);

    // Some people do not consent to publishing their name: their title names the role instead.
    const hideName = type === 'individual' && r.chance(0.3);
    const title = hideName ? titleWithoutName(story.title, story.holderName, story.holderRole) : story.title;
    const spec: DemoModelSpec = {
      type,
      title,
      fieldCode: field,
      provinceCode: slot.province,
      ...(slot.former ? { formerProvinceCode: slot.former, formerCommuneCode: unit.code } : { communeCode: unit.code }),
      startedYear,
      status,
      recognitions,
      movementCodes: [],
      summary: story.summary,
      situation: story.situation,
      goals: story.goals,
      beneficiaries: story.beneficiaries,
      activities: story.activities,
      leadBodies: story.leadBodies,
      partnerBodies: story.partnerBodies,
      ...(story.moneyMillion !== undefined
        ? { resourcesMoneyMillion: Math.round(story.moneyMillion * 100) / 100 }
        : {}),
      ...(story.workDays !== undefined ? { resourcesWorkDays: Math.round(story.workDays) } : {}),
      resourcesNonState: story.nonState,
      results: story.results,
      sustainability: story.sustainability,
      holderName: story.holderName,
      holderRole: story.holderRole,
      publishConsent: !hideName,
      contactName: story.contact.name,
      contactPhone: `0900 ${r.int(100, 999)} ${r.int(100, 999)}`,
      contactEmail: `${ascii(story.contact.name)}${r.int(1, 99)}@example.vn`,
      indicators: story.indicators.map((i) => ({ ...i, value: Math.round(i.value * 100) / 100 })),
      commendations: [],
    };
    spec.movementCodes = movementCodes(r, spec, chosen.s.id, story.tags ?? []);
    if (status === 'approved' && r.chance(0.2)) {
      const c = ctx;
      spec.commendations.push(
        makeCommendation(
          r,
          c,
          { provinceFull: c.provinceFull, danVanTinh: c.danVanTinh, commune: c.commune },
          recognitions,
          type === 'individual',
          Boolean(slot.former),
        ),
      );
    }
    if (status === 'returned') spec.reviewComment = returnComment(r, spec);
    if (status === 'rejected') spec.reviewComment = rejectReason(r, spec);
    out.push(spec);
  }

  // A stable, mixed order (not grouped by province).
  return rng.sample(out, out.length);
}

function titleWithoutName(title: string, name: string, role: string): string {
  const at = title.indexOf(name);
  if (at < 0) return title;
  const before = title.slice(0, at).replace(/(Ông|Bà|Anh|Chị|Cô|Chú|Già làng|Cụ)\s*$/u, '');
  const roleText = before.trim() === '' ? role.charAt(0).toLocaleUpperCase('vi') + role.slice(1) : role;
  return `${before}${roleText}${title.slice(at + name.length)}`;
}
