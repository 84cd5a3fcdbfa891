// The authorization matrix's cases for movements, commendations and their forms, and the import pages (test/api/authorization-matrix.test.ts),
// with what each needs made fresh before its request: a movement of its owner, a commendation, an unused form.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { movements } from '../../src/db/schema.js';
import { can, type ModelResource, type MovementResource } from '../../src/policy/policy.js';
import type { SessionUser } from '../../src/accounts/users.js';

export interface Case {
  route: string;
  url: (id: number, extra: string) => string;
  /** The owner of a fresh movement the route is called on. */
  movement?: MovementResource;
  model?: string;
  account?: boolean;
  /** Make a commendation on the model (an unused form, an opinion of a consultation on it, an import job) and pass its id (or code) to `url`. */
  extra?: 'commendation' | 'form' | 'opinion' | 'importJob';
  body?: Record<string, unknown> | (() => Record<string, unknown>);
  /** Sets the fresh entry up (before the snapshot) and gives the body that acts on it. */
  prepare?: (id: number) => Promise<Record<string, unknown>>;
  allowed: (u: SessionUser | undefined, m?: ModelResource) => boolean;
  /** What an allowed request answers, when not 200, 201 or 303: the refusal of a form sent empty. */
  allowedStatuses?: number[];
}

interface MatrixWorld {
  db: () => Database;
  /** A number not used before in the run, for unique codes and names. */
  seq: () => number;
}

