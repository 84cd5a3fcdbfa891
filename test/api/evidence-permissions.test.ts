import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import type express from 'express';
import { queryRows, type Database } from '../../src/db/client.js';
import { can, type FileResource, type ModelResource } from '../../src/policy/policy.js';
import type { SessionUser } from '../../src/accounts/users.js';
import { insertModel } from '../helpers/fixtures.js';
import { declaredRoutes, tokenOf, upload, WHO, type People, type Who } from '../helpers/people.js';
import * as sample from '../helpers/sample-files.js';
import { fileWorld, type FileWorld } from '../helpers/disk.js';

type Status = 'draft' | 'submitted' | 'returned' | 'approved';
type Reply = { status: number; headers: Record<string, string> };

describe('evidence file routes × every role × scope', function () {
  this.timeout(300000);
  let database: Database;
  let app: express.Express;
  let people: People;

  let world: FileWorld;
  before(async () => {
    world = await fileWorld();
    ({ database, app, people } = world);
  });
  after(() => world.close());

  interface Entry {
    id: number;
    resource: ModelResource & { type: string; publishConsent: boolean };
    files: Record<string, { id: number; isPublic: boolean; kind: string }>;
  }

  /** A model of the cadre's commune with a public photo, a public PDF and an internal list, then moved to `status`. */
  async function entry(
    status: Status,
    o: { type?: 'collective' | 'individual'; consent?: boolean } = {},
  ): Promise<Entry> {
    const type = o.type ?? 'collective';
    const consent = o.consent ?? true;
    const m = await insertModel(database, {
      title: `Mô hình tệp ${status} ${Math.random()}`,
      status: 'draft',
      type,
      publishConsent: consent,
      communeCode: people.commune,
    });
    expect(
      (
        await upload(people.agents.cadre, m.id, [
          ['anh.png', await sample.png()],
          ['bao-cao.pdf', sample.pdf()],
        ])
      ).status,
    ).to.equal(303);
    expect(
      (await upload(people.agents.cadre, m.id, [['danh-sach.xlsx', sample.xlsx()]], { visibility: 'internal' })).status,
    ).to.equal(303);
    if (status !== 'draft') {
      await database.db
        .execute(sql`update models set status = ${status}, recognised_year = ${status === 'approved' ? 2025 : null},
        published_at = ${status === 'approved' ? sql`now()` : null} where id = ${m.id}`);
    }
    const rows = await queryRows<{ id: number; original_name: string; is_public: boolean; kind: string }>(
      database.db,
      sql`
      select id, original_name, is_public, kind from evidence_files where model_id = ${m.id}`,
    );
    const files = Object.fromEntries(
      rows.map((r) => [r.original_name, { id: r.id, isPublic: r.is_public, kind: r.kind }]),
    );
    return {
      id: m.id,
      resource: {
        status,
        provinceCode: '19',
        communeCode: people.commune,
        formerCommuneSuccessors: [],
        type,
        publishConsent: consent,
      },
      files,
    };
  }

  const snapshot = async () =>
    JSON.stringify([
      await queryRows(
        database.db,
        sql`select id, model_id, caption, position, is_public, storage_key from evidence_files order by id`,
      ),
      await queryRows(database.db, sql`select count(*)::int as n from status_history`),
      await world.everything(),
    ]);

  it('covers every file route the app declares', () => {
    expect(
      declaredRoutes(app)
        .filter((r) => /\/tep\b/.test(r))
        .sort(),
    ).to.deep.equal([
      'GET /quan-ly/mo-hinh/:id/tep',
      'GET /tep/:id/:variant',
      'POST /quan-ly/mo-hinh/:id/tep',
      'POST /quan-ly/mo-hinh/:id/tep/:fileId/noi-bo',
      'POST /quan-ly/mo-hinh/:id/tep/:fileId/xoa',
      'POST /quan-ly/mo-hinh/:id/tep/sap-xep',
    ]);
  });

  /** One request as every kind of user, on a fresh entry each; a refused request must change nothing. */
  async function asEveryone(
    label: string,
    make: () => Promise<Entry>,
    send: (who: Who, e: Entry) => Promise<Reply>,
    allowed: (u: SessionUser | undefined, e: Entry) => boolean,
    refusal: 'login' | 'notFound',
  ) {
    for (const who of WHO) {
      const e = await make();
      const before = await snapshot();
      const res = await send(who, e);
      const tag = `${who} → ${label}: ${res.status}`;
      if (allowed(people.users[who], e)) {
        expect([200, 303], tag).to.include(res.status);
        if (res.status === 303) expect(res.headers.location, tag).not.to.match(/^\/login/);
        continue;
      }
      if (refusal === 'notFound') expect(res.status, tag).to.equal(404);
      else if (who === 'anonymous')
        expect(res.status === 303 && /^\/login/.test(res.headers.location), tag).to.equal(true);
      else expect([403, 404], tag).to.include(res.status);
      expect(await snapshot(), `${tag} changed nothing`).to.equal(before);
    }
  }

  const post = async (who: Who, url: string, body: Record<string, unknown> = {}) =>
    people.agents[who]
      .post(url)
      .type('form')
      .send({ ...body, _csrf: await tokenOf(people.agents[who]) });

  for (const status of ['draft', 'submitted', 'returned', 'approved'] as const) {
    it(`GET /quan-ly/mo-hinh/:id/tep (${status})`, async () => {
      const e = await entry(status);
      await asEveryone(
        `files page ${status}`,
        async () => e,
        (who, x) => people.agents[who].get(`/quan-ly/mo-hinh/${x.id}/tep`),
        (u, x) => can(u, 'viewInternal', x.resource),
        'login',
      );
    });

    it(`POST /quan-ly/mo-hinh/:id/tep (${status})`, async () => {
      await asEveryone(
        `upload ${status}`,
        () => entry(status),
        (who, x) => upload(people.agents[who], x.id, [['moi.pdf', sample.pdf()]]),
        (u, x) => can(u, 'manageFiles', x.resource),
        'login',
      );
    });

    it(`POST /quan-ly/mo-hinh/:id/tep/sap-xep (${status})`, async () => {
      await asEveryone(
        `edit ${status}`,
        () => entry(status),
        (who, x) => {
          const f = x.files['anh.png'];
          return post(who, `/quan-ly/mo-hinh/${x.id}/tep/sap-xep`, {
            ids: [f.id],
            [`caption_${f.id}`]: 'Chú thích mới',
            [`visibility_${f.id}`]: 'internal',
            move: `${f.id}:down`,
          });
        },
        (u, x) => can(u, 'manageFiles', x.resource),
        'login',
      );
    });

    it(`POST /quan-ly/mo-hinh/:id/tep/:fileId/xoa (${status})`, async () => {
      await asEveryone(
        `remove ${status}`,
        () => entry(status),
        (who, x) => post(who, `/quan-ly/mo-hinh/${x.id}/tep/${x.files['anh.png'].id}/xoa`),
        (u, x) => can(u, 'manageFiles', x.resource),
        'login',
      );
    });

    it(`POST /quan-ly/mo-hinh/:id/tep/:fileId/noi-bo (${status})`, async () => {
      await asEveryone(
        `restrict ${status}`,
        () => entry(status),
        (who, x) => post(who, `/quan-ly/mo-hinh/${x.id}/tep/${x.files['bao-cao.pdf'].id}/noi-bo`),
        (u, x) => can(u, 'restrictFile', x.resource),
        'login',
      );
    });
  }

  const KINDS: { label: string; status: Status; type?: 'individual'; consent?: boolean }[] = [
    { label: 'a draft', status: 'draft' },
    { label: 'a model under review', status: 'submitted' },
    { label: 'a published model', status: 'approved' },
    { label: 'a published individual without consent', status: 'approved', type: 'individual', consent: false },
    { label: 'a published individual with consent', status: 'approved', type: 'individual', consent: true },
  ];
  for (const k of KINDS) {
    it(`GET /tep/:id/:variant on ${k.label}: public photo, public PDF, internal list × thumbnail, view, original`, async () => {
      const e = await entry(k.status, { type: k.type, consent: k.consent });
      for (const name of ['anh.png', 'bao-cao.pdf', 'danh-sach.xlsx']) {
        const r: FileResource = { model: e.resource, file: e.files[name] };
        for (const [variant, slug] of [
          ['thumbnail', 'anh-nho'],
          ['view', 'xem'],
          ['original', 'tai-ve'],
        ] as const) {
          await asEveryone(
            `${name} ${slug}`,
            async () => e,
            (who, x) => people.agents[who].get(`/tep/${x.files[name].id}/${slug}`),
            (u) =>
              can(u, 'viewFile', r) &&
              (variant !== 'thumbnail' || r.file.kind === 'image') &&
              (variant !== 'original' || r.file.kind !== 'image' || can(u, 'viewOriginalFile', r)),
            'notFound',
          );
        }
      }
    });
  }

  it('never tells whether a file exists to someone who may not see it', async () => {
    const e = await entry('draft');
    const hidden = await people.agents.anonymous.get(`/tep/${e.files['anh.png'].id}/xem`);
    const missing = await people.agents.anonymous.get('/tep/999999/xem');
    expect(hidden.status).to.equal(404);
    expect(missing.status).to.equal(404);
    expect(hidden.text).to.equal(missing.text);
  });
});
