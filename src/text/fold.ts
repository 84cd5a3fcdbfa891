/**
 * The one Vietnamese folding function: used to build the stored search columns and to fold
 * every query, so indexing and searching can never disagree.
 */
export function foldVietnamese(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Folded words of a query: letters and digits only, for full-text matching and highlighting. */
export function foldedWords(input: string): string[] {
  return foldVietnamese(input)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

export function slugify(input: string): string {
  return foldedWords(input).join('-').slice(0, 80).replace(/-+$/, '');
}
