import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { listEvidence } from '../../shared/cases/evidence.js';

export const handler = routeHandler(routes.listEvidence, async ({ params, caller }) => ({ body: await listEvidence(caller.principal, params.caseId) }));
