import { formatNumber } from '../text/numbers.js';
import type { StatRow } from './queries.js';

/**
 * The 34 provinces (since 1 July 2025) as a tile grid, [column, row] from the north-west, each
 * placed roughly where it lies, with a short label: no geographic data is needed.
 */
const PROVINCE_TILES: Record<string, { at: [number, number]; short: string }> = {
  '12': { at: [1, 0], short: 'LCh' },
  '15': { at: [2, 0], short: 'LCa' },
  '08': { at: [3, 0], short: 'TQ' },
  '04': { at: [4, 0], short: 'CB' },
  '11': { at: [0, 1], short: 'ĐB' },
  '14': { at: [1, 1], short: 'SL' },
  '25': { at: [2, 1], short: 'PT' },
  '19': { at: [3, 1], short: 'TNg' },
  '20': { at: [4, 1], short: 'LS' },
  '01': { at: [2, 2], short: 'HN' },
  '24': { at: [3, 2], short: 'BN' },
  '22': { at: [4, 2], short: 'QNi' },
  '37': { at: [2, 3], short: 'NB' },
  '33': { at: [3, 3], short: 'HY' },
  '31': { at: [4, 3], short: 'HP' },
  '38': { at: [2, 4], short: 'TH' },
  '40': { at: [2, 5], short: 'NA' },
  '42': { at: [3, 6], short: 'HT' },
  '44': { at: [3, 7], short: 'QT' },
  '46': { at: [4, 8], short: 'Huế' },
  '48': { at: [5, 9], short: 'ĐNa' },
  '51': { at: [5, 10], short: 'QNg' },
  '52': { at: [5, 11], short: 'GL' },
  '66': { at: [5, 12], short: 'ĐL' },
  '68': { at: [4, 13], short: 'LĐ' },
  '56': { at: [5, 13], short: 'KH' },
  '80': { at: [2, 14], short: 'TNi' },
  '79': { at: [3, 14], short: 'HCM' },
  '75': { at: [4, 14], short: 'ĐNai' },
  '91': { at: [0, 15], short: 'AG' },
  '82': { at: [1, 15], short: 'ĐT' },
  '86': { at: [2, 15], short: 'VL' },
  '92': { at: [1, 16], short: 'CT' },
  '96': { at: [0, 17], short: 'CM' },
};

const TILE = 52;
const GAP = 4;
/** Shading classes: 0 has its own; the rest split 1..max into equal ranges. */
const CLASSES = 4;

export interface MapClass {
  index: number;
  min: number;
  max: number;
  label: string;
}
interface MapTile {
  code: string;
  name: string;
  short: string;
  count: number;
  countText: string;
  x: number;
  y: number;
  shade: number;
  href: string;
  label: string;
}
export interface TileMap {
  width: number;
  height: number;
  tile: number;
  tiles: MapTile[];
  classes: MapClass[];
}

/** Ranges of counts for the shades: "0", then up to four equal steps up to the largest count. */
export function mapClasses(max: number): MapClass[] {
  const out: MapClass[] = [{ index: 0, min: 0, max: 0, label: '0' }];
  if (max <= 0) return out;
  const step = Math.ceil(max / CLASSES);
  for (let i = 0, lo = 1; lo <= max; i++) {
    const hi = Math.min(max, step * (i + 1));
    out.push({
      index: i + 1,
      min: lo,
      max: hi,
      label: lo === hi ? formatNumber(lo) : `${formatNumber(lo)}–${formatNumber(hi)}`,
    });
    lo = hi + 1;
  }
  return out;
}

/** The tile map of the province counts, to be drawn as SVG by views/statistics/map.ejs. */
export function tileMap(
  rows: StatRow[],
  fullName: (code: string) => string,
  provinceHref: (code: string) => string,
): TileMap {
  const max = Math.max(0, ...rows.map((r) => r.count));
  const classes = mapClasses(max);
  const tiles = rows
    .filter((r) => PROVINCE_TILES[r.key])
    .map((r) => {
      const t = PROVINCE_TILES[r.key];
      const shade = classes.find((c) => r.count >= c.min && r.count <= c.max)?.index ?? 0;
      return {
        code: r.key,
        name: r.label,
        short: t.short,
        count: r.count,
        countText: formatNumber(r.count),
        x: t.at[0] * (TILE + GAP),
        y: t.at[1] * (TILE + GAP),
        shade,
        href: provinceHref(r.key),
        label: `${fullName(r.key)}: ${formatNumber(r.count)} mô hình`,
      };
    });
  const cols = Math.max(...Object.values(PROVINCE_TILES).map((t) => t.at[0])) + 1;
  const rowsN = Math.max(...Object.values(PROVINCE_TILES).map((t) => t.at[1])) + 1;
  return { width: cols * (TILE + GAP) - GAP, height: rowsN * (TILE + GAP) - GAP, tile: TILE, tiles, classes };
}
