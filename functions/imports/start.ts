import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { startImport } from '../../shared/imports/service.js';

export const handler = routeHandler(routes.startImport, async ({ params, caller }) => ({ body: await startImport(caller, params.jobId) }));
