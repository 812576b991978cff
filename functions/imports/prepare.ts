import { backgroundHandler } from '../../shared/platform/background-handler.js';
import { prepareImport } from '../../shared/imports/service.js';

export const handler = backgroundHandler('prepare-import', async (event: { jobId: string }) => prepareImport(event.jobId));
