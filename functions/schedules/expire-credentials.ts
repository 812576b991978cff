import { scheduledHandler } from '../../shared/platform/scheduled-handler.js';
import { expireCredentials } from '../../shared/credentials/service.js';

export const handler = scheduledHandler('expire-credentials', async (requestId) => ({ expired: await expireCredentials(requestId) }));
