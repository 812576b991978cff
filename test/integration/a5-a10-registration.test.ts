import { describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { intake, randomBirthDate, residentId } from '../support/students.js';

/** The stack's clock stands at 2026-11-18 10:00 Asia/Shanghai (global-setup.ts). */
describe('new-student registration (A5–A10)', () => {
  it('A8.1 / A8.2 / A10: submit → the supervising authority approves → identity verified → lifelong number, with an audit trail', async () => {
    const submitted = await call('POST', '/registrations', { as: 'school-registrar', body: intake({ enrolmentDate: '2026-09-25' }) });
    expect(submitted.status).toBe(201);
    const student = submitted.body;
    expect(student).toMatchObject({
      status: 'pending-review',
      schoolId: '4153010003',
      supervisingAuthorityId: '530102',
      registration: { season: { season: 'autumn', year: 2026 }, expectedGraduation: '2029-07', deadline: { date: '2026-10-29', provisional: false } },
    });
    expect(submitted.headers.get('location')).toBe(`/students/${student.studentId}`);

    const ineligible = await call('GET', `/students/${student.studentId}/grant-eligibility`, { as: 'school-registrar' });
    expect(ineligible.body).toMatchObject({ eligible: false, status: 'pending-review' });
    expect(ineligible.body.reason.zh).toContain('第十条');

    const queue = await call('GET', '/review-queue?limit=100', { as: 'wuhua-reviewer' });
    expect(queue.body.items.map((s: { studentId: string }) => s.studentId)).toContain(student.studentId);

    // A8.1: only the supervising authority decides; other reviewers up the line may look, not decide
    const notSupervisor = await call('POST', `/students/${student.studentId}/registration-decision`, { as: 'kunming-reviewer', body: { decision: 'approve', reason: '同意' } });
    expect(notSupervisor.status).toBe(403);
    const otherPrefecture = await call('POST', `/students/${student.studentId}/registration-decision`, { as: 'province-reviewer', body: { decision: 'approve', reason: '同意' } });
    expect(otherPrefecture.status).toBe(403);

    const approved = await call('POST', `/students/${student.studentId}/registration-decision`, { as: 'wuhua-reviewer', body: { decision: 'approve', reason: '材料齐全，同意注册' } });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.temporaryNumber).toMatch(/^L530102\d{12}$/);
    expect((await call('GET', `/students/${student.studentId}/grant-eligibility`, { as: 'school-registrar' })).body.eligible).toBe(true);

    const again = await call('POST', `/students/${student.studentId}/registration-decision`, { as: 'wuhua-reviewer', body: { decision: 'approve', reason: '同意' } });
    expect(again.status).toBe(409);

    const verified = await call('POST', `/students/${student.studentId}/identity-verification`, {
      as: 'wuhua-reviewer',
      body: { checks: ['original-document-inspected', 'public-security-database'], note: '原件已核' },
    });
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe('registered');
    expect(verified.body.studentNumber).toBe(`G${student.person.identityDocument.number}`);

    // A24: an authority that does not review this school sees the numbers masked
    const fromAbove = await call('GET', `/students/${student.studentId}`, { as: 'kunming-reviewer' });
    expect(fromAbove.status).toBe(200);
    expect(fromAbove.body.person.identityDocument.number).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    expect(fromAbove.body.studentNumber).toMatch(/^G\d{3}\*+/);
    expect((await call('GET', `/students/${student.studentId}`, { as: 'kunming-school-registrar' })).status).toBe(404);

    // A25: who, which organisation, when, why — and no identity number in clear
    const audit = await call('GET', `/students/${student.studentId}/audit-events`, { as: 'school-registrar' });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['registration.identity-verified', 'registration.approved', 'registration.submitted']);
    expect(audit.body.items[1]).toMatchObject({ actor: { organisationId: '530102', role: 'reviewer' }, reason: '材料齐全，同意注册' });
    expect(JSON.stringify(audit.body)).not.toContain(student.person.identityDocument.number);
  });

  it('A8.2: a wrong check character is refused, naming the field, in English and Chinese, and nothing is created', async () => {
    const body = intake();
    const number = (body.identityDocument as { number: string }).number;
    const wrong = number.slice(0, 17) + (number.endsWith('1') ? '2' : '1');
    const response = await call('POST', '/registrations', { as: 'school-registrar', body: { ...body, identityDocument: { type: 'resident-id', number: wrong } } });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'body.identityDocument.number', code: 'checksum_mismatch' });
    expect(response.body.errors[0].zh).toContain('校验');
    expect(JSON.stringify(response.body)).not.toContain(wrong);
  });

  it('A8.2: the declared birth date and sex must agree with the identity number', async () => {
    const body = intake({ birthDate: '2010-03-15', sex: 'male' });
    const response = await call('POST', '/registrations', { as: 'school-registrar', body: { ...body, sex: 'female' } });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { code: string }) => e.code)).toContain('sex_mismatch');
  });

  it('A7 / A9: a person already registered is refused (409), saying where only to those entitled to know', async () => {
    const body = intake();
    expect((await call('POST', '/registrations', { as: 'school-registrar', body })).status).toBe(201);
    const sameSchool = await call('POST', '/registrations', { as: 'school-system', body });
    expect(sameSchool.status).toBe(409);
    expect(sameSchool.body.detail).toContain('4153010003');
    const otherSchool = await call('POST', '/registrations', { as: 'kunming-school-registrar', body });
    expect(otherSchool.status).toBe(409);
    expect(otherSchool.body.detail).toContain('another school');
    expect(otherSchool.body.zh.detail).toContain('其他学校');
  });

  it('A8.1: a rejected registration frees the person, and the corrected one goes through', async () => {
    const body = intake();
    const first = await call('POST', '/registrations', { as: 'school-registrar', body });
    const rejected = await call('POST', `/students/${first.body.studentId}/registration-decision`, { as: 'wuhua-reviewer', body: { decision: 'reject', reason: '专业代码有误' } });
    expect(rejected.body.status).toBe('rejected');
    const second = await call('POST', '/registrations', { as: 'school-registrar', body: { ...body, major: { code: '710202', name: '计算机网络技术' } } });
    expect(second.status).toBe(201);
  });

  it('A26 / A7: a stateless student has no number to check: a same name, birth date and sex is flagged for the reviewer; the number is a J number', async () => {
    const birthDate = randomBirthDate();
    const stateless = intake({ birthDate, name: '无证件学生', identityDocument: { type: 'none' } });
    const first = await call('POST', '/registrations', { as: 'school-registrar', body: stateless });
    expect(first.status).toBe(201);
    expect(first.body.registration.possibleDuplicates).toBeUndefined();
    const second = await call('POST', '/registrations', { as: 'kunming-school-registrar', body: stateless });
    expect(second.status).toBe(201);
    expect(second.body.registration.possibleDuplicates).toBe(1);

    await call('POST', `/students/${first.body.studentId}/registration-decision`, { as: 'wuhua-reviewer', body: { decision: 'approve', reason: '同意' } });
    const verified = await call('POST', `/students/${first.body.studentId}/identity-verification`, { as: 'wuhua-reviewer', body: { checks: ['household-register'] } });
    expect(verified.body.studentNumber).toMatch(new RegExp(`^J530102${birthDate.replaceAll('-', '')}\\d{3}[\\dX]$`));
  });

  it('A5.1: an enrolment date in the future is refused', async () => {
    const response = await call('POST', '/registrations', { as: 'school-registrar', body: intake({ enrolmentDate: '2026-12-01' }) });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ rule: 'A5.1', errors: [{ field: 'body.enrolmentDate' }] });
  });

  it('A17: a jointly recruited student needs a partner school, and only then', async () => {
    const missing = await call('POST', '/registrations', { as: 'school-registrar', body: intake({ recruitmentType: 'joint' }) });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('body.jointPartnerSchoolId');
    const ok = await call('POST', '/registrations', { as: 'school-registrar', body: intake({ recruitmentType: 'joint', jointPartnerSchoolId: '4153010002' }) });
    expect(ok.status).toBe(201);
  });

  it('A23: a reviewer cannot register and a registrar cannot review', async () => {
    expect((await call('POST', '/registrations', { as: 'wuhua-reviewer', body: intake() })).status).toBe(403);
    const submitted = await call('POST', '/registrations', { as: 'school-registrar', body: intake() });
    expect((await call('POST', `/students/${submitted.body.studentId}/registration-decision`, { as: 'school-registrar', body: { decision: 'approve', reason: '自己批' } })).status).toBe(403);
  });

  it('A5: lists a school’s students by status', async () => {
    const list = await call('GET', '/schools/4153010003/students?status=pending-review&limit=5', { as: 'school-registrar' });
    expect(list.status).toBe(200);
    expect(list.body.items.every((s: { status: string }) => s.status === 'pending-review')).toBe(true);
    expect((await call('GET', '/schools/4153010003/students', { as: 'kunming-school-registrar' })).status).toBe(404);
  });

  it('keeps identity numbers out of URLs: students are addressed by id', async () => {
    expect(residentId('2010-01-01', 'male')).toHaveLength(18);
    expect((await call('GET', '/students/530102201001011234', { as: 'school-registrar' })).status).toBe(400);
  });
});
