import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { getCase } from '../../shared/cases/service.js';

export const handler = routeHandler(routes.getCase, async ({ params, caller }) => ({ body: await getCase(caller.principal, params.caseId) }));
