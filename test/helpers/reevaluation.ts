// What the re-evaluation tests share: the form as a browser sends it, and what the page shows.
import type request from 'supertest';

export type Agent = ReturnType<typeof request.agent>;
export const unescape = (s: string) =>
  s
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
export const flashOf = (html: string) => unescape(/<p class="flash" role="status">([^<]*)<\/p>/.exec(html)?.[1] ?? '');
/** The version each row of the page was shown at. */
export const versionsOn = (html: string) =>
  new Map([...html.matchAll(/name="v-(\d+)" value="(\d+)"/g)].map((m) => [Number(m[1]), m[2]]));

/** A form body the way a browser sends it, a ticked box once per model. */
export function formBody(
  fields: Record<string, string>,
  ticked: number[] = [],
  versions: Map<number, string> = new Map(),
) {
  const body = new URLSearchParams(fields);
  for (const id of ticked) {
    body.append('chon', String(id));
    body.append(`v-${id}`, versions.get(id) ?? '1');
  }
  return body.toString();
}
