import type { Caller } from '../auth/principal.js';
import type { StudentRecord } from '../students/model.js';
import { decideRegistration } from '../students/registration.js';
import { openJointEnrolmentHandOver } from './service.js';

/** A8.1 then A17: approving a jointly recruited student's registration opens its hand-over to the partner school. */
export async function decideRegistrationWithHandOver(caller: Caller, studentId: string, input: { decision: 'approve' | 'reject'; reason: string }): Promise<StudentRecord> {
  const student = await decideRegistration(caller, studentId, input);
  if (student.status === 'approved') await openJointEnrolmentHandOver(student, caller.requestId);
  return student;
}
