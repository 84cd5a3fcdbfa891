// The summing-up report (/quan-ly/bao-cao): the page, its spreadsheet and its Word document, all from
// one build of the tables for the same parameters.
import { Router, type Request } from 'express';
import type { AppContext } from '../context.js';
import { requireLogin } from '../http/guards.js';
import { can } from '../policy/policy.js';
import { cachedProvinces } from '../admin-units/queries.js';
import { parseReportRequest, phaseOptions, reportQuery } from './report-params.js';
import { buildReport } from './report-tables.js';
import { reportWorkbook } from './report-xlsx.js';
import { cellText, reportDocument } from './report-docx.js';

const REPORT_PATH = '/quan-ly/bao-cao';

/** A file name of the report's area and period, in plain ASCII. */
function fileName(req: Request, ext: string, state: Record<string, string>): string {
  const parts = ['bao-cao', state.tinh || (req.user?.communeCode ?? req.user?.provinceCode ?? 'toan-quoc')];
  for (const k of ['nam', 'tu', 'den', 'giai-doan']) if (state[k]) parts.push(`${k}-${state[k]}`);
  return `${parts.join('-').replace(/[^a-z0-9-]/gi, '')}.${ext}`;
}

export function reportPages(ctx: AppContext): Router {
  const router = Router();

  router.get(REPORT_PATH, requireLogin, async (req, res) => {
    const request = await parseReportRequest(ctx.db, req.user, req.query as Record<string, unknown>);
    const [report, phases, provinces] = await Promise.all([
      buildReport(ctx.db, request),
      phaseOptions(ctx.db),
      cachedProvinces(ctx.db),
    ]);
    const query = reportQuery(request.state);
    res.render('statistics/report', {
      title: 'Báo cáo tổng hợp',
      noindex: true,
      report,
      state: request.state,
      phases,
      // Only the centre picks a province; the others see their own area.
      provinces: can(req.user, 'viewReport', { provinceCode: null, communeCode: null }) ? provinces : [],
      cellText,
      xlsxHref: `${REPORT_PATH}.xlsx${query}`,
      docxHref: `${REPORT_PATH}.docx${query}`,
    });
  });

  router.get(`${REPORT_PATH}.xlsx`, requireLogin, async (req, res) => {
    const request = await parseReportRequest(ctx.db, req.user, req.query as Record<string, unknown>);
    const body = await reportWorkbook(await buildReport(ctx.db, request));
    res.attachment(fileName(req, 'xlsx', request.state));
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.send(body);
  });

  router.get(`${REPORT_PATH}.docx`, requireLogin, async (req, res) => {
    const request = await parseReportRequest(ctx.db, req.user, req.query as Record<string, unknown>);
    const body = await reportDocument(await buildReport(ctx.db, request));
    res.attachment(fileName(req, 'docx', request.state));
    res.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    res.send(body);
  });

  return router;
}
