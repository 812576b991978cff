import { backgroundHandler } from '../../shared/platform/background-handler.js';
import { restartStalledCases } from '../../shared/cases/service.js';

export const handler = backgroundHandler('restart-stalled-cases', async () => ({ restarted: await restartStalledCases() }));
