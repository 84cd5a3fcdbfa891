import type { Response } from 'express';

/** What every answer of the open-data API carries, its errors included: any site may read it from a browser. */
export function openDataHeaders(res: Response): void {
  res.set('Access-Control-Allow-Origin', '*');
  res.set('Cache-Control', 'public, max-age=60');
}
