import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { verifyIdentity } from '../../shared/students/registration.js';

export const handler = routeHandler(routes.verifyIdentity, async ({ params, body, caller }) => ({
  body: await verifyIdentity(caller, params.studentId, body),
}));
