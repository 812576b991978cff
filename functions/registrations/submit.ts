import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { submitRegistration } from '../../shared/students/registration.js';

export const handler = routeHandler(routes.submitRegistration, async ({ body, caller }) => {
  const student = await submitRegistration(caller, body);
  return { body: student, headers: { location: `/students/${student.studentId}` } };
});
