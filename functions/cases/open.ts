import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { openCase } from '../../shared/cases/service.js';

export const handler = routeHandler(routes.openCase, async ({ body, caller }) => {
  const opened = await openCase(caller, body);
  return { body: opened, headers: { location: `/cases/${opened.caseId}` } };
});
