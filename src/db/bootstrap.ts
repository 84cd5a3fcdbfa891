import { count } from 'drizzle-orm';
import { FIELDS, INDICATOR_KINDS, MAIN_MOVEMENT } from '../catalogue/reference-data.js';
import type { Database } from './client.js';
import { runMigrations } from './migrate.js';
import { fields, indicatorKinds, movements, provinces } from './schema.js';

export interface BootstrapResult { referenceLoaded: boolean }

/** Migrations, then the reference data on an empty database, in one transaction. */
export async function bootstrapDatabase(database: Database): Promise<BootstrapResult> {
  await runMigrations(database);
  const [{ n }] = await database.db.select({ n: count() }).from(provinces);
  if (n > 0) return { referenceLoaded: false };
  // Only an empty database needs the CSV loader.
  const { seedAdministrativeUnits } = await import('../admin-units/seed.js');
  await database.db.transaction(async (tx) => {
    await seedAdministrativeUnits(tx);
    await tx.insert(fields).values(FIELDS.map((f, i) => ({ ...f, position: i + 1 })));
    await tx.insert(indicatorKinds).values(INDICATOR_KINDS.map((k, i) => ({ ...k, position: i + 1 })));
    await tx.insert(movements).values({ ...MAIN_MOVEMENT });
  });
  return { referenceLoaded: true };
}
