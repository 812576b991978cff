import { caseWorkflow } from './case-workflow.js';
import { importRegistrations } from './import-registrations.js';
import type { WorkflowDefinition } from './definition.js';

/** Every state machine of the system: the CDK stack deploys them, the local runtime runs them. */
export const workflows: WorkflowDefinition[] = [importRegistrations, caseWorkflow];
