import { backgroundHandler } from '../../shared/platform/background-handler.js';
import { finishCase } from '../../shared/cases/service.js';

export const handler = backgroundHandler('case-finish', async (event: { caseId: string }) => finishCase(event.caseId));
