import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { inbox } from '../../shared/cases/service.js';

export const handler = routeHandler(routes.getInbox, async ({ query, caller }) => ({ body: await inbox(caller.principal, query) }));
