import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { decideRegistration } from '../../shared/students/registration.js';

export const handler = routeHandler(routes.decideRegistration, async ({ params, body, caller }) => ({
  body: await decideRegistration(caller, params.studentId, body),
}));
