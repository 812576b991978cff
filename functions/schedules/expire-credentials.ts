import { backgroundHandler } from '../../shared/platform/background-handler.js';
import { expireCredentials } from '../../shared/credentials/service.js';

export const handler = backgroundHandler('expire-credentials', async (_event, requestId) => ({ expired: await expireCredentials(requestId) }));
