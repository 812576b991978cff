import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { decideRegistrationWithHandOver } from '../../shared/cases/registration-decision.js';

export const handler = routeHandler(routes.decideRegistration, async ({ params, body, caller }) => ({
  body: await decideRegistrationWithHandOver(caller, params.studentId, body),
}));
