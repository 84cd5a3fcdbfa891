// The pieces a capability documents its API operations with. The components they refer to
// (schemas, shared responses and headers) are defined once, in src/api/openapi.ts.

type Json = Record<string, unknown>;

/** A reference to a shared schema of the document's components. */
export const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

/** A JSON response body of `schema`. */
export const jsonContent = (schema: Json) => ({ 'application/json': { schema } });
/** The headers every /api/v1 answer carries. */
export const apiHeaders = {
  'Access-Control-Allow-Origin': { $ref: '#/components/headers/AccessControlAllowOrigin' },
  'Cache-Control': { $ref: '#/components/headers/CacheControl' },
};

/** A read-only operation: 200 with `schema`, 400 for any unknown or invalid parameter, 404 when asked. */
export function readOperation(op: {
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  parameters?: Json[];
  ok: string;
  schema: Json;
  notFound?: string;
}) {
  return {
    get: {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      description: op.description,
      parameters: op.parameters ?? [],
      responses: {
        200: { description: op.ok, headers: apiHeaders, content: jsonContent(op.schema) },
        400: { $ref: '#/components/responses/BadRequest' },
        ...(op.notFound ? { 404: { $ref: '#/components/responses/NotFound', description: op.notFound } } : {}),
        500: { $ref: '#/components/responses/ServerError' },
        503: { $ref: '#/components/responses/Unavailable' },
      },
    },
  };
}
