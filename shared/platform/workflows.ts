import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { env } from './config.js';

/**
 * Starts a state machine execution. Locally the endpoint is the local Step Functions host, which runs the same
 * definitions with aws-local-stepfunctions. The execution name makes a start idempotent: starting again with the same
 * name and input answers with the execution already running, so a start can simply be retried.
 */
let client: SFNClient | undefined;

/** The environment variable that carries a workflow's state machine ARN, e.g. IMPORT_REGISTRATIONS_STATE_MACHINE_ARN. */
export function stateMachineArnVariable(workflowId: string): string {
  return `${workflowId.toUpperCase().replaceAll('-', '_')}_STATE_MACHINE_ARN`;
}

function sfn(): SFNClient {
  const endpoint = env.stepFunctionsEndpoint();
  client ??= new SFNClient(
    endpoint ? { endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : { region: env.region() },
  );
  return client;
}

export async function startWorkflow(workflowId: string, executionName: string, input: unknown): Promise<string> {
  const stateMachineArn = env.variable(stateMachineArnVariable(workflowId));
  const result = await sfn().send(new StartExecutionCommand({ stateMachineArn, name: executionName, input: JSON.stringify(input) }));
  return result.executionArn!;
}

/** Completes a callback task (`.waitForTaskToken`) with its output. */
export async function sendTaskSuccess(taskToken: string, output: unknown): Promise<void> {
  await sfn().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
}
