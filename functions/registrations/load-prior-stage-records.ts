import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { loadPriorStageRecords } from '../../shared/students/prior-records.js';

export const handler = routeHandler(routes.loadPriorStageRecords, async ({ body, caller, event }) => ({
  body: await loadPriorStageRecords(caller, body.records, event.rawPath),
}));
