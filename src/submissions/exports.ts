// The dashboard's selection as a file: /quan-ly/mo-hinh.csv and .xlsx take the queue's parameters and export
// every page of it, within the user's scope (the policy's), with the internal columns.
import { Router, type Request, type Response } from 'express';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { queryRows, type Executor } from '../db/client.js';
import { requireLogin } from '../http/guards.js';
import { Forbidden, Invalid } from '../http/errors.js';
import { can } from '../policy/policy.js';
import { streamModels, type InternalModelSummary } from '../listing/query.js';
import { STAFF_MODEL_COLUMNS, type InternalDetails, type StaffExportRow } from '../listing/export-columns.js';
import { exportFileName, sendExport, type ExportFormat } from '../listing/export-response.js';
import { queueRequest } from './queue.js';
import { EXPORT_BATCH } from '../listing/export-writers.js';

const BATCH = 500;
// The steps whose actor is "the reviewer" of an entry.
const DECISIONS = ['approve', 'return', 'reject', 'withdraw', 'recognise', 'consult'];

async function detailsOf(db: Executor, ids: number[]): Promise<Map<number, InternalDetails>> {
  const rows = await queryRows<{
    id: number;
    contact_name: string;
    contact_phone: string;
    contact_email: string;
    created_at: string | Date;
    reviewer: string | null;
  }>(
    db,
    sql`select m.id, m.contact_name, m.contact_phone, m.contact_email, m.created_at,
      (select u.display_name from status_history h join users u on u.id = h.actor_id
       where h.model_id = m.id and h.action = any(${`{${DECISIONS.join(',')}}`}::text[])
       order by h.id desc limit 1) as reviewer
    from models m where m.id = any(${`{${ids.map(Number).join(',')}}`}::int[])`,
  );
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        contactName: r.contact_name,
        contactPhone: r.contact_phone,
        contactEmail: r.contact_email,
        createdAt: new Date(r.created_at).toISOString(),
        reviewer: r.reviewer,
      },
    ]),
  );
}

/** The models of the stream with their internal details, looked up a batch at a time. */
async function* withDetails(db: Executor, models: AsyncIterable<InternalModelSummary>): AsyncGenerator<StaffExportRow> {
  let batch: InternalModelSummary[] = [];
  const flush = async function* () {
    const details = await detailsOf(
      db,
      batch.map((m) => m.id),
    );
    for (const m of batch) {
      const d = details.get(m.id);
      // A model deleted between the two reads leaves the export.
      if (d) yield { ...m, ...d };
    }
    batch = [];
  };
  for await (const m of models) {
    batch.push(m);
    if (batch.length >= BATCH) yield* flush();
  }
  if (batch.length) yield* flush();
}

async function exportQueue(ctx: AppContext, req: Request, res: Response, format: ExportFormat) {
  const user = req.user!;
  if (!can(user, 'viewInternal')) throw new Forbidden('Tài khoản của bạn không xem được danh sách hồ sơ.');
  const { errors, request } = await queueRequest(ctx.db, user, req.query as Record<string, unknown>);
  const problem = Object.values(errors)[0];
  if (problem) throw new Invalid(problem, { parameter: Object.keys(errors)[0] });
  await sendExport(res, {
    format,
    fileName: exportFileName('ho-so-mo-hinh', format),
    sheetName: 'Hồ sơ mô hình',
    columns: STAFF_MODEL_COLUMNS,
    rows: withDetails(ctx.db, streamModels(ctx.db, request, { batchSize: EXPORT_BATCH })),
    private: true,
  });
}

export function staffExportRoutes(ctx: AppContext): Router {
  const router = Router();
  for (const format of ['csv', 'xlsx'] as const)
    router.get(`/quan-ly/mo-hinh.${format}`, requireLogin, (req, res) => exportQueue(ctx, req, res, format));
  return router;
}
