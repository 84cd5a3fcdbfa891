/** Vietnamese number and text formatting used in the generated stories. */

/** 12500 → "12.500". */
export function fmt(n: number): string {
  const [int, frac] = String(Math.abs(n)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (n < 0 ? '-' : '') + grouped + (frac ? ',' + frac : '');
}

/** 2.4 → "2,4"; 3 → "3". */
export function dec(n: number, decimals = 1): string {
  const f = 10 ** decimals;
  return fmt(Math.round(n * f) / f);
}

/** An amount in million đồng: "85 triệu đồng", "1,25 tỷ đồng". */
export function money(million: number): string {
  if (million >= 1000) return `${dec(million / 1000, 2)} tỷ đồng`;
  return `${fmt(Math.round(million * 10) / 10)} triệu đồng`;
}

const WORDS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'];

/** Small numbers in words, as the press writes them: 3 → "ba". */
export function words(n: number): string {
  return n >= 0 && n <= 10 ? WORDS[n] : fmt(n);
}

export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

export function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Strips diacritics for e-mail addresses: "Nguyễn Thị Lan" → "nguyenthilan". */
export function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Rounds to a "nice" figure for money and areas. */
export function round(n: number, step: number): number {
  return Math.max(step, Math.round(n / step) * step);
}

/** Percent with comma decimals: 0.956 → "95,6%". */
export function pct(ratio: number): string {
  return `${dec(ratio * 100, 1)}%`;
}
