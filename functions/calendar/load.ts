import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { loadYearSchedule } from '../../shared/calendar/service.js';

export const handler = routeHandler(routes.loadCalendarYear, async ({ params, body, caller }) => ({
  body: await loadYearSchedule(caller, params.year, body),
}));
