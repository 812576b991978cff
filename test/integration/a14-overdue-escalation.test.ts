import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../infra/local/runtime.js';
import { apiAt, type call } from '../support/api.js';
import { caseClosed, registeredStudent, stepOpen } from '../support/cases.js';

/**
 * Deadlines on the case workflow's own timers, on a stack whose clock runs 300,000× faster: a step's 10 working days
 * (about two weeks) pass in a few real seconds.
 */
let stack: LocalStack;
let api: typeof call;

beforeAll(async () => {
  stack = await startLocalStack({ port: 0, clock: '2026-11-18T10:00:00+08:00', clockSpeed: 300_000, logLevel: 'ERROR' });
  api = apiAt(stack.url);
});
afterAll(async () => {
  await stack?.stop();
});

describe('A14 / A15 deadlines: overdue, escalated, never lapsed', () => {
  it('A15: a step left undecided past its 10 working days turns overdue and shows in the superior’s inbox; a late approval still completes', async () => {
    const student = await registeredStudent(api);
    const opened = await api('POST', '/cases', {
      as: 'school-registrar',
      body: { studentId: student.studentId, reason: '学生申请留级', details: { type: 'status-change', change: 'repeat-year' } },
    });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;

    // the school does nothing: its county (the school's supervising authority) sees the step among its subordinates' overdue ones
    const escalated = await stepOpen(api, caseId, 0, 'wuhua-reviewer', 'escalations', 30_000);
    expect(escalated).toMatchObject({ organisationId: '4153010003', overdue: true });
    const mine = await stepOpen(api, caseId, 0, 'school-registrar');
    expect(mine.overdue).toBe(true);
    const current = await api('GET', `/cases/${caseId}`, { as: 'school-registrar' });
    expect(current.body.steps[0].overdue).toMatchObject({ escalatedTo: '530102' });
    expect(current.body.status).toBe('open');

    expect((await api('POST', `/cases/${caseId}/steps/0/decision`, { as: 'school-registrar', body: { decision: 'approve', reason: '补办' } })).status).toBe(200);
    await stepOpen(api, caseId, 1, 'wuhua-reviewer');
    expect((await api('POST', `/cases/${caseId}/steps/1/decision`, { as: 'wuhua-reviewer', body: { decision: 'approve', reason: '同意' } })).status).toBe(200);
    expect((await caseClosed(api, caseId, 'wuhua-reviewer')).status).toBe('approved');
    const after = await api('GET', `/students/${student.studentId}`, { as: 'school-registrar' });
    // A15 留级: graduation a year later
    const [year, month] = (student.registration.expectedGraduation as string).split('-');
    expect(after.body.registration.expectedGraduation).toBe(`${Number(year) + 1}-${month}`);
    // decided: gone from the superior's overdue list
    const escalations = await api('GET', '/inbox?view=escalations&limit=100', { as: 'wuhua-reviewer' });
    expect(escalations.body.items.some((e: { caseId: string }) => e.caseId === caseId)).toBe(false);
  }, 60_000);
});
