import { expect } from 'chai';
import request from 'supertest';
import { listSchema } from '../../src/listing/filters.js';
import { openApiDocument } from '../../src/api/openapi.js';
import type { testApp } from '../helpers/app.js';
import { doc, expectValid, METHODS, type Json, type Parameter } from '../helpers/openapi-schema.js';
import { openApiWorld } from '../helpers/openapi-world.js';

// Real responses of a seeded catalogue checked against the document, and the document's parameters checked against
// what the API accepts and refuses. The document on its own is in openapi-document.test.ts.
describe('OpenAPI document /api/v1/openapi.json', () => {
  const world = openApiWorld();
  const { ids, call } = world;
  let app: ReturnType<typeof testApp>;
  before(() => {
    ({ app } = world);
  });

  describe('real responses match it', () => {
    it('GET /api/v1/openapi.json returns the document', async () => {
      const res = await call('/api/v1/openapi.json');
      expect(res.body.openapi).to.equal('3.1.0');
      expect(res.body).to.deep.equal(JSON.parse(JSON.stringify(openApiDocument)));
    });

    it('GET /api/v1/models, with and without filters', async () => {
      const all = await call('/api/v1/models');
      expect(all.body).to.include({ total: 4, page: 1, limit: 20 });
      const queries = [
        '?province=44',
        '?province=19&field=kinh-te&yearFrom=2020&yearTo=2024',
        '?type=individual',
        '?q=noi%20chao',
        '?q=',
        '?movement=thai-nguyen-chung-suc',
        '?sort=year&limit=2&page=2',
        '?page=50',
        '?province=20',
        '?commendedAt=province',
        '?commendedAt=central',
        '?sort=replicated',
        '?replica=true',
        '?replica=false&sort=replicated&limit=1',
      ];
      for (const q of queries) await call(`/api/v1/models${q}`);
      const split = (
        await call(`/api/v1/models?province=${(await call(`/api/v1/models/${ids.split}`)).body.provinceCode}`)
      ).body.items[0];
      expect(split.communeCode, 'a split former commune has no single current commune').to.equal(null);
      expect(split.currentCommunes.length).to.be.greaterThan(1);
      const replicated = (await call('/api/v1/models?sort=replicated')).body.items;
      expect(replicated[0]).to.include({ id: ids.quangBinh, replicationCount: 1 });
      expect((await call('/api/v1/models?replica=true')).body).to.deep.include({ total: 1 });
      expect((await call('/api/v1/models?replica=true')).body.items.map((m: { id: number }) => m.id)).to.deep.equal([
        ids.road,
      ]);
      await call('/api/v1/models?replica=maybe', 400);
    });

    it('GET /api/v1/models.csv, with and without filters', async () => {
      const all = await call('/api/v1/models.csv');
      expect(all.text.trim().split('\r\n'), 'a header row and the four approved models').to.have.length(5);
      const oneProvince = await call('/api/v1/models.csv?province=44&sort=title');
      expect(oneProvince.text.trim().split('\r\n').length).to.be.lessThan(5);
      expect((await call('/api/v1/models.csv?limit=10', 400)).body.error.parameter).to.equal('limit');
      expect((await call('/api/v1/models.csv?page=2', 400)).body.error.parameter).to.equal('page');
    });

    it('GET /api/v1/models/{id}', async () => {
      for (const key of ['road', 'quangBinh', 'split', 'individual']) await call(`/api/v1/models/${ids[key]}`);
      const road = (await call(`/api/v1/models/${ids.road}`)).body;
      expect(road.replicates.map((m: { id: number }) => m.id)).to.deep.equal([ids.quangBinh]);
      expect(road.commendations).to.have.length(2);
      expect(road.commendations.map((c: { decisionFileUrl: string | null }) => !!c.decisionFileUrl)).to.deep.equal([
        true,
        false,
      ]);
      expect(
        (await call('/api/v1/models?commendedAt=central')).body.total,
        'a revoked commendation counts for nothing',
      ).to.equal(0);
      expect(road.resources.moneyMillion).to.equal(150.5);
      expect(
        (await call(`/api/v1/models/${ids.quangBinh}`)).body.replicatedBy.map((m: { id: number }) => m.id),
      ).to.deep.equal([ids.road]);
      expect(road.replicates[0].note).to.equal('Thêm quỹ do các hộ đóng góp.');
      expect((await call(`/api/v1/models/${ids.quangBinh}`)).body).to.include({
        replicationCount: 1,
        replicationProvinces: 1,
      });
      expect((await call(`/api/v1/models/${ids.individual}`)).body.holder).to.equal('Bí thư Chi bộ thôn Đông');
      await call(`/api/v1/models/${ids.draft}`, 404);
      await call('/api/v1/models/999999', 404);
      expect((await call('/api/v1/models/abc', 400)).body.error.parameter).to.equal('id');
      await call(`/api/v1/models/${ids.road}?full=1`, 400);
    });

    it('GET /api/v1/provinces and the communes of every province', async () => {
      const provinces = (await call('/api/v1/provinces')).body as { code: string }[];
      expect(provinces).to.have.length(34);
      for (const p of provinces) await call(`/api/v1/provinces/${p.code}/communes`);
      await call('/api/v1/provinces?all=1', 400);
      await call('/api/v1/provinces/99/communes', 404);
      expect((await call('/api/v1/provinces/1/communes', 400)).body.error.parameter).to.equal('code');
    });

    it('GET /api/v1/fields and /api/v1/movements', async () => {
      await call('/api/v1/fields');
      const list = (await call('/api/v1/movements')).body as { code: string; modelCount: number }[];
      expect(list.find((m) => m.code === 'thai-nguyen-chung-suc')?.modelCount).to.equal(1);
      // The main movement's phases (reference data) come with their counts.
      const main = (await call('/api/v1/movements/dan-van-kheo')).body as { phases: { name: string }[] };
      expect(main.phases.map((p) => p.name)).to.include('Giai đoạn 2021–2025');
      await call('/api/v1/movements/thai-nguyen-chung-suc');
      await call('/api/v1/movements/khong-co', 404);
      await call('/api/v1/movements/Sai_Ma', 404);
    });

    it('GET /api/v1/stats by every documented dimension', async () => {
      const by = doc.paths['/api/v1/stats'].get.parameters.find((p: Parameter) => p.name === 'by');
      expect(by.schema.enum).to.have.members(['province', 'field', 'type', 'year', 'movement']);
      for (const dimension of by.schema.enum) await call(`/api/v1/stats?by=${dimension}`);
      await call('/api/v1/stats', 400);
      await call('/api/v1/stats?by=commune', 400);
      await call('/api/v1/stats?by=year&by=type', 400);
    });

    it('answers an unknown API path with the documented error body', async () => {
      const res = await request(app).get('/api/v1/nothing-here');
      expect(res.status).to.equal(404);
      expectValid('/components/schemas/Error', res.body, 'unknown path');
    });
  });

  describe('the parameters cannot drift', () => {
    const operations = () =>
      Object.entries<Json>(doc.paths).flatMap(([template, item]) =>
        Object.keys(item)
          .filter((m) => METHODS.includes(m))
          .map((method) => ({ template, method, params: (item[method].parameters ?? []) as Parameter[] })),
      );

    /** A real URL for a template, its required query parameters set to their examples. */
    function baseUrl(template: string, params: Parameter[]): { path: string; query: URLSearchParams } {
      const real: Record<string, string> = { id: String(ids.road), code: '19' };
      const path = template.replace(/\{([^}]+)\}/g, (_m, name: string) => real[name]);
      const query = new URLSearchParams();
      for (const p of params) if (p.in === 'query' && p.required) query.set(p.name, String(p.example));
      return { path, query };
    }
    const url = (path: string, query: URLSearchParams) => (query.size ? `${path}?${query}` : path);

    it('documents exactly the parameters the models list accepts', () => {
      const accepted = Object.keys((listSchema.describe() as { keys: Record<string, unknown> }).keys);
      const documented = (doc.paths['/api/v1/models'].get.parameters as Parameter[])
        .filter((p) => p.in === 'query')
        .map((p) => p.name);
      expect(documented).to.have.members(accepted);
    });

    it('accepts every documented query parameter, every enum value and every boundary', async () => {
      for (const { template, params } of operations()) {
        const base = baseUrl(template, params);
        for (const p of params.filter((x) => x.in === 'query')) {
          const values = new Set<unknown>([p.example, ...(p.schema.enum ?? [])]);
          if (p.schema.minimum !== undefined) values.add(p.schema.minimum);
          if (p.schema.maximum !== undefined) values.add(p.schema.maximum);
          if (p.schema.maxLength !== undefined) values.add('a'.repeat(p.schema.maxLength));
          for (const v of values) {
            const query = new URLSearchParams(base.query);
            query.set(p.name, String(v));
            await call(url(base.path, query), 200);
          }
        }
      }
    });

    it('refuses values outside the documented constraints', async () => {
      for (const { template, params } of operations()) {
        const base = baseUrl(template, params);
        for (const p of params.filter((x) => x.in === 'query')) {
          const bad: string[] = [];
          if (p.schema.enum) bad.push('not-a-value');
          if (p.schema.type === 'integer') bad.push('1.5', 'x');
          if (p.schema.minimum !== undefined) bad.push(String(p.schema.minimum - 1));
          if (p.schema.maximum !== undefined) bad.push(String(p.schema.maximum + 1));
          if (p.schema.maxLength !== undefined) bad.push('a'.repeat(p.schema.maxLength + 1));
          if (p.schema.pattern) bad.push('X!');
          for (const v of bad) {
            const query = new URLSearchParams(base.query);
            query.set(p.name, v);
            const res = await call(url(base.path, query), 400);
            expect(res.body.error.parameter, `${template} ${p.name}=${v}`).to.equal(p.name);
          }
          const twice = new URLSearchParams(base.query);
          twice.set(p.name, String(p.example));
          twice.append(p.name, String(p.example));
          expect((await call(url(base.path, twice), 400)).body.error.parameter, `${template} ${p.name} twice`).to.equal(
            p.name,
          );
        }
      }
      await call('/api/v1/models?yearFrom=2024&yearTo=2020', 400);
    });

    it('refuses a parameter the document does not list, on every operation', async () => {
      for (const { template, params } of operations()) {
        for (const name of ['undocumented', 'status', 'offset', 'provinceCode']) {
          expect(params.map((p) => p.name)).to.not.include(name);
          const base = baseUrl(template, params);
          base.query.set(name, '1');
          const res = await call(url(base.path, base.query), 400);
          expect(res.body.error.parameter, `${template}?${name}`).to.equal(name);
        }
      }
    });

    it('applies the documented defaults', async () => {
      const params = doc.paths['/api/v1/models'].get.parameters as Parameter[];
      const body = (await call('/api/v1/models')).body;
      for (const p of params.filter((x) => x.schema.default !== undefined))
        expect(body[p.name], p.name).to.equal(p.schema.default);
    });
  });
});
