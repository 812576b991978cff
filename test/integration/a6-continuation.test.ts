import { describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { intake } from '../support/students.js';

describe('A6 continuation of an earlier-stage record', () => {
  it('A6: a loaded compulsory-education record is continued — same identity, same number, only the new fields added', async () => {
    const student = intake({ name: '王小红', sex: 'female' });
    const document = student.identityDocument as { type: string; number: string };
    const prior = {
      stage: 'compulsory',
      name: '王小红',
      sex: 'female',
      birthDate: student.birthDate,
      ethnicity: '07',
      identityDocument: document,
      schoolName: '昆明市第十中学',
      studentNumber: `G${document.number}`,
    };
    const loaded = await call('POST', '/prior-stage-records/batch', { as: 'province-admin', body: { records: [prior] } });
    expect(loaded.status).toBe(200);
    expect(loaded.body.loaded).toBe(1);
    // loading the same data again changes nothing
    const again = await call('POST', '/prior-stage-records/batch', { as: 'province-admin', body: { records: [prior] } });
    expect(again.body.results[0].recordId).toBe(loaded.body.results[0].recordId);

    const mismatch = await call('POST', '/registrations', { as: 'school-registrar', body: { ...student, name: '王晓红' } });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body).toMatchObject({ rule: 'A6', errors: [{ field: 'body.name', code: 'continuation_mismatch' }] });

    const submitted = await call('POST', '/registrations', { as: 'school-registrar', body: student });
    expect(submitted.status).toBe(201);
    expect(submitted.body.continuation).toMatchObject({ stage: 'compulsory', recordId: loaded.body.results[0].recordId, studentNumber: `G${document.number}` });

    await call('POST', `/students/${submitted.body.studentId}/registration-decision`, { as: 'wuhua-reviewer', body: { decision: 'approve', reason: '同意' } });
    const verified = await call('POST', `/students/${submitted.body.studentId}/identity-verification`, { as: 'wuhua-reviewer', body: { checks: ['public-security-database'] } });
    expect(verified.body.studentNumber).toBe(`G${document.number}`);
  });

  it('A6: only the province loads earlier-stage records', async () => {
    expect((await call('POST', '/prior-stage-records/batch', { as: 'kunming-reviewer', body: { records: [] } })).status).toBe(403);
  });
});
