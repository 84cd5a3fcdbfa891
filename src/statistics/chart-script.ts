import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { RequestHandler } from 'express';

// The package's exports map refuses its dist files by name: its main file sits beside the UMD build.
const file = path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js');

let kept: { body: Buffer; version: string } | null = null;
function script() {
  if (!kept) {
    const body = fs.readFileSync(file);
    kept = { body, version: createHash('sha256').update(body).digest('hex').slice(0, 10) };
  }
  return kept;
}

/** Chart.js served by the app itself (no third-party host), at a URL that changes with its content. */
export const CHART_SCRIPT_PATH = '/static/vendor/chart.umd.js';
export const chartScriptUrl = (): string => `${CHART_SCRIPT_PATH}?v=${script().version}`;

export const sendChartScript: RequestHandler = (req, res) => {
  const { body, version } = script();
  res.type('application/javascript');
  res.setHeader(
    'cache-control',
    req.query.v === version ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
  );
  res.send(body);
};
