import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { createImport } from '../../shared/imports/service.js';

export const handler = routeHandler(routes.createImport, async ({ body, caller }) => {
  const created = await createImport(caller, body);
  return { body: created, headers: { location: `/imports/${created.job.jobId}` } };
});
