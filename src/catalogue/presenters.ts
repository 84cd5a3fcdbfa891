// What the public pages show of a model, shaped once for every page that shows it.
import type { PublicModelSummary } from '../listing/query.js';
import { MODEL_TYPE_LABELS } from '../reference/vocabulary.js';
import { highlight } from '../text/highlight.js';
import { modelPath } from './params.js';

/** One model in a list (views/partials/model-card.ejs): the home, browse and province pages. */
export interface ModelCard {
  href: string;
  /** Escaped, with the searched words marked. */
  titleHtml: string;
  summaryHtml: string;
  typeLabel: string;
  fieldName: string;
  placeLabel: string;
  year: number;
  demo: boolean;
  replicationCount: number;
}

/**
 * A list item as a card. `q` marks the searched words; `back` is the browse state (a query string
 * without `?`) the model's page links back to.
 */
export function modelCard(m: PublicModelSummary, options: { q?: string; back?: string } = {}): ModelCard {
  return {
    href: modelPath(m.slug) + (options.back ? `?back=${encodeURIComponent(options.back)}` : ''),
    titleHtml: highlight(m.title, options.q),
    summaryHtml: highlight(m.summary, options.q),
    typeLabel: MODEL_TYPE_LABELS[m.type],
    fieldName: m.fieldName,
    placeLabel: m.placeLabel,
    year: m.year,
    demo: m.demo,
    replicationCount: m.replicationCount,
  };
}
