import type { RouteDefinition } from '../../shared/api/route.js';

/**
 * A state machine as data: Amazon States Language with `${Placeholder}` where a task's function ARN goes. The CDK
 * stack fills the placeholders with `definitionSubstitutions`; the local runtime maps the same Task states to the same
 * handler modules. One definition, two engines.
 */
export interface WorkflowTask {
  /** the Lambda entry under functions/, without extension */
  handler: string;
  grants: RouteDefinition['grants'];
  timeoutSeconds: number;
}

export interface WorkflowDefinition {
  /** also the name of the environment variable that carries its ARN: `<ID>_STATE_MACHINE_ARN` */
  id: string;
  description: string;
  /** placeholder → task */
  tasks: Record<string, WorkflowTask>;
  asl: Record<string, unknown>;
}

export { stateMachineArnVariable } from '../../shared/platform/workflows.js';

/** Lambda errors worth retrying: the service's own, throttling, a cold network. */
export const LAMBDA_RETRY = {
  ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'],
  IntervalSeconds: 2,
  MaxAttempts: 4,
  BackoffRate: 2,
};
