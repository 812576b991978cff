import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { studentAudit } from '../../shared/students/queries.js';

export const handler = routeHandler(routes.listStudentAuditEvents, async ({ params, query, caller }) => ({
  body: await studentAudit(caller.principal, params.studentId, query),
}));
