import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.js';
import { insertInChunks } from '../db/bulk.js';
import {
  commendations,
  communes,
  formerCommunes,
  formerCommuneSuccessors,
  formerProvinces,
  modelIndicators,
  modelMovements,
  models,
  movementPhases,
  movements,
  provinces,
  recognitions,
  replications,
  statusHistory,
  users,
} from '../db/schema.js';
import { hashPassword } from '../accounts/passwords.js';
import { inTransaction } from '../db/transaction.js';
import { modelRow, modelSlug, reserveModelIds, type ModelRecord } from '../submissions/model-row.js';
import { MAIN_MOVEMENT } from '../reference/vocabulary.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.js';
import { DEMO_MOVEMENTS } from './movements.js';
import { buildDemoModels } from './stories/index.js';
import { demoReplications } from './replications.js';
import { loadDemoConsultation } from './consultation.js';
import type { DemoModelSpec, DemoPlaces, UnitRef } from './types.js';

async function loadPlaces(
  db: Executor,
): Promise<DemoPlaces & { communeNames: Map<string, string>; formerCommuneNames: Map<string, string> }> {
  const [cs, fcs, ps, fps] = await Promise.all([
    db.select().from(communes).orderBy(communes.code),
    db
      .selectDistinct({
        code: formerCommunes.code,
        name: formerCommunes.name,
        fullName: formerCommunes.fullName,
        formerProvinceCode: formerCommunes.formerProvinceCode,
      })
      .from(formerCommunes)
      .innerJoin(formerCommuneSuccessors, eq(formerCommuneSuccessors.formerCode, formerCommunes.code))
      .orderBy(formerCommunes.code),
    db.select().from(provinces),
    db.select().from(formerProvinces),
  ]);
  const group = <T extends UnitRef & { key: string }>(rows: T[]) => {
    const map = new Map<string, UnitRef[]>();
    for (const r of rows)
      map.set(r.key, [...(map.get(r.key) ?? []), { code: r.code, name: r.name, fullName: r.fullName }]);
    return map;
  };
  return {
    communesByProvince: group(cs.map((c) => ({ ...c, key: c.provinceCode }))),
    formerCommunesByFormerProvince: group(fcs.map((c) => ({ ...c, key: c.formerProvinceCode }))),
    provinceNames: new Map(ps.map((p) => [p.code, p.name])),
    formerProvinceNames: new Map(fps.map((p) => [p.code, p.name])),
    communeNames: new Map(cs.map((c) => [c.code, c.name])),
    formerCommuneNames: new Map(fcs.map((c) => [c.code, c.name])),
  };
}