export function matrixExtras(w: MatrixWorld) {
  /** A commendation on the model, for the routes that name one. */
  async function commendationOn(modelId: number): Promise<string> {
    const [row] = await queryRows<{ id: number }>(
      w.db().db,
      sql`insert into commendations (model_id, form, issuing_body, level, decision_number, decision_date)
      values (${modelId}, 'giay_khen', 'UBND xã', 'commune', ${`GK/${w.seq()}`}, '2024-05-01') returning id`,
    );
    return String(row.id);
  }
  /** A consultation on the model with one opinion, for the routes that moderate it; the opinion's id. */
  async function opinionOn(modelId: number): Promise<string> {
    const [row] = await queryRows<{ id: number }>(
      w.db().db,
      sql`with c as (insert into consultations (model_id, closes_at) values (${modelId}, now() + interval '10 days')
        returning id)
      insert into opinions (consultation_id, stance, body, address_key)
      select c.id, 'agree', 'Đồng ý.', 'ma-tran' from c returning id`,
    );
    return String(row.id);
  }
  /** A commendation form no commendation has, for the route that deletes one. */
  async function unusedForm(): Promise<string> {
    const code = `thu_${w.seq()}`;
    await w.db().db.execute(sql`insert into commendation_forms (code, name) values (${code}, ${`Thử ${code}`})`);
    return code;
  }
  /** A finished dry run of Thái Nguyên ('19') over a header-only CSV, for the import job routes. */
  async function importJob(): Promise<string> {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-matrix-import-')), 'tep.csv');
    fs.writeFileSync(file, 'Mã tham chiếu,Tên mô hình,Loại,Lĩnh vực,Xã phường,Năm bắt đầu\r\n');
    const summary = {
      counts: { create: 0, update: 0, unchanged: 0, error: 0 },
      problemTotal: 0,
      warningTotal: 0,
      problems: [],
      warnings: [],
      rows: [],
    };
    const [row] = await queryRows<{ id: number }>(
      w.db().db,
      sql`insert into import_jobs (province_code, file_name, storage_path, format, mode, state, summary, total_rows)
      values ('19', 'tep.csv', ${file}, 'csv', 'dry_run', 'done', ${JSON.stringify(summary)}::jsonb, 0) returning id`,
    );
    return String(row.id);
  }
  const COMMENDATION = {
    form: 'bang_khen',
    issuingBody: 'UBND tỉnh Thái Nguyên',
    level: 'province',
    decisionNumber: '12/QĐ-UBND',
    decisionDate: '01/06/2024',
  };

  /** A movement of its owner, fresh for every request, so that an end or a delete cannot change the next one. */
  async function freshMovement(owner: MovementResource) {
    const n = w.seq();
    const code = `ma-tran-${n}`;
    await w
      .db()
      .db.insert(movements)
      .values({
        code,
        name: `Phong trào ma trận ${n}`,
        level: owner.level,
        provinceCode: owner.provinceCode,
        issuingBody: 'Ban Dân vận',
        startYear: 2024,
      });
    return code;
  }
  const MOVEMENT_FORM = () => ({
    code: `moi-${w.seq()}`,
    name: 'Phong trào mới của ma trận',
    kind: 'regular',
    status: 'in_force',
    issuingBody: 'Ban Dân vận',
    startYear: '2025',
    phaseName: ['Giai đoạn 1', ''],
    phaseStart: ['2025', ''],
    phaseEnd: ['2026', ''],
  });
  const PROVINCE_MOVEMENT: MovementResource = { level: 'province', provinceCode: '19' };
  const CENTRAL_MOVEMENT: MovementResource = { level: 'central', provinceCode: null };

  const YEAR = new Date().getFullYear();
  const DROP = { decision: 'ineffective', reason: 'Không còn duy trì.' };
  const IMPORT_19 = { provinceCode: '19' };
  const cases: Case[] = [
    {
      route: 'GET /quan-ly/danh-gia-lai',
      url: () => `/quan-ly/danh-gia-lai?nam=${YEAR}`,
      allowed: (u) => can(u, 'reevaluate'),
    },
    {
      route: 'GET /quan-ly/danh-gia-lai',
      url: () => `/quan-ly/danh-gia-lai?nam=${YEAR}&tinh=19`,
      allowed: (u) => can(u, 'reevaluate', { provinceCode: '19' }),
    },
    {
      route: 'POST /quan-ly/danh-gia-lai',
      url: () => `/quan-ly/danh-gia-lai?nam=${YEAR}&tinh=19`,
      model: 'approved',
      body: DROP,
      prepare: async (id) => ({ ...DROP, chon: String(id), [`v-${id}`]: '1' }),
      allowed: (u, m) => can(u, 'reevaluate', m),
    },
    {
      route: 'GET /quan-ly/danh-gia-lai/:id',
      url: (id) => `/quan-ly/danh-gia-lai/${id}?nam=${YEAR}`,
      model: 'approved',
      allowed: (u, m) => can(u, 'reevaluate', m),
    },
    {
      route: 'POST /quan-ly/danh-gia-lai/:id',
      url: (id) => `/quan-ly/danh-gia-lai/${id}?nam=${YEAR}`,
      model: 'approved',
      body: { ...DROP, version: 1 },
      allowed: (u, m) => can(u, 'reevaluate', m),
    },
    // The summing-up report: each user's own area; a named province only for its staff and the centre.
    ...['', '.xlsx', '.docx'].flatMap((ext): Case[] => [
      {
        route: `GET /quan-ly/bao-cao${ext}`,
        url: () => `/quan-ly/bao-cao${ext}`,
        allowed: (u) => can(u, 'viewReport'),
      },
      {
        route: `GET /quan-ly/bao-cao${ext}`,
        url: () => `/quan-ly/bao-cao${ext}?tinh=19&nam=2024`,
        allowed: (u) => can(u, 'viewReport', { provinceCode: '19', communeCode: null }),
      },
    ]),
    // The dashboard's export: every signed-in user, each within their own scope (exports.test.ts checks the rows).
    ...['csv', 'xlsx'].map((format): Case => ({
      route: `GET /quan-ly/mo-hinh.${format}`,
      url: () => `/quan-ly/mo-hinh.${format}`,
      allowed: (u) => can(u, 'viewInternal'),
    })),
    // The reviewer's side of a consultation: any status, the province's reviewers only.
    ...['an', 'hien'].map((verb): Case => ({
      route: `POST /quan-ly/mo-hinh/:id/y-kien/:opinionId/${verb}`,
      url: (id, opinion) => `/quan-ly/mo-hinh/${id}/y-kien/${opinion}/${verb}`,
      model: 'submitted',
      extra: 'opinion',
      body: {},
      allowed: (u, m) => can(u, 'moderateOpinions', m),
    })),
    {
      route: 'POST /quan-ly/mo-hinh/:id/y-kien/tom-tat',
      url: (id) => `/quan-ly/mo-hinh/${id}/y-kien/tom-tat`,
      model: 'submitted',
      extra: 'opinion',
      body: { summary: 'Đa số đồng tình.' },
      allowed: (u, m) => can(u, 'moderateOpinions', m),
    },
    { route: 'GET /quan-ly/nhap-du-lieu', url: () => '/quan-ly/nhap-du-lieu', allowed: (u) => can(u, 'importModels') },
    {
      route: 'GET /quan-ly/nhap-du-lieu/mau.xlsx',
      url: () => '/quan-ly/nhap-du-lieu/mau.xlsx?tinh=19',
      allowed: (u) => can(u, 'importModels'),
    },
    {
      // A form without a file: an allowed user gets the page back with the reason (the import tests send files).
      route: 'POST /quan-ly/nhap-du-lieu',
      url: () => '/quan-ly/nhap-du-lieu',
      body: { provinceCode: '19' },
      allowedStatuses: [400],
      allowed: (u) => can(u, 'importModels'),
    },
    ...(['', '/trang-thai', '/loi'] as const).map((tail): Case => ({
      route: `GET /quan-ly/nhap-du-lieu/:id${tail}`,
      url: (_id, job) => `/quan-ly/nhap-du-lieu/${job}${tail}`,
      extra: 'importJob',
      allowed: (u) => can(u, 'importModels', IMPORT_19),
    })),
    ...(['/nhap', '/chay-lai'] as const).map((tail): Case => ({
      route: `POST /quan-ly/nhap-du-lieu/:id${tail}`,
      url: (_id, job) => `/quan-ly/nhap-du-lieu/${job}${tail}`,
      extra: 'importJob',
      body: { targetStatus: 'approved' },
      allowed: (u) => can(u, 'importModels', IMPORT_19),
    })),
    ...['draft', 'approved'].flatMap((status): Case[] => [
      {
        route: 'GET /quan-ly/mo-hinh/:id/khen-thuong',
        url: (id) => `/quan-ly/mo-hinh/${id}/khen-thuong`,
        model: status,
        allowed: (u, m) => can(u, 'viewInternal', m),
      },
      {
        route: 'POST /quan-ly/mo-hinh/:id/khen-thuong',
        url: (id) => `/quan-ly/mo-hinh/${id}/khen-thuong`,
        model: status,
        body: COMMENDATION,
        allowed: (u, m) => can(u, 'recordCommendation', m),
      },
      {
        route: 'GET /quan-ly/mo-hinh/:id/khen-thuong/:cid/sua',
        url: (id, cid) => `/quan-ly/mo-hinh/${id}/khen-thuong/${cid}/sua`,
        model: status,
        extra: 'commendation',
        allowed: (u, m) => can(u, 'recordCommendation', m),
      },
      {
        route: 'POST /quan-ly/mo-hinh/:id/khen-thuong/:cid/sua',
        url: (id, cid) => `/quan-ly/mo-hinh/${id}/khen-thuong/${cid}/sua`,
        model: status,
        extra: 'commendation',
        body: { ...COMMENDATION, note: 'Sửa ghi chú' },
        allowed: (u, m) => can(u, 'recordCommendation', m),
      },
      {
        route: 'POST /quan-ly/mo-hinh/:id/khen-thuong/:cid/thu-hoi',
        url: (id, cid) => `/quan-ly/mo-hinh/${id}/khen-thuong/${cid}/thu-hoi`,
        model: status,
        extra: 'commendation',
        body: { revokedAt: '02/06/2024', reason: 'Sai thủ tục' },
        allowed: (u, m) => can(u, 'recordCommendation', m),
      },
    ]),
    {
      route: 'GET /quan-ly/hinh-thuc-khen-thuong',
      url: () => '/quan-ly/hinh-thuc-khen-thuong',
      allowed: (u) => can(u, 'manageReferenceData'),
    },
    {
      route: 'POST /quan-ly/hinh-thuc-khen-thuong',
      url: () => '/quan-ly/hinh-thuc-khen-thuong',
      body: () => ({ name: `Hình thức thử ${w.seq()}` }),
      allowed: (u) => can(u, 'manageReferenceData'),
    },
    {
      route: 'POST /quan-ly/hinh-thuc-khen-thuong/:code',
      url: (_id, code) => `/quan-ly/hinh-thuc-khen-thuong/${code}`,
      extra: 'form',
      body: () => ({ name: `Đổi tên ${w.seq()}`, position: '7', isActive: 'on' }),
      allowed: (u) => can(u, 'manageReferenceData'),
    },
    {
      route: 'POST /quan-ly/hinh-thuc-khen-thuong/:code/xoa',
      url: (_id, code) => `/quan-ly/hinh-thuc-khen-thuong/${code}/xoa`,
      extra: 'form',
      body: {},
      allowed: (u) => can(u, 'manageReferenceData'),
    },

    { route: 'GET /quan-ly/phong-trao', url: () => '/quan-ly/phong-trao', allowed: (u) => can(u, 'manageMovement') },
    {
      route: 'GET /quan-ly/phong-trao/moi',
      url: () => '/quan-ly/phong-trao/moi',
      allowed: (u) => can(u, 'manageMovement'),
    },
    {
      route: 'POST /quan-ly/phong-trao',
      url: () => '/quan-ly/phong-trao',
      body: MOVEMENT_FORM,
      allowed: (u) => can(u, 'manageMovement'),
    },
    ...[PROVINCE_MOVEMENT, CENTRAL_MOVEMENT].flatMap((owner): Case[] => [
      {
        route: 'GET /quan-ly/phong-trao/:code',
        url: (_id, code) => `/quan-ly/phong-trao/${code}`,
        movement: owner,
        allowed: (u) => can(u, 'manageMovement', owner),
      },
      {
        route: 'GET /quan-ly/phong-trao/:code/sua',
        url: (_id, code) => `/quan-ly/phong-trao/${code}/sua`,
        movement: owner,
        allowed: (u) => can(u, 'manageMovement', owner),
      },
      {
        route: 'POST /quan-ly/phong-trao/:code/sua',
        url: (_id, code) => `/quan-ly/phong-trao/${code}/sua`,
        movement: owner,
        body: () => ({ ...MOVEMENT_FORM(), name: 'Tên đã sửa của phong trào', version: 1 }),
        allowed: (u) => can(u, 'manageMovement', owner),
      },
      {
        route: 'POST /quan-ly/phong-trao/:code/ket-thuc',
        url: (_id, code) => `/quan-ly/phong-trao/${code}/ket-thuc`,
        movement: owner,
        body: { endYear: '2025', version: 1 },
        allowed: (u) => can(u, 'manageMovement', owner),
      },
      {
        route: 'POST /quan-ly/phong-trao/:code/xoa',
        url: (_id, code) => `/quan-ly/phong-trao/${code}/xoa`,
        movement: owner,
        body: { version: 1 },
        allowed: (u) => can(u, 'manageMovement', owner),
      },
      {
        // Without a file an allowed user gets the page back with the reason (the upload tests send files).
        route: 'POST /quan-ly/phong-trao/:code/van-ban',
        allowedStatuses: [400],
        url: (_id, code) => `/quan-ly/phong-trao/${code}/van-ban`,
        movement: owner,
        body: { version: 1 },
        allowed: (u) => can(u, 'manageMovement', owner),
      },
    ]),
  ];
  return { cases, commendationOn, unusedForm, freshMovement, opinionOn, importJob };
}
