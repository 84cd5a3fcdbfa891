import { count } from 'drizzle-orm';
import { FIELDS, INDICATOR_KINDS, MAIN_MOVEMENT, MAIN_MOVEMENT_PHASES } from './reference/vocabulary.js';
import type { Database } from './db/client.js';
import { runMigrations, withStartupLock } from './db/migrate.js';
import { fields, indicatorKinds, movementPhases, movements, provinces } from './db/schema.js';
import { inTransaction } from './db/transaction.js';
import { refreshSearchDocuments } from './submissions/search-refresh.js';

export interface BootstrapResult {
  referenceLoaded: boolean;
  demoModels: number;
}

/**
 * Migrations, then on an empty database the reference data (one transaction) and, if asked,
 * the demo data; under one lock so that instances starting together do this once.
 */
export function bootstrapDatabase(database: Database, options: { seedDemo?: boolean } = {}): Promise<BootstrapResult> {
  return withStartupLock(database, async () => {
    const referenceLoaded = await prepare(database);
    let demoModels = 0;
    if (referenceLoaded && options.seedDemo) {
      // Loaded only when needed: the generator is not on a warm restart's path.
      const { loadDemoData } = await import('./demo/load.js');
      demoModels = (await loadDemoData(database.db)).models;
    }
    // Rows stored under an older rule of what is public are rebuilt once (a no-op afterwards).
    await refreshSearchDocuments(database.db);
    return { referenceLoaded, demoModels };
  });
}

async function prepare(database: Database): Promise<boolean> {
  await runMigrations(database);
  const [{ n }] = await database.db.select({ n: count() }).from(provinces);
  if (n > 0) return false;
  // Only an empty database needs the CSV loader.
  const { seedAdministrativeUnits } = await import('./admin-units/seed.js');
  await inTransaction(database.db, async (tx) => {
    await seedAdministrativeUnits(tx);
    await tx.insert(fields).values(FIELDS.map((f, i) => ({ ...f, position: i + 1 })));
    await tx.insert(indicatorKinds).values(INDICATOR_KINDS.map((k, i) => ({ ...k, position: i + 1 })));
    const [main] = await tx
      .insert(movements)
      .values({ ...MAIN_MOVEMENT })
      .returning({ id: movements.id });
    await tx
      .insert(movementPhases)
      .values(MAIN_MOVEMENT_PHASES.map((p, i) => ({ ...p, movementId: main.id, position: i + 1 })));
  });
  return true;
}
