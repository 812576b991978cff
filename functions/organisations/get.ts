import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { getOrganisation } from '../../shared/organisations/service.js';

export const handler = routeHandler(routes.getOrganisation, async ({ params, caller }) => ({
  body: await getOrganisation(caller.principal, params.organisationId),
}));
