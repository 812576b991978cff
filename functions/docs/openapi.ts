import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { openApiDocument } from '../../shared/api/openapi.js';

let document: ReturnType<typeof openApiDocument> | undefined;

export const handler = routeHandler(routes.getOpenApi, async () => {
  document ??= openApiDocument();
  return { body: document, headers: { 'cache-control': 'public, max-age=300' } };
});
