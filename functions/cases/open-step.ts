import { backgroundHandler } from '../../shared/platform/background-handler.js';
import { openNextStep } from '../../shared/cases/service.js';

export const handler = backgroundHandler('case-open-step', async (event: { caseId: string }) => openNextStep(event.caseId));
