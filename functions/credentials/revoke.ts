import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { revokeCredential } from '../../shared/credentials/service.js';

export const handler = routeHandler(routes.revokeCredential, async ({ params, body, caller }) => ({
  body: await revokeCredential(caller, params.credentialId, body.reason),
}));
