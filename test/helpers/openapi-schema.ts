import { expect } from 'chai';
import type request from 'supertest';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiDocument } from '../../src/api/openapi.js';

/*
 * Reading and validating the OpenAPI document: JSON pointers into it, one ajv (2020-12, strict) holding the whole
 * document, and the check that a real response matches what the document declares for it.
 */

// CommonJS modules: the default import is module.exports, whose `default` is the export itself.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

export type Json = Record<string, any>;
export interface Parameter {
  name: string;
  in: string;
  description?: string;
  required?: boolean;
  example?: unknown;
  schema: Json;
}

export const doc = openApiDocument as Json;
const DOC = 'openapi.json';
export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
export const pointer = (...parts: string[]) => parts.map((p) => `/${escapePointer(p)}`).join('');

/** The value at a JSON pointer of the document, or undefined. */
export function at(ptr: string): any {
  let node: any = doc;
  for (const raw of ptr.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(part in node)) return undefined;
    node = node[part];
  }
  return node;
}

/** Follows Reference Objects, so the pointer names the object itself. */
export function follow(ptr: string): { ptr: string; value: any } {
  const value = at(ptr);
  if (value && typeof value.$ref === 'string') return follow(value.$ref.replace(/^#/, ''));
  return { ptr, value };
}

export function* walk(node: unknown, path = ''): Generator<[string, Json]> {
  if (node === null || typeof node !== 'object') return;
  yield [path, node as Json];
  for (const [k, v] of Object.entries(node)) yield* walk(v, `${path}/${escapePointer(k)}`);
}

export const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
// The document is registered whole, so "#/components/schemas/X" resolves inside it; its
// OpenAPI-only top-level keys are declared as annotation keywords for strict mode.
ajv.addVocabulary(['openapi', 'info', 'servers', 'tags', 'paths', 'components']);
ajv.addSchema(structuredClone(doc), DOC);

export function validatorAt(ptr: string) {
  const fragment = ptr.split('/').map(encodeURIComponent).join('/');
  const validate = ajv.getSchema(`${DOC}#${fragment}`);
  if (!validate) throw new Error(`no schema at ${ptr}`);
  return validate;
}

export function expectValid(ptr: string, value: unknown, what: string): void {
  const validate = validatorAt(ptr);
  const ok = validate(value);
  expect(ok, `${what} does not match ${ptr}:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`).to.equal(true);
}

const templates = Object.keys(doc.paths).map((template) => ({
  template,
  regex: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** Checks a real response against what the document declares for its path, method and status. */
export function expectConforms(method: string, url: string, res: request.Response): void {
  const { pathname } = new URL(url, 'http://localhost');
  const match = templates.find((t) => t.regex.test(pathname));
  expect(match, `${pathname} is not a documented path`).to.not.equal(undefined);
  const operation = pointer('paths', match!.template, method);
  expect(at(operation), `${method} ${match!.template} is not documented`).to.be.an('object');
  const response = follow(`${operation}${pointer('responses', String(res.status))}`);
  expect(response.value, `${method} ${match!.template} does not document status ${res.status}`).to.be.an('object');
  if (response.value.content?.['text/csv']) {
    // A file: UTF-8 with a BOM and a header row.
    expect(res.type, url).to.equal('text/csv');
    expect(res.text.startsWith('\uFEFF'), `${url}: BOM`).to.equal(true);
  } else {
    expect(res.type, url).to.equal('application/json');
    expectValid(
      `${response.ptr}${pointer('content', 'application/json', 'schema')}`,
      res.body,
      `${method.toUpperCase()} ${url} → ${res.status}`,
    );
  }
  for (const name of Object.keys(response.value.headers ?? {})) {
    const header = follow(`${response.ptr}${pointer('headers', name)}`);
    expectValid(`${header.ptr}/schema`, res.headers[name.toLowerCase()], `header ${name} of ${url}`);
  }
}
