/** Whether the public may see the holder's name: collectives always, individuals only with consent. */
export function nameIsPublic(m: { type: string; publishConsent: boolean }): boolean {
  return m.type !== 'individual' || m.publishConsent;
}

export const HIDDEN_NAME = '[tên được giữ kín]';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Public text of a model. Without consent an individual's full name is masked wherever the
 * cadre wrote it, so that titles, stories and the search index cannot reveal it.
 */
export function publicText(text: string, m: { type: string; publishConsent: boolean; holderName: string }): string {
  const name = m.holderName.trim();
  if (nameIsPublic(m) || name.length < 3) return text;
  return text.normalize('NFC').replace(new RegExp(escapeRegExp(name.normalize('NFC')), 'giu'), HIDDEN_NAME);
}
