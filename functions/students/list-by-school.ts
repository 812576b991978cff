import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { listSchoolStudents } from '../../shared/students/queries.js';

export const handler = routeHandler(routes.listSchoolStudents, async ({ params, query, caller }) => ({
  body: await listSchoolStudents(caller.principal, params.schoolId, query),
}));
