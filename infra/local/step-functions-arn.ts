/** The ARN the local Step Functions host gives a workflow (kept apart: the environment needs it before any handler loads). */
export function localStateMachineArn(id: string): string {
  return `arn:aws:states:local:000000000000:stateMachine:${id}`;
}
