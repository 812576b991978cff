import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { localStateMachineArn } from '../../infra/local/step-functions-arn.js';
import { caseWorkflow } from '../../infra/workflows/case-workflow.js';
import { median, round } from './stats.js';
import { intakeOf, nextPerson } from './people.js';
import { ok, until, type BenchStack } from './stack.js';

/**
 * Figure 5: what one transfer case (A14.1) costs the workflow engine — state transitions (what Step Functions
 * Standard bills) and Lambda invocations — and how long a case takes on the local engine when every party decides
 * the moment its step opens.
 */
export interface WorkflowResult {
  cases: number;
  stateTransitions: number;
  workflowInvocations: number;
  apiRequests: number;
  /** API requests each invoke the authorizer and the route's function */
  apiInvocations: number;
  wallSecondsMedian: number;
  wallSeconds: number[];
  statesEntered: Record<string, number>;
}

const PARTIES = ['school-registrar', 'wuhua-reviewer', 'kunming-school-registrar', 'kunming-reviewer'];

/**
 * A14.1: the school-registrar's student transferred to 昆明市第一职业高级中学, each of the four parties approving the
 * moment its step opens; returns when the case is approved (its change applied).
 */
export async function runTransfer(stack: BenchStack, studentId: string): Promise<string> {
  const { api, peek, token } = stack;
  const opened = await ok(
    api('POST', '/cases', { token: token('school-registrar'), body: { studentId, reason: '家庭搬迁', details: { type: 'transfer', receivingSchoolId: '4153010002' } } }),
    201,
  );
  const caseId = String(opened.caseId);
  for (const [step, party] of PARTIES.entries()) {
    await until(`step ${step} to open`, async () => Boolean((await peek(`CASE#${caseId}`, `STEP#${step}`))?.taskToken));
    await ok(api('POST', `/cases/${caseId}/steps/${step}/decision`, { token: token(party), body: { decision: 'approve', reason: '同意' } }), 200);
  }
  await until('the case to close', async () => (await peek(`CASE#${caseId}`, 'CASE'))?.status?.S === 'approved');
  return caseId;
}

export async function measureWorkflow(stack: BenchStack, options: { cases: number }): Promise<WorkflowResult> {
  const { api, token } = stack;
  const sfn = new SFNClient({ endpoint: stack.local.stepFunctionsEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

  const walls: number[] = [];
  let history: { type: string; stateEnteredEventDetails?: { name?: string } }[] = [];
  for (let n = 0; n < options.cases; n++) {
    const student = await ok(api('POST', '/registrations', { token: token('school-registrar'), body: intakeOf(nextPerson()) }), 201);
    const reviewer = token('wuhua-reviewer');
    await ok(api('POST', `/students/${student.studentId}/registration-decision`, { token: reviewer, body: { decision: 'approve', reason: '同意' } }), 200);
    await ok(api('POST', `/students/${student.studentId}/identity-verification`, { token: reviewer, body: { checks: ['original-document-inspected'] } }), 200);

    const started = performance.now();
    const caseId = await runTransfer(stack, student.studentId);
    walls.push((performance.now() - started) / 1000);

    const executionArn = `${localStateMachineArn(caseWorkflow.id).replace(':stateMachine:', ':execution:')}:${caseId}`;
    await until('the execution to end', async () => (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events?.some((e) => e.type === 'ExecutionSucceeded') ?? false);
    history = ((await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? []) as never;
  }
  sfn.destroy();

  const entered = history.filter((e) => e.type.endsWith('StateEntered'));
  const statesEntered: Record<string, number> = {};
  for (const e of entered) {
    const name = String(e.stateEnteredEventDetails?.name);
    statesEntered[name] = (statesEntered[name] ?? 0) + 1;
  }
  const apiRequests = 1 + PARTIES.length;
  return {
    cases: options.cases,
    stateTransitions: entered.length,
    workflowInvocations: history.filter((e) => e.type === 'TaskStateEntered').length,
    apiRequests,
    apiInvocations: apiRequests * 2,
    wallSecondsMedian: round(median(walls), 2),
    wallSeconds: walls.map((w) => round(w, 2)),
    statesEntered,
  };
}
