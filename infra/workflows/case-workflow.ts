import { LAMBDA_RETRY, type WorkflowDefinition } from './definition.js';

/**
 * One machine for every case (A14, A15): open the next party's step with its 10-working-day deadline, wait for the
 * party's decision (a callback task: the token waits in the step until the decision API sends it back), and loop;
 * a rejection or the last approval ends in Finish, which applies the change. Three states per party — Standard
 * workflows are billed by state transition, and a case's transitions are most of what it costs (BENCHMARKS.md,
 * figure 5). A step whose deadline passes is marked
 * overdue and escalated, then waits again — it never lapses. The task timeout is the deadline itself
 * (TimeoutSecondsPath `$.Payload.timeoutSeconds`, present both in the state input and in the task's parameters, as
 * the local engine evaluates it against the latter). No execution timeout: a case waits as long as its parties take,
 * up to the year a Standard execution may last.
 */
const invoke = (placeholder: string, payload: Record<string, string>) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: `\${${placeholder}}`, Payload: payload },
  ResultSelector: { 'Payload.$': '$.Payload' },
  TimeoutSeconds: 60,
  Retry: [LAMBDA_RETRY],
});

export const caseWorkflow: WorkflowDefinition = {
  id: 'case-workflow',
  description: 'A case decided by its parties in turn, each within 10 working days (A14, A15)',
  tasks: {
    OpenStepFunctionArn: { handler: 'cases/open-step', grants: { table: 'write' }, timeoutSeconds: 50 },
    AwaitDecisionFunctionArn: { handler: 'cases/await-decision', grants: { table: 'write' }, timeoutSeconds: 50 },
    MarkOverdueFunctionArn: { handler: 'cases/mark-overdue', grants: { table: 'write' }, timeoutSeconds: 50 },
    FinishCaseFunctionArn: { handler: 'cases/finish', grants: { table: 'write' }, timeoutSeconds: 50 },
  },
  asl: {
    Comment: 'A case: each party decides in turn within its deadline',
    StartAt: 'Begin',
    States: {
      // the loop below finds the case at $.Payload.caseId, where every step's position is
      Begin: { Type: 'Pass', Parameters: { Payload: { 'caseId.$': '$.caseId' } }, Next: 'OpenStep' },
      OpenStep: { ...invoke('OpenStepFunctionArn', { 'caseId.$': '$.Payload.caseId' }), Next: 'WaitForDecision' },
      WaitForDecision: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: {
          FunctionName: '${AwaitDecisionFunctionArn}',
          Payload: {
            'caseId.$': '$.Payload.caseId',
            'step.$': '$.Payload.step',
            'timeoutSeconds.$': '$.Payload.timeoutSeconds',
            'taskToken.$': '$$.Task.Token',
          },
        },
        TimeoutSecondsPath: '$.Payload.timeoutSeconds',
        ResultPath: '$.decision',
        Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timedOut', Next: 'MarkOverdue' }],
        Next: 'Decided',
      },
      MarkOverdue: { ...invoke('MarkOverdueFunctionArn', { 'caseId.$': '$.Payload.caseId', 'step.$': '$.Payload.step' }), Next: 'WaitForDecision' },
      Decided: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.decision.decision', StringEquals: 'reject', Next: 'Finish' },
          { Variable: '$.Payload.last', BooleanEquals: true, Next: 'Finish' },
        ],
        Default: 'OpenStep',
      },
      Finish: { ...invoke('FinishCaseFunctionArn', { 'caseId.$': '$.Payload.caseId' }), End: true },
    },
  },
};
