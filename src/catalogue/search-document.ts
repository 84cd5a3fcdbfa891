import { foldVietnamese } from '../text/fold.js';

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
 * The folded columns behind the search index. Only text the public may read goes in:
 * an individual's name without consent would otherwise be findable.
 */
export function searchColumns(m: SearchableModel, placeNames: string[]): { titleFolded: string; searchFolded: string } {
  const holder = m.type === 'individual' && !m.publishConsent ? '' : m.holderName;
  const body = [m.summary, holder, m.holderRole, m.leadBodies, m.beneficiaries, m.activities, m.results, ...placeNames]
    .filter((s) => s && s.trim().length > 0)
    .join(' \n ');
  return { titleFolded: foldVietnamese(m.title), searchFolded: foldVietnamese(body) };
}
