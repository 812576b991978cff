import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { openApiDocument } from '../../shared/api/openapi.js';
import { renderDocsPage } from '../../shared/api/docs-page.js';

let page: string | undefined;

export const handler = routeHandler(routes.getDocs, async () => {
  page ??= renderDocsPage(openApiDocument());
  return { body: page, headers: { 'cache-control': 'public, max-age=300' } };
});
