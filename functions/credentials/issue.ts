import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { issueCredential } from '../../shared/credentials/service.js';

export const handler = routeHandler(routes.issueCredential, async ({ body, caller }) => {
  const issued = await issueCredential(caller, body);
  return { body: issued, headers: { 'cache-control': 'no-store' } };
});
