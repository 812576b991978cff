import { backgroundHandler } from '../../shared/platform/background-handler.js';
import { importChunk } from '../../shared/imports/service.js';

export const handler = backgroundHandler('import-chunk', async (event: { jobId: string; chunk: { key: string } }) => importChunk(event.jobId, event.chunk));
