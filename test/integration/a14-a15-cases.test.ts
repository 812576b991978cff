import { describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { approveInTurn, caseClosed, registeredStudent, stepOpen } from '../support/cases.js';
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

  it('A15: suspension, then withdrawal — which frees the person for a new registration (A9), under the same lifelong number (A8.2)', async () => {
    const body = intake();
    const student = await registeredStudent(call, body);
    const run = async (details: Record<string, unknown>) => {
      const opened = await call('POST', '/cases', { as: 'school-registrar', body: { studentId: student.studentId, reason: '本人申请', details } });
      expect(opened.status).toBe(201);
      return approveInTurn(call, opened.body.caseId, ['school-registrar', 'wuhua-reviewer']);
    };
    await run({ type: 'status-change', change: 'suspension', expectedReturn: '2027-03-01' });
    expect((await call('GET', `/students/${student.studentId}`, { as: 'school-registrar' })).body).toMatchObject({ status: 'suspended', suspension: { expectedReturn: '2027-03-01' } });
    expect((await call('POST', '/registrations', { as: 'kunming-school-registrar', body })).status).toBe(409);

    const withdrawn = await call('POST', '/cases', { as: 'school-registrar', body: { studentId: student.studentId, reason: '退学', details: { type: 'status-change', change: 'withdrawal' } } });
    expect(withdrawn.status).toBe(422); // a suspended student resumes first
    await run({ type: 'status-change', change: 'resumption' });
    await run({ type: 'status-change', change: 'withdrawal' });
    expect((await call('GET', `/students/${student.studentId}`, { as: 'school-registrar' })).body.status).toBe('withdrawn');
    const again = await call('POST', '/registrations', { as: 'kunming-school-registrar', body });
    expect(again.status).toBe(201);
    // 昆明市 supervises 昆明市第一职业高级中学 (A4): approved and verified there, the person gets their own G number again
    const id = again.body.studentId;
    expect((await call('POST', `/students/${id}/registration-decision`, { as: 'kunming-reviewer', body: { decision: 'approve', reason: '同意' } })).status).toBe(200);
    const verified = await call('POST', `/students/${id}/identity-verification`, { as: 'kunming-reviewer', body: { checks: ['original-document-inspected'] } });
    expect(verified.body).toMatchObject({ status: 'registered', studentNumber: student.studentNumber });
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

describe('A12.1 evidence', () => {
  it('A12.1: a proof document goes to S3 by presigned URL, is checked to be what it says, and stays in the student’s archive', async () => {
    const student = await registeredStudent();
    const opened = await call('POST', '/cases', {
      as: 'school-registrar',
      body: { studentId: student.studentId, reason: '休学一年', details: { type: 'status-change', change: 'suspension', expectedReturn: '2027-09-01' } },
    });
    const caseId = opened.body.caseId as string;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const requested = await call('POST', `/cases/${caseId}/evidence`, { as: 'school-registrar', body: { fileName: '诊断证明.pdf', contentType: 'application/pdf', sizeBytes: pdf.length } });
    expect(requested.status).toBe(201);
    const put = await fetch(requested.body.upload.url, { method: 'PUT', headers: requested.body.upload.headers, body: pdf });
    expect(put.status).toBe(200);
    const confirmed = await call('POST', `/cases/${caseId}/evidence/${requested.body.evidence.evidenceId}/confirm`, { as: 'school-registrar' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('stored');

    const fake = await call('POST', `/cases/${caseId}/evidence`, { as: 'school-registrar', body: { fileName: 'photo.png', contentType: 'image/png', sizeBytes: 20 } });
    await fetch(fake.body.upload.url, { method: 'PUT', headers: fake.body.upload.headers, body: 'not a picture at all' });
    const refused = await call('POST', `/cases/${caseId}/evidence/${fake.body.evidence.evidenceId}/confirm`, { as: 'school-registrar' });
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('A12.1');

    const wrongType = await call('POST', `/cases/${caseId}/evidence`, { as: 'school-registrar', body: { fileName: 'a.docx', contentType: 'application/msword', sizeBytes: 100 } });
    expect(wrongType.status).toBe(400);

    const list = await call('GET', `/cases/${caseId}/evidence`, { as: 'wuhua-reviewer' });
    expect(list.body.items.map((e: { status: string }) => e.status).sort()).toEqual(['refused', 'stored']);
    const stored = list.body.items.find((e: { status: string }) => e.status === 'stored');
    expect(Buffer.from(await (await fetch(stored.downloadUrl)).arrayBuffer()).equals(pdf)).toBe(true);
    expect((await call('GET', `/cases/${caseId}/evidence`, { as: 'kunming-school-registrar' })).status).toBe(404);
  });
});

describe('A14.1 a rejection at any step', () => {
  const parties = ['school-registrar', 'wuhua-reviewer', 'kunming-school-registrar', 'kunming-reviewer'];
  it.each([0, 1, 2, 3])('A14.1: rejected at step %i, the transfer ends there and the student stays', async (rejectAt) => {
    const student = await registeredStudent();
    const opened = await call('POST', '/cases', { as: 'school-registrar', body: { studentId: student.studentId, reason: '转学', details: { type: 'transfer', receivingSchoolId: '4153010002' } } });
    const caseId = opened.body.caseId as string;
    for (let step = 0; step <= rejectAt; step++) {
      await stepOpen(call, caseId, step, parties[step]!);
      const decision = step === rejectAt ? 'reject' : 'approve';
      expect((await decide(caseId, step, parties[step]!, decision, decision === 'reject' ? '不符合转学条件' : '同意')).status).toBe(200);
    }
    const closed = await caseClosed(call, caseId, 'school-registrar');
    expect(closed.status).toBe('rejected');
    expect(closed.steps.slice(rejectAt + 1).every((s: { status: string }) => s.status === 'pending')).toBe(true);
    expect((await call('GET', `/students/${student.studentId}`, { as: 'school-registrar' })).body.schoolId).toBe('4153010003');
  });
});

describe('A15 every status change, approved by the school and its authority', () => {
  const cases: [string, Record<string, unknown>, (s: any) => void][] = [
    ['repeat-year', {}, (s) => expect(s.registration.expectedGraduation).toMatch(/^2030-/)],
    ['change-major', { newMajor: { code: '710202', name: '计算机网络技术' } }, (s) => expect(s.enrolment.major.code).toBe('710202')],
    ['change-study-mode', { newStudyMode: 'part-time' }, (s) => expect(s.enrolment.studyMode).toBe('part-time')],
    ['suspension', { expectedReturn: '2027-09-01' }, (s) => expect(s.status).toBe('suspended')],
    ['withdrawal', {}, (s) => expect(s.status).toBe('withdrawn')],
    ['cancellation', {}, (s) => expect(s.status).toBe('cancelled')],
    ['death', {}, (s) => expect(s.status).toBe('deceased')],
  ];
  it.each(cases)('A15: %s', async (change, extra, check) => {
    const student = await registeredStudent();
    const opened = await call('POST', '/cases', { as: 'school-registrar', body: { studentId: student.studentId, reason: '按规定办理', details: { type: 'status-change', change, ...extra } } });
    expect(opened.status).toBe(201);
    expect((await approveInTurn(call, opened.body.caseId, ['school-registrar', 'wuhua-reviewer'])).status).toBe('approved');
    check((await call('GET', `/students/${student.studentId}`, { as: 'school-registrar' })).body);
  });

  it('A15 / A9: death ends the record but never frees the person', async () => {
    const body = intake();
    const student = await registeredStudent(call, body);
    const opened = await call('POST', '/cases', { as: 'school-registrar', body: { studentId: student.studentId, reason: '死亡证明', details: { type: 'status-change', change: 'death' } } });
    await approveInTurn(call, opened.body.caseId, ['school-registrar', 'wuhua-reviewer']);
    expect((await call('POST', '/registrations', { as: 'kunming-school-registrar', body })).status).toBe(409);
  });
});
