import { expect } from 'chai';
import {
  at,
  ajv,
  doc,
  expectValid,
  follow,
  METHODS,
  pointer,
  validatorAt,
  walk,
  type Json,
  type Parameter,
} from '../helpers/openapi-schema.js';

// The document on its own: its shape, references, operations and schemas. Real responses checked against it are in
// openapi-responses.test.ts.
describe('OpenAPI document /api/v1/openapi.json', () => {
  describe('the document itself', () => {
    it('is OpenAPI 3.1.0 with a path for every endpoint', () => {
      expect(doc.openapi).to.equal('3.1.0');
      expect(doc.info.title).to.be.a('string');
      expect(doc.info.version).to.be.a('string');
      expect(Object.keys(doc.paths)).to.have.members([
        '/api/v1/models',
        '/api/v1/models.csv',
        '/api/v1/models/{id}',
        '/api/v1/provinces',
        '/api/v1/provinces/{code}/communes',
        '/api/v1/fields',
        '/api/v1/movements',
        '/api/v1/movements/{code}',
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
            // A download's success is the file itself; every other answer is JSON.
            const type = status === '200' && response.value.content?.['text/csv'] ? 'text/csv' : 'application/json';
            expect(response.value.content, `${where} ${status}`).to.have.property(type);
            validatorAt(`${response.ptr}${pointer('content', type, 'schema')}`);
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
        replicationCount: 0,
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
});
