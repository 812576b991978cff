import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { confirmEvidence } from '../../shared/cases/evidence.js';

export const handler = routeHandler(routes.confirmEvidence, async ({ params, caller }) => ({
  body: await confirmEvidence(caller, params.caseId, params.evidenceId),
}));
