import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { reviewQueue } from '../../shared/students/queries.js';

export const handler = routeHandler(routes.getReviewQueue, async ({ query, caller }) => ({
  body: await reviewQueue(caller.principal, query),
}));
