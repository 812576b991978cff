import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { getYearSchedule } from '../../shared/calendar/service.js';

export const handler = routeHandler(routes.getCalendarYear, async ({ params }) => ({ body: await getYearSchedule(params.year) }));
