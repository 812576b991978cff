import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { getImport } from '../../shared/imports/service.js';

export const handler = routeHandler(routes.getImport, async ({ params, caller }) => ({ body: await getImport(caller.principal, params.jobId) }));
