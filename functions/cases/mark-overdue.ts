import { backgroundHandler } from '../../shared/platform/background-handler.js';
import { markOverdue } from '../../shared/cases/service.js';

export const handler = backgroundHandler('case-mark-overdue', async (event: { caseId: string; step: number }) => markOverdue(event));
