import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { updateBasicInfo } from '../../shared/organisations/service.js';

export const handler = routeHandler(routes.updateOrganisation, async ({ params, body, caller }) => ({
  body: await updateBasicInfo(caller, params.organisationId, body),
}));
