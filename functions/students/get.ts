import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { getStudent } from '../../shared/students/registration.js';
import { present } from '../../shared/students/queries.js';

export const handler = routeHandler(routes.getStudent, async ({ params, caller }) => ({
  body: present(caller.principal, await getStudent(caller.principal, params.studentId)),
}));