/** The commune of a province with most demo models: the demo cadre's, so its dashboard has work. */
function busiestCommune(specs: DemoModelSpec[], provinceCode: string): string {
  const tally = new Map<string, number>();
  for (const s of specs)
    if (s.provinceCode === provinceCode && s.communeCode) tally.set(s.communeCode, (tally.get(s.communeCode) ?? 0) + 1);
  return [...tally.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
}

/** Loads the demo accounts, movements and models in one transaction. */
export async function loadDemoData(db: Db): Promise<{ models: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return inTransaction(db, async (tx) => {
    const places = await loadPlaces(tx);
    const specs = buildDemoModels(places);

    const accountRows = DEMO_ACCOUNTS.map((a) => ({
      username: a.username,
      displayName: a.displayName,
      role: a.role,
      provinceCode: a.provinceCode,
      communeCode: a.needsCommune && a.provinceCode ? busiestCommune(specs, a.provinceCode) : null,
      passwordHash,
      isDemo: true,
      passwordChangedAt: new Date(),
    }));
    const createdUsers = await tx.insert(users).values(accountRows).returning();
    const cadreByCommune = new Map(createdUsers.filter((u) => u.communeCode).map((u) => [u.communeCode!, u.id]));
    const reviewerByProvince = new Map(
      createdUsers.filter((u) => u.role !== 'commune_cadre' && u.provinceCode).map((u) => [u.provinceCode!, u.id]),
    );
    const centralAdmin = createdUsers.find((u) => u.role === 'central_admin')!.id;

    await tx.insert(movements).values(DEMO_MOVEMENTS.map(({ phases: _phases, ...m }) => ({ ...m, isDemo: true })));
    const movementIds = new Map(
      (await tx.select({ id: movements.id, code: movements.code }).from(movements)).map((m) => [m.code, m.id]),
    );
    const phaseRows = DEMO_MOVEMENTS.flatMap((m) =>
      m.phases.map((p, i) => ({ ...p, movementId: movementIds.get(m.code)!, position: i + 1 })),
    );
    if (phaseRows.length) await tx.insert(movementPhases).values(phaseRows);

    const ids = await reserveModelIds(tx, specs.length);
    const slugs = new Set<string>();
    const records = specs.map((s, i) => {
      const year = s.recognitions[0]?.year ?? s.startedYear;
      const created = new Date(Date.UTC(Math.max(s.startedYear, year - 1), 2 + (i % 9), 1 + (i % 27), 8));
      // Never after today: the home page lists the newest approvals, and a date to come would lead it.
      const approved =
        s.status === 'approved'
          ? new Date(Math.min(Date.UTC(year, 10 + (i % 2), 1 + (i % 28), 9), Date.now() - (i + 1) * 3_600_000))
          : null;
      const submitted =
        s.status === 'draft'
          ? null
          : new Date(
              Math.min(
                Date.now(),
                (approved ?? new Date(Date.UTC(2026, 8 + (i % 3), 2 + (i % 25)))).getTime() - 20 * 86_400_000,
              ),
            );
      // Demo slugs carry a number only when two titles would meet.
      const slug = modelSlug(s);
      const slugSuffix = slugs.has(slug) ? i + 1 : null;
      slugs.add(slugSuffix === null ? slug : modelSlug(s, slugSuffix));
      return {
        id: ids[i],
        slugSuffix,
        status: s.status,
        version: 1,
        isDemo: true,
        recognisedYear: s.recognitions[0]?.year ?? null,
        createdBy: (s.communeCode && cadreByCommune.get(s.communeCode)) || null,
        createdAt: created,
        updatedAt: approved ?? submitted ?? created,
        submittedAt: submitted,
        firstSubmittedAt: submitted,
        publishedAt: approved,
      } satisfies ModelRecord;
    });
    await insertInChunks(
      tx,
      models,
      specs.map((s, i) =>
        modelRow(
          s,
          {
            provinceCode: s.provinceCode,
            formerProvinceCode: s.formerProvinceCode,
            communeCode: s.communeCode,
            formerCommuneCode: s.formerCommuneCode,
            names: [
              s.communeCode
                ? places.communeNames.get(s.communeCode)
                : places.formerCommuneNames.get(s.formerCommuneCode!),
              places.provinceNames.get(s.provinceCode),
              s.formerProvinceCode ? places.formerProvinceNames.get(s.formerProvinceCode) : undefined,
            ].filter((n): n is string => Boolean(n)),
          },
          records[i],
        ),
      ),
    );

    const links: { modelId: number; movementId: number }[] = [];
    const indicatorRows: (typeof modelIndicators.$inferInsert)[] = [];
    const recognitionRows: (typeof recognitions.$inferInsert)[] = [];
    const commendationRows: (typeof commendations.$inferInsert)[] = [];
    const historyRows: (typeof statusHistory.$inferInsert)[] = [];
    specs.forEach((s, i) => {
      const row = records[i];
      const modelId = row.id;
      const reviewer = reviewerByProvince.get(s.provinceCode) ?? centralAdmin;
      for (const code of new Set([MAIN_MOVEMENT.code, ...s.movementCodes])) {
        const movementId = movementIds.get(code);
        if (movementId) links.push({ modelId, movementId });
      }
      s.indicators.forEach((ind, position) =>
        indicatorRows.push({
          modelId,
          kindCode: ind.kindCode ?? null,
          name: ind.name,
          value: String(ind.value),
          unit: ind.unit,
          position,
        }),
      );
      for (const r of s.recognitions) recognitionRows.push({ modelId, ...r, recognisedBy: reviewer });
      for (const c of s.commendations)
        commendationRows.push({ modelId, ...c, note: c.note ?? '', createdBy: reviewer });
      historyRows.push({
        modelId,
        actorId: row.createdBy,
        action: 'create',
        fromStatus: null,
        toStatus: 'draft',
        comment: '',
        version: 1,
        createdAt: row.createdAt,
      });
      if (row.submittedAt)
        historyRows.push({
          modelId,
          actorId: row.createdBy,
          action: 'submit',
          fromStatus: 'draft',
          toStatus: 'submitted',
          comment: '',
          version: 1,
          createdAt: row.submittedAt,
        });
      const decided = row.publishedAt ?? new Date(row.submittedAt ? row.submittedAt.getTime() + 7 * 86_400_000 : 0);
      if (s.status === 'approved')
        historyRows.push({
          modelId,
          actorId: reviewer,
          action: 'approve',
          fromStatus: 'submitted',
          toStatus: 'approved',
          comment: '',
          version: 1,
          createdAt: decided,
        });
      if (s.status === 'returned' || s.status === 'rejected') {
        historyRows.push({
          modelId,
          actorId: reviewer,
          action: s.status === 'returned' ? 'return' : 'reject',
          fromStatus: 'submitted',
          toStatus: s.status,
          comment: s.reviewComment ?? '',
          version: 1,
          createdAt: decided,
        });
      }
    });
    await insertInChunks(tx, modelMovements, links);
    await insertInChunks(tx, modelIndicators, indicatorRows);
    await insertInChunks(tx, recognitions, recognitionRows);
    await insertInChunks(tx, commendations, commendationRows);
    await insertInChunks(tx, statusHistory, historyRows);
    await insertInChunks(
      tx,
      replications,
      demoReplications(specs).map((l) => ({
        sourceModelId: ids[l.source],
        replicaModelId: ids[l.replica],
        note: l.note,
      })),
    );
    // The demo reviewer's province first, so the demo account finds it in its queue.
    await loadDemoConsultation(tx, [
      ...new Set(DEMO_ACCOUNTS.filter((a) => a.role === 'province_reviewer').map((a) => a.provinceCode!)),
    ]);
    return { models: specs.length };
  });
}
