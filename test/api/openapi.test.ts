import { expect } from 'chai';
import request from 'supertest';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import {
  commendations,
  modelIndicators,
  modelMovements,
  models,
  movements,
  recognitions,
  replications,
} from '../../src/db/schema.js';
import { listSchema } from '../../src/listing/filters.js';
import { openApiDocument } from '../../src/api/openapi.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';

// CommonJS modules: the default import is module.exports, whose `default` is the export itself.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

type Json = Record<string, any>;
interface Parameter {
  name: string;
  in: string;
  description?: string;
  required?: boolean;
  example?: unknown;
  schema: Json;
}

const doc = openApiDocument as Json;
const DOC = 'openapi.json';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const pointer = (...parts: string[]) => parts.map((p) => `/${escapePointer(p)}`).join('');

/** The value at a JSON pointer of the document, or undefined. */
function at(ptr: string): any {
  let node: any = doc;
  for (const raw of ptr.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(part in node)) return undefined;
    node = node[part];
  }
  return node;
}

/** Follows Reference Objects, so the pointer names the object itself. */
function follow(ptr: string): { ptr: string; value: any } {
  const value = at(ptr);
  if (value && typeof value.$ref === 'string') return follow(value.$ref.replace(/^#/, ''));
  return { ptr, value };
}

function* walk(node: unknown, path = ''): Generator<[string, Json]> {
  if (node === null || typeof node !== 'object') return;
  yield [path, node as Json];
  for (const [k, v] of Object.entries(node)) yield* walk(v, `${path}/${escapePointer(k)}`);
}

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
// The document is registered whole, so "#/components/schemas/X" resolves inside it; its
// OpenAPI-only top-level keys are declared as annotation keywords for strict mode.
ajv.addVocabulary(['openapi', 'info', 'servers', 'tags', 'paths', 'components']);
ajv.addSchema(structuredClone(doc), DOC);

function validatorAt(ptr: string) {
  const fragment = ptr.split('/').map(encodeURIComponent).join('/');
  const validate = ajv.getSchema(`${DOC}#${fragment}`);
  if (!validate) throw new Error(`no schema at ${ptr}`);
  return validate;
}

function expectValid(ptr: string, value: unknown, what: string): void {
  const validate = validatorAt(ptr);
  const ok = validate(value);
  expect(ok, `${what} does not match ${ptr}:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`).to.equal(true);
}

const templates = Object.keys(doc.paths).map((template) => ({
  template,
  regex: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** Checks a real response against what the document declares for its path, method and status. */
function expectConforms(method: string, url: string, res: request.Response): void {
  const { pathname } = new URL(url, 'http://localhost');
  const match = templates.find((t) => t.regex.test(pathname));
  expect(match, `${pathname} is not a documented path`).to.not.equal(undefined);
  const operation = pointer('paths', match!.template, method);
  expect(at(operation), `${method} ${match!.template} is not documented`).to.be.an('object');
  const response = follow(`${operation}${pointer('responses', String(res.status))}`);
  expect(response.value, `${method} ${match!.template} does not document status ${res.status}`).to.be.an('object');
  expect(res.type, url).to.equal('application/json');
  expectValid(
    `${response.ptr}${pointer('content', 'application/json', 'schema')}`,
    res.body,
    `${method.toUpperCase()} ${url} → ${res.status}`,
  );
  for (const name of Object.keys(response.value.headers ?? {})) {
    const header = follow(`${response.ptr}${pointer('headers', name)}`);
    expectValid(`${header.ptr}/schema`, res.headers[name.toLowerCase()], `header ${name} of ${url}`);
  }
}

describe('OpenAPI document /api/v1/openapi.json', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  const ids: Record<string, number> = {};

  async function call(url: string, status = 200): Promise<request.Response> {
    const res = await request(app).get(url);
    expect(res.status, `${url}: ${JSON.stringify(res.body).slice(0, 400)}`).to.equal(status);
    expectConforms('get', url, res);
    return res;
  }

  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
    const db = database.db;
    const [quangBinhCommune] = await queryRows<{ code: string }>(
      db,
      sql`select code from former_communes
      where former_province_code = '44' and merge_type = 'whole' order by code limit 1`,
    );
    const [split] = await queryRows<{ code: string; former_province_code: string; province_code: string }>(
      db,
      sql`select fc.code,
        fc.former_province_code, fp.merged_into_province_code as province_code
      from former_communes fc join former_provinces fp on fp.code = fc.former_province_code
      where fc.merge_type = 'split' order by fc.code limit 1`,
    );

    ids.road = (
      await insertModel(database, {
        title: 'Dân vận khéo trong hiến đất mở đường',
        fieldCode: 'kinh-te',
        provinceCode: '19',
        year: 2023,
        movementCodes: ['dan-van-kheo'],
      })
    ).id;
    ids.quangBinh = (
      await insertModel(database, {
        title: 'Nồi cháo tình thương',
        fieldCode: 'van-hoa-xa-hoi',
        provinceCode: '44',
        formerProvinceCode: '44',
        communeCode: null,
        formerCommuneCode: quangBinhCommune.code,
        year: 2022,
      })
    ).id;
    ids.split = (
      await insertModel(database, {
        title: 'Tổ tự quản khu dân cư',
        fieldCode: 'quoc-phong-an-ninh',
        provinceCode: split.province_code,
        formerProvinceCode: split.former_province_code,
        communeCode: null,
        formerCommuneCode: split.code,
        year: 2020,
      })
    ).id;
    ids.individual = (
      await insertModel(database, {
        title: 'Đảng viên kèm cặp mười hộ',
        fieldCode: 'xay-dung-dang',
        provinceCode: '33',
        year: 2019,
        type: 'individual',
        holderName: 'Nguyễn Văn Khiêm',
        holderRole: 'Bí thư Chi bộ thôn Đông',
        publishConsent: false,
      })
    ).id;
    ids.draft = (await insertModel(database, { title: 'Bản nháp chưa công nhận', status: 'draft' })).id;

    // Everything the detail can carry, with its nullable parts both set and unset.
    await db
      .update(models)
      .set({ resourcesMoneyMillion: '150.50', resourcesWorkDays: 320 })
      .where(eq(models.id, ids.road));
    await db.insert(recognitions).values({
      modelId: ids.road,
      year: 2024,
      level: 'central',
      grade: 'kha',
      decisionNumber: '15-QĐ/BDVTW',
      decisionDate: '2024-05-19',
    });
    await db.insert(commendations).values([
      {
        modelId: ids.road,
        form: 'bang_khen',
        issuingBody: 'UBND tỉnh Thái Nguyên',
        level: 'province',
        decisionNumber: '123/QĐ-UBND',
        decisionDate: '2024-06-01',
        note: 'Khen thưởng',
      },
      { modelId: ids.road, form: 'other', issuingBody: 'UBND xã', level: 'commune' },
    ]);
    await db.insert(modelIndicators).values({
      modelId: ids.road,
      kindCode: null,
      name: 'Cây xanh trồng mới',
      value: '12.5',
      unit: 'cây',
      position: 1,
    });
    const [movement] = await db
      .insert(movements)
      .values({
        code: 'thai-nguyen-chung-suc',
        name: 'Thái Nguyên chung sức xây dựng nông thôn mới',
        level: 'province',
        issuingBody: 'Tỉnh ủy Thái Nguyên',
        documentNumber: '05-KH/TU',
        documentDate: '2021-03-01',
        startYear: 2021,
        endYear: 2025,
        provinceCode: '19',
      })
      .returning({ id: movements.id });
    await db.insert(modelMovements).values({ modelId: ids.road, movementId: movement.id });
    await db.insert(replications).values({ sourceModelId: ids.quangBinh, replicaModelId: ids.road });
  });
  after(async () => {
    await database.close();
  });

  describe('the document itself', () => {
    it('is OpenAPI 3.1.0 with a path for every endpoint', () => {
      expect(doc.openapi).to.equal('3.1.0');
      expect(doc.info.title).to.be.a('string');
      expect(doc.info.version).to.be.a('string');
      expect(Object.keys(doc.paths)).to.have.members([
        '/api/v1/models',
        '/api/v1/models/{id}',
        '/api/v1/provinces',
        '/api/v1/provinces/{code}/communes',
        '/api/v1/fields',
        '/api/v1/movements',
        '/api/v1/stats',
        '/api/v1/openapi.json',
      ]);
      for (const name of [
        'ModelSummary',
        'Model',
        'Province',
        'Commune',
        'Field',
        'Movement',
        'StatRow',
        'Error',
        'ModelList',
      ]) {
        expect(doc.components.schemas, name).to.have.property(name);
      }
    });

    it('resolves every $ref', () => {
      let refs = 0;
      for (const [path, node] of walk(doc)) {
        if (typeof node.$ref !== 'string') continue;
        refs++;
        expect(node.$ref, path).to.match(/^#\//);
        expect(at(node.$ref.slice(1)), `${path}: ${node.$ref}`).to.not.equal(undefined);
      }
      expect(refs).to.be.greaterThan(10);
    });

    it('has well-formed operations, parameters and responses', () => {
      const operationIds = new Set<string>();
      for (const [template, item] of Object.entries<Json>(doc.paths)) {
        const operations = Object.keys(item).filter((k) => METHODS.includes(k));
        expect(operations, template).to.not.be.empty;
        for (const method of operations) {
          const op = item[method];
          const where = `${method} ${template}`;
          expect(op.operationId, where).to.be.a('string');
          expect(operationIds.has(op.operationId), `${where}: duplicate operationId`).to.equal(false);
          operationIds.add(op.operationId);
          expect(op.description, where).to.be.a('string');
          const params: Parameter[] = op.parameters ?? [];
          const inPath = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
          expect(
            params.filter((p) => p.in === 'path').map((p) => p.name),
            where,
          ).to.have.members(inPath);
          params.forEach((p, i) => {
            expect(['path', 'query'], `${where} ${p.name}`).to.include(p.in);
            if (p.in === 'path') expect(p.required, `${where} ${p.name}`).to.equal(true);
            expect(p.description, `${where} ${p.name}`).to.be.a('string');
            expect(p, `${where} ${p.name} needs an example`).to.have.property('example');
            const base = pointer('paths', template, method, 'parameters', String(i));
            expect(ajv.validateSchema(p.schema), `${where} ${p.name}`).to.equal(true);
            expectValid(`${base}/schema`, p.example, `example of ${where} ${p.name}`);
          });
          const statuses = Object.keys(op.responses);
          expect(statuses, where).to.include.members(['200', '400']);
          for (const status of statuses) {
            const response = follow(pointer('paths', template, method, 'responses', status));
            expect(response.value.description, `${where} ${status}`).to.be.a('string');
            expect(response.value.content, `${where} ${status}`).to.have.property('application/json');
            validatorAt(`${response.ptr}${pointer('content', 'application/json', 'schema')}`);
          }
        }
      }
    });

    it('compiles every component schema with ajv 2020 in strict mode', () => {
      for (const [name, schema] of Object.entries<Json>(doc.components.schemas)) {
        expect(ajv.validateSchema(schema), `${name}: ${ajv.errorsText()}`).to.equal(true);
        expect(validatorAt(pointer('components', 'schemas', name)), name).to.be.a('function');
      }
    });

    it('closes fixed shapes, so a leaked field fails the conformance checks', () => {
      const validate = validatorAt('/components/schemas/ModelSummary');
      const valid = {
        id: 1,
        slug: 'a-1',
        title: 'A',
        type: 'individual',
        field: 'kinh-te',
        fieldName: 'Kinh tế',
        provinceCode: '19',
        provinceName: 'Thái Nguyên',
        communeCode: null,
        communeName: null,
        formerProvinceCode: null,
        formerProvinceName: null,
        formerCommuneCode: null,
        formerCommuneName: null,
        currentCommunes: [],
        provinceLabel: 'Thái Nguyên',
        placeLabel: 'Tỉnh Thái Nguyên',
        year: 2024,
        startedYear: 2020,
        summary: '',
        holder: 'Bí thư',
        publishedAt: '2024-11-01T00:00:00.000Z',
        demo: false,
        url: 'http://localhost/mo-hinh/a-1',
      };
      expect(validate(valid), ajv.errorsText(validate.errors)).to.equal(true);
      expect(validate({ ...valid, contactPhone: '0900 000 111' })).to.equal(false);
      expect(validate({ ...valid, year: null })).to.equal(false);
      const { url: _url, ...withoutUrl } = valid;
      expect(validate(withoutUrl)).to.equal(false);
      const province = validatorAt('/components/schemas/Province');
      expect(
        province({
          code: '19',
          name: 'Thái Nguyên',
          fullName: 'Tỉnh Thái Nguyên',
          type: 'tinh',
          formerProvinces: [],
          reviewingBodyName: 'Ban',
        }),
      ).to.equal(false);
    });
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
      ];
      for (const q of queries) await call(`/api/v1/models${q}`);
      const split = (
        await call(`/api/v1/models?province=${(await call(`/api/v1/models/${ids.split}`)).body.provinceCode}`)
      ).body.items[0];
      expect(split.communeCode, 'a split former commune has no single current commune').to.equal(null);
      expect(split.currentCommunes.length).to.be.greaterThan(1);
    });

    it('GET /api/v1/models/{id}', async () => {
      for (const key of ['road', 'quangBinh', 'split', 'individual']) await call(`/api/v1/models/${ids[key]}`);
      const road = (await call(`/api/v1/models/${ids.road}`)).body;
      expect(road.replicates.map((m: { id: number }) => m.id)).to.deep.equal([ids.quangBinh]);
      expect(road.commendations).to.have.length(2);
      expect(road.resources.moneyMillion).to.equal(150.5);
      expect(
        (await call(`/api/v1/models/${ids.quangBinh}`)).body.replicatedBy.map((m: { id: number }) => m.id),
      ).to.deep.equal([ids.road]);
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
