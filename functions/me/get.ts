import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { getOrganisation } from '../../shared/organisations/service.js';

export const handler = routeHandler(routes.getMe, async ({ caller }) => {
  const { credentialId, holderName, holderKind, role, organisationId } = caller.principal;
  return { body: { credentialId, holderName, holderKind, role, organisation: await getOrganisation(caller.principal, organisationId) } };
});
