import { describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { caseClosed, registeredStudent, stepOpen } from '../support/cases.js';
import { intake } from '../support/students.js';

const decide = (caseId: string, step: number, as: string, decision: 'approve' | 'reject' = 'approve', reason = '同意') =>
  call('POST', `/cases/${caseId}/steps/${step}/decision`, { as, body: { decision, reason } });

describe('cases on the case workflow (A14, A15)', () => {
  it('A14.1: a transfer decided by four parties in turn moves the student, number unchanged, with a complete audit trail', async () => {
    const student = await registeredStudent();
    const opened = await call('POST', '/cases', {
      as: 'school-registrar',
      body: { studentId: student.studentId, reason: '家庭搬迁至盘龙区', details: { type: 'transfer', receivingSchoolId: '4153010002' } },
    });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    expect(opened.body.steps.map((s: { organisationId: string }) => s.organisationId)).toEqual(['4153010003', '530102', '4153010002', '530100']);

    const first = await stepOpen(call, caseId, 0, 'school-registrar');
    expect(first).toMatchObject({ party: 'sending-school', overdue: false });
    // not the party of the step: 403 for an organisation that can see the case, 404 for one that cannot
    expect((await decide(caseId, 0, 'kunming-school-registrar')).status).toBe(403);
    expect((await decide(caseId, 0, 'province-admin')).status).toBe(403);
    // a later step is not current yet
    expect((await decide(caseId, 1, 'wuhua-reviewer')).status).toBe(409);

    expect((await decide(caseId, 0, 'school-registrar')).status).toBe(200);
    // the same decision twice is answered as the first; the other one is a conflict
    expect((await decide(caseId, 0, 'school-registrar')).status).toBe(200);
    expect((await decide(caseId, 0, 'school-registrar', 'reject', '改主意')).status).toBe(409);

    await stepOpen(call, caseId, 1, 'wuhua-reviewer');
    expect((await decide(caseId, 1, 'wuhua-reviewer')).status).toBe(200);
    await stepOpen(call, caseId, 2, 'kunming-school-registrar');
    expect((await decide(caseId, 2, 'kunming-school-registrar')).status).toBe(200);
    await stepOpen(call, caseId, 3, 'kunming-reviewer');
    expect((await decide(caseId, 3, 'kunming-reviewer')).status).toBe(200);

    const closed = await caseClosed(call, caseId, 'kunming-reviewer');
    expect(closed.status).toBe('approved');
    expect(closed.steps.every((s: { deadline?: { date: string } }) => s.deadline?.date)).toBe(true);
    const moved = await call('GET', `/students/${student.studentId}`, { as: 'kunming-school-registrar' });
    expect(moved.body).toMatchObject({ schoolId: '4153010002', supervisingAuthorityId: '530100', studentNumber: student.studentNumber });
    expect((await call('GET', `/students/${student.studentId}`, { as: 'school-registrar' })).status).toBe(404);

    const audit = await call('GET', `/students/${student.studentId}/audit-events?limit=20`, { as: 'kunming-reviewer' });
    expect(audit.body.items.map((e: { action: string }) => e.action).slice(0, 6)).toEqual([
      'case.applied.transfer',
      'case.step-approved',
      'case.step-approved',
      'case.step-approved',
      'case.step-approved',
      'case.opened',
    ]);
  });

  it('A15: a rejection by the authority ends the case and changes nothing', async () => {
    const student = await registeredStudent();
    const opened = await call('POST', '/cases', {
      as: 'school-registrar',
      body: { studentId: student.studentId, reason: '学生申请转专业', details: { type: 'status-change', change: 'change-major', newMajor: { code: '710202', name: '计算机网络技术' } } },
    });
    const caseId = opened.body.caseId as string;
    await stepOpen(call, caseId, 0, 'school-registrar');
    await decide(caseId, 0, 'school-registrar');
    await stepOpen(call, caseId, 1, 'wuhua-reviewer');
    expect((await decide(caseId, 1, 'wuhua-reviewer', 'reject', '证明材料不足')).status).toBe(200);
    expect((await caseClosed(call, caseId, 'wuhua-reviewer')).status).toBe('rejected');
    expect((await call('GET', `/students/${student.studentId}`, { as: 'school-registrar' })).body.enrolment.major.code).toBe('710201');
  });

  it('A15: suspension, then withdrawal — which frees the person for a new registration (A9)', async () => {
    const body = intake();
    const student = await registeredStudent(call, body);
    const run = async (details: Record<string, unknown>) => {
      const opened = await call('POST', '/cases', { as: 'school-registrar', body: { studentId: student.studentId, reason: '本人申请', details } });
      expect(opened.status).toBe(201);
      for (const [step, as] of [[0, 'school-registrar'], [1, 'wuhua-reviewer']] as const) {
        await stepOpen(call, opened.body.caseId, step, as);
        await decide(opened.body.caseId, step, as);
      }
      return caseClosed(call, opened.body.caseId, 'wuhua-reviewer');
    };
    await run({ type: 'status-change', change: 'suspension', expectedReturn: '2027-03-01' });
    expect((await call('GET', `/students/${student.studentId}`, { as: 'school-registrar' })).body).toMatchObject({ status: 'suspended', suspension: { expectedReturn: '2027-03-01' } });
    expect((await call('POST', '/registrations', { as: 'kunming-school-registrar', body })).status).toBe(409);

    const withdrawn = await call('POST', '/cases', { as: 'school-registrar', body: { studentId: student.studentId, reason: '退学', details: { type: 'status-change', change: 'withdrawal' } } });
    expect(withdrawn.status).toBe(422); // a suspended student resumes first
    await run({ type: 'status-change', change: 'resumption' });
    await run({ type: 'status-change', change: 'withdrawal' });
    expect((await call('GET', `/students/${student.studentId}`, { as: 'school-registrar' })).body.status).toBe('withdrawn');
    expect((await call('POST', '/registrations', { as: 'kunming-school-registrar', body })).status).toBe(201);
  });

  it('A15: only the student’s school opens a case, and the details each change needs are required', async () => {
    const student = await registeredStudent();
    const other = await call('POST', '/cases', { as: 'kunming-school-registrar', body: { studentId: student.studentId, reason: '转学', details: { type: 'transfer', receivingSchoolId: '4153010002' } } });
    expect(other.status).toBe(404);
    const missing = await call('POST', '/cases', { as: 'school-registrar', body: { studentId: student.studentId, reason: '休学', details: { type: 'status-change', change: 'suspension' } } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('body.details.expectedReturn');
  });
});
