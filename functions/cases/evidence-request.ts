import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { requestEvidenceUpload } from '../../shared/cases/evidence.js';

export const handler = routeHandler(routes.requestEvidenceUpload, async ({ params, body, caller }) => ({
  body: await requestEvidenceUpload(caller, params.caseId, body),
}));
