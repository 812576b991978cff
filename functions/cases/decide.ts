import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { decideStep } from '../../shared/cases/service.js';

export const handler = routeHandler(routes.decideCaseStep, async ({ params, body, caller }) => ({
  body: await decideStep(caller, params.caseId, params.step, body),
}));
