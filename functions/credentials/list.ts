import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { listCredentials } from '../../shared/credentials/service.js';

export const handler = routeHandler(routes.listCredentials, async ({ query }) => ({
  body: await listCredentials(query.organisationId, query),
}));
