import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { MODEL_STATUSES, users, type ModelStatus } from '../../src/db/schema.js';
import { findUserById, type SessionUser } from '../../src/accounts/users.js';
import { can } from '../../src/policy/policy.js';
import { modelResource, type ScopedRow } from '../../src/policy/resources.js';
import {
  internalAudience,
  listModels,
  PUBLIC,
  statusCounts,
  streamModels,
  type InternalListRequest,
  type ListSort,
  type PublicListRequest,
} from '../../src/listing/query.js';
import type { SortOrder } from '../../src/listing/filters.js';
import { engine, freshDatabase } from '../helpers/db.js';
import { insertModel } from '../helpers/fixtures.js';

interface Row {
  id: number;
  status: ModelStatus;
  field_code: string;
  updated: number;
  submitted: number | null;
  published: number | null;
  year: number | null;
  title_folded: string;
}

describe(`one list query: internal audiences, orders, pages and streams (${engine})`, () => {
  let database: Database;
  let cadre: SessionUser;
  let reviewer: SessionUser;
  let farReviewer: SessionUser;
  let central: SessionUser;
  let rows: Row[];
  let returnedWithComment: number;
  let ownCommuneName: string;

  before(async () => {
    database = await freshDatabase();
    const db = database.db;
    const [split] = await queryRows<{ former: string; own: string }>(
      db,
      sql`select s.former_code as former, min(s.commune_code) as own
      from former_commune_successors s join communes c on c.code = s.commune_code
      group by s.former_code having count(*) = 2 and min(c.province_code) = '19' and max(c.province_code) = '19' order by 1 limit 1`,
    );
    const [neighbour] = await queryRows<{ code: string }>(
      db,
      sql`select code from communes where province_code = '19' and code <> ${split.own}
      and code not in (select commune_code from former_commune_successors where former_code = ${split.former}) order by code limit 1`,
    );
    const [far] = await queryRows<{ code: string }>(
      db,
      sql`select code from communes where province_code = '42' order by code limit 1`,
    );
    [{ full_name: ownCommuneName }] = await queryRows<{ full_name: string }>(
      db,
      sql`select full_name from communes where code = ${split.own}`,
    );

    const add = (i: number, place: { provinceCode: string; communeCode: string | null; formerCommuneCode?: string }) =>
      insertModel(database, {
        // Every third title has both words; the others have them in the summary only.
        title: i % 3 === 0 ? `Dân vận khéo ở thôn số ${i}` : `Chung sức làm đường số ${i}`,
        summary: `Cách làm dân vận khéo số ${i}.`,
        status: MODEL_STATUSES[i % MODEL_STATUSES.length],
        fieldCode: i % 2 ? 'kinh-te' : 'van-hoa-xa-hoi',
        year: 2016 + (i % 5),
        ...place,
      });
    for (let i = 0; i < 30; i++) await add(i, { provinceCode: '19', communeCode: split.own });
    for (let i = 30; i < 36; i++)
      await add(i, { provinceCode: '19', communeCode: null, formerCommuneCode: split.former });
    for (let i = 36; i < 44; i++) await add(i, { provinceCode: '19', communeCode: neighbour.code });
    for (let i = 44; i < 50; i++) await add(i, { provinceCode: '42', communeCode: far.code });
    // Times with ties, so that the id decides between equals, and microseconds, which a batch must resume
    // from exactly (a JavaScript date keeps milliseconds); no submission time for drafts.
    await db.execute(sql`update models set updated_at = timestamptz '2025-01-01 00:00:00+00' + (id % 7) * interval '1 hour' + (id % 2) * interval '1 microsecond',
      submitted_at = case when status = 'draft' then null else timestamptz '2024-06-01 00:00:00+00' + (id % 5) * interval '1 day' + (id % 3) * interval '1 microsecond' end,
      published_at = case when status = 'approved' then timestamptz '2024-01-01 00:00:00+00' + (id % 4) * interval '1 day' end`);
    rows = await queryRows<Row>(
      db,
      sql`select id, status, field_code, extract(epoch from updated_at)::float8 as updated,
      extract(epoch from submitted_at)::float8 as submitted, extract(epoch from published_at)::float8 as published,
      recognised_year as year, title_folded from models order by id`,
    );
    returnedWithComment = rows.find((r) => r.status === 'returned')!.id;
    await db.execute(sql`insert into status_history (model_id, action, from_status, to_status, comment, version) values
      (${returnedWithComment}, 'return', 'submitted', 'returned', 'Bổ sung số hộ tham gia.', 2),
      (${returnedWithComment}, 'edit', 'returned', 'returned', '', 3)`);

    const people = await db
      .insert(users)
      .values([
        { username: 'xa', displayName: 'Cán bộ xã', role: 'commune_cadre', provinceCode: '19', communeCode: split.own },
        { username: 'tinh', displayName: 'Thẩm định', role: 'province_reviewer', provinceCode: '19' },
        { username: 'hatinh', displayName: 'Thẩm định Hà Tĩnh', role: 'province_reviewer', provinceCode: '42' },
        { username: 'tw', displayName: 'Trung ương', role: 'central_admin' },
      ])
      .returning({ id: users.id });
    [cadre, reviewer, farReviewer, central] = await Promise.all(
      people.map(async (p) => (await findUserById(db, p.id))!),
    );
  });
  after(async () => {
    await database.close();
  });

  const inScope = async (user: SessionUser) => {
    const out: Row[] = [];
    for (const r of rows) {
      const [m] = await queryRows<ScopedRow>(
        database.db,
        sql`select status, province_code, commune_code, former_commune_code, created_by from models where id = ${r.id}`,
      );
      if (can(user, 'viewInternal', await modelResource(database.db, m))) out.push(r);
    }
    return out;
  };
  const idsOf = (list: { id: number }[]) => list.map((m) => m.id);
  async function allPages(
    q: Omit<InternalListRequest, 'page' | 'limit'> | Omit<PublicListRequest, 'page' | 'limit'>,
    limit: number,
  ) {
    const out: number[] = [];
    for (let page = 1; ; page++) {
      const { items, total } = (await listModels(database.db, { ...q, page, limit } as never)) as {
        items: { id: number }[];
        total: number;
      };
      out.push(...idsOf(items));
      if (page * limit >= total) return { ids: out, total };
    }
  }
  async function streamed(q: InternalListRequest | PublicListRequest, batchSize: number) {
    const out: number[] = [];
    for await (const m of streamModels(database.db, q as InternalListRequest, { batchSize })) out.push(m.id);
    return out;
  }

  it("lists every status within the user's scope (the policy's), and nothing outside it", async () => {
    for (const user of [cadre, reviewer, farReviewer, central]) {
      const expected = await inScope(user);
      const { ids, total } = await allPages(
        { audience: internalAudience(user), filters: {}, sort: 'commune-work' },
        100,
      );
      expect(
        [...ids].sort((a, b) => a - b),
        user.username,
      ).to.deep.equal(idsOf(expected));
      expect(total, user.username).to.equal(expected.length);
    }
    expect((await inScope(cadre)).length).to.equal(36);
    const none = await listModels(database.db, {
      audience: internalAudience(null),
      filters: {},
      sort: 'newest',
      page: 1,
      limit: 10,
    });
    expect(none).to.deep.equal({ items: [], total: 0 });
  });

  it('filters by status and field within the scope; counts each status over the whole scope', async () => {
    const audience = internalAudience(cadre);
    const scope = await inScope(cadre);
    const counts = await statusCounts(database.db, audience);
    const tally: Record<string, number> = {};
    for (const r of scope) tally[r.status] = (tally[r.status] ?? 0) + 1;
    expect(counts).to.deep.equal(tally);
    for (const status of MODEL_STATUSES) {
      const page = await listModels(database.db, {
        audience,
        filters: { status },
        sort: 'commune-work',
        page: 1,
        limit: 100,
      });
      expect(
        page.items.map((m) => m.status),
        status,
      ).to.deep.equal(Array(tally[status]).fill(status));
      expect(page.total, status).to.equal(counts[status]);
    }
    const narrow = await listModels(database.db, {
      audience,
      filters: { status: 'submitted', field: 'kinh-te' },
      sort: 'review-queue',
      page: 1,
      limit: 100,
    });
    expect(idsOf(narrow.items).sort((a, b) => a - b)).to.deep.equal(
      idsOf(scope.filter((r) => r.status === 'submitted' && r.field_code === 'kinh-te')),
    );
    expect(narrow.total).to.be.greaterThan(0);
  });

  it("orders a commune's work (returned, drafts, submitted, the rest; newest change first) and a reviewer's queue (oldest submission first)", async () => {
    const tier = (s: string) => (({ returned: 0, draft: 1, submitted: 2 }) as Record<string, number>)[s] ?? 3;
    const work = (await inScope(cadre)).sort(
      (a, b) => tier(a.status) - tier(b.status) || b.updated - a.updated || b.id - a.id,
    );
    const { ids: cadrePages } = await allPages(
      { audience: internalAudience(cadre), filters: {}, sort: 'commune-work' },
      100,
    );
    expect(cadrePages).to.deep.equal(idsOf(work));
    const queue = (await inScope(reviewer)).sort(
      (a, b) =>
        Number(b.status === 'submitted') - Number(a.status === 'submitted') ||
        (a.submitted ?? Infinity) - (b.submitted ?? Infinity) ||
        a.id - b.id,
    );
    const { ids: reviewerPages } = await allPages(
      { audience: internalAudience(reviewer), filters: {}, sort: 'review-queue' },
      100,
    );
    expect(reviewerPages).to.deep.equal(idsOf(queue));
    expect(queue[0].status).to.equal('submitted');
  });

  it('shows the place and the last comment of each entry', async () => {
    const { items } = await listModels(database.db, {
      audience: internalAudience(cadre),
      filters: { status: 'returned' },
      sort: 'commune-work',
      page: 1,
      limit: 100,
    });
    const returned = items.find((m) => m.id === returnedWithComment)!;
    expect(returned).to.include({ lastComment: 'Bổ sung số hộ tham gia.', place: ownCommuneName, status: 'returned' });
    expect(items.filter((m) => m.id !== returnedWithComment).every((m) => m.lastComment === null)).to.equal(true);
  });

  const SORTS: ListSort[] = ['commune-work', 'review-queue', 'changed', 'newest', 'year', 'title', 'relevance'];

  it('pages through every order without losing or repeating an entry', async () => {
    for (const sort of SORTS) {
      const q = { audience: internalAudience(reviewer), filters: sort === 'relevance' ? { q: 'dan van' } : {}, sort };
      const whole = await allPages(q, 100);
      const paged = await allPages(q, 7);
      expect(paged.ids, sort).to.deep.equal(whole.ids);
      expect(new Set(paged.ids).size, sort).to.equal(whole.total);
    }
  });

  it('streams an internal list in batches, in the order of its pages, within the scope', async () => {
    for (const user of [cadre, reviewer, central]) {
      for (const sort of SORTS) {
        for (const filters of [{}, { field: 'kinh-te' }, { status: 'approved' as const }, { q: 'dan van' }]) {
          const q: InternalListRequest = { audience: internalAudience(user), filters, sort };
          const label = `${user.username} ${sort} ${JSON.stringify(filters)}`;
          const pages = await allPages(q, 100);
          const stream = await streamed(q, 4);
          expect(stream, label).to.deep.equal(pages.ids);
          if (Object.keys(filters).length === 0) expect(stream.length, label).to.be.greaterThan(4);
        }
      }
    }
    // Leaving early is fine: nothing stays open between batches.
    for await (const m of streamModels(
      database.db,
      { audience: internalAudience(central), filters: {}, sort: 'newest' },
      { batchSize: 2 },
    )) {
      expect(m.id).to.be.a('number');
      break;
    }
  });

  it('streams a public list in the order of its pages, approved models only', async () => {
    const approved = new Set(rows.filter((r) => r.status === 'approved').map((r) => r.id));
    const sorts: SortOrder[] = ['newest', 'year', 'title', 'relevance'];
    for (const sort of sorts) {
      for (const filters of [{}, { province: '19' }, { q: 'dan van' }, { q: 'lam duong', province: '19' }]) {
        const q: PublicListRequest = { audience: PUBLIC, filters, sort };
        const label = `${sort} ${JSON.stringify(filters)}`;
        const pages = await allPages(q, 3);
        const stream = await streamed(q, 2);
        expect(stream, label).to.deep.equal(pages.ids);
        expect(
          stream.every((id) => approved.has(id)),
          label,
        ).to.equal(true);
        if (Object.keys(filters).length === 0)
          expect(stream.length, label).to.equal(approved.size).and.be.greaterThan(2);
      }
    }
  });
});
