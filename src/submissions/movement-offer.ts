// Which movements a registration may join: those running for the entry's province and year
// (src/movements/queries.ts offeredMovements); the server refuses any other, whatever was sent.
import type { Executor } from '../db/client.js';
import { MAIN_MOVEMENT } from '../reference/vocabulary.js';
import { offeredMovements } from '../movements/queries.js';

export interface MovementOffer {
  provinceCode: string | null;
  year: number;
  /** The entry's saved movements: still offered if they ended since, so an edit keeps them. */
  kept: readonly string[];
}

export const newEntryOffer = (provinceCode: string | null): MovementOffer => ({
  provinceCode,
  year: new Date().getFullYear(),
  kept: [],
});

/** An entry's offer: its province, the year it was recognised (or registered), its saved movements. */
export function entryOffer(m: {
  province_code: string;
  recognised_year?: unknown;
  created_at?: unknown;
  movementCodes: readonly string[];
}): MovementOffer {
  const created = m.created_at ? new Date(m.created_at as string).getFullYear() : new Date().getFullYear();
  const year = m.recognised_year ? Number(m.recognised_year) : created;
  return { provinceCode: m.province_code, year, kept: m.movementCodes };
}

export function movementChoices(db: Executor, offer: MovementOffer) {
  return offeredMovements(db, { provinceCode: offer.provinceCode, year: offer.year, chosen: offer.kept });
}

/** The error on the movement field when a chosen movement is not offered, or none. */
export async function movementErrors(
  db: Executor,
  offer: MovementOffer,
  codes: readonly string[],
): Promise<Record<string, string>> {
  const offered = new Set((await movementChoices(db, offer)).map((m) => m.code));
  const refused = codes.filter((c) => c !== MAIN_MOVEMENT.code && !offered.has(c));
  if (!refused.length) return {};
  return {
    movementCodes: `Không thể chọn phong trào “${refused.join('”, “')}”: phong trào không triển khai tại tỉnh, thành phố của mô hình trong năm ${offer.year}, hoặc chưa được công bố.`,
  };
}
