/** OpenAPI 3.1 description of /api/v1; a test checks real responses against it. */
export const openApiDocument = { openapi: '3.1.0', info: { title: 'Dân vận khéo', version: '1' }, paths: {} };
