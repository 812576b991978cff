import { backgroundHandler } from '../../shared/platform/background-handler.js';
import { finishImport } from '../../shared/imports/service.js';

export const handler = backgroundHandler('finish-import', async (event: { jobId: string; error?: { Error?: string; Cause?: string } }) =>
  finishImport(event.jobId, event.error),
);
