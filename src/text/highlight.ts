import { foldedWords, foldVietnamese } from './fold.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * Escaped HTML of `text` with every word that starts with a query word wrapped in <mark>,
 * matched on folded text so "dan van" marks "Dân vận". Each character is folded on its own
 * with the one folding function, which keeps positions aligned with the original.
 */
export function highlight(text: string, query: string | undefined): string {
  const words = query ? foldedWords(query) : [];
  if (words.length === 0) return escapeHtml(text);
  const chars = [...text.normalize('NFC')];
  const folded = chars.map((c) => (foldVietnamese(c) || c).charAt(0) || c);
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  const marked = new Array<boolean>(chars.length).fill(false);
  for (let i = 0; i < chars.length; i++) {
    if (!isWordChar(folded[i]) || isWordChar(folded[i - 1])) continue;
    let end = i;
    while (end < chars.length && isWordChar(folded[end])) end++;
    const word = folded.slice(i, end).join('');
    if (words.some((w) => word.startsWith(w))) marked.fill(true, i, end);
    i = end - 1;
  }
  let html = '';
  let open = false;
  chars.forEach((c, i) => {
    if (marked[i] && !open) {
      html += '<mark>';
      open = true;
    }
    if (!marked[i] && open) {
      html += '</mark>';
      open = false;
    }
    html += escapeHtml(c);
  });
  return open ? html + '</mark>' : html;
}
