import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { grantEligibility } from '../../shared/students/registration.js';

export const handler = routeHandler(routes.getGrantEligibility, async ({ params, caller }) => ({
  body: await grantEligibility(caller.principal, params.studentId),
}));
