import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { listOrganisationAudit } from '../../shared/audit/service.js';

export const handler = routeHandler(routes.listOrganisationAuditEvents, async ({ params, query, caller }) => ({
  body: await listOrganisationAudit(caller.principal, params.organisationId, query),
}));
