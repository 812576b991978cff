import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { createOrganisation } from '../../shared/organisations/service.js';

export const handler = routeHandler(routes.createOrganisation, async ({ body, caller }) => {
  const organisation = await createOrganisation(caller, body);
  return { body: organisation, headers: { location: `/organisations/${organisation.id}` } };
});
