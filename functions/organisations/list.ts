import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { listJurisdiction } from '../../shared/organisations/service.js';

export const handler = routeHandler(routes.listOrganisations, async ({ query, caller }) => ({
  body: await listJurisdiction(caller.principal, query),
}));
