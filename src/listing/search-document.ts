import { foldVietnamese } from '../text/fold.js';
import { nameIsPublic, publicText } from '../policy/privacy.js';

export interface SearchableModel {
  type: string;
  title: string;
  summary: string;
  holderName: string;
  holderRole: string;
  publishConsent: boolean;
  beneficiaries?: string;
  activities?: string;
  results?: string;
  leadBodies?: string;
}

/**
 * The folded columns behind the search index. Only text the public may read goes in: an
 * individual's name without consent, in every form publicText knows, leaves a blank rather than
 * the placeholder, so that neither the name nor "giữ kín" finds the model.
 */
export function searchColumns(m: SearchableModel, placeNames: string[]): { titleFolded: string; searchFolded: string } {
  const holder = nameIsPublic(m) ? m.holderName : '';
  const body = [m.summary, holder, m.holderRole, m.leadBodies, m.beneficiaries, m.activities, m.results]
    .filter((s): s is string => Boolean(s && s.trim().length > 0))
    .map((s) => publicText(s, m, ' '))
    .concat(placeNames)
    .join(' \n ');
  return { titleFolded: foldVietnamese(publicText(m.title, m, ' ')), searchFolded: foldVietnamese(body) };
}
