// What differs between the provinces in the stories; the data itself is in regions-north.ts and regions-south.ts.
import type { Region } from './region-kinds.js';
import { NORTH_REGIONS } from './regions-north.js';
import { SOUTH_REGIONS } from './regions-south.js';

export type { Crop, Region } from './region-kinds.js';

const REGIONS: Record<string, Region> = { ...NORTH_REGIONS, ...SOUTH_REGIONS };

/** The region of a current province, or of a former province ("f44") when the model is registered under it. */
export function regionFor(provinceCode: string, formerProvinceCode?: string): Region {
  if (formerProvinceCode && REGIONS[`f${formerProvinceCode}`]) return REGIONS[`f${formerProvinceCode}`];
  return REGIONS[provinceCode] ?? REGIONS['33'];
}
