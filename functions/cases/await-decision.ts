import { backgroundHandler } from '../../shared/platform/background-handler.js';
import { awaitDecision } from '../../shared/cases/service.js';

export const handler = backgroundHandler('case-await-decision', async (event: { caseId: string; step: number; taskToken: string }) => awaitDecision(event));
