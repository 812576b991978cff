import type { Caller } from '../auth/principal.js';
import type { StudentRecord } from '../students/model.js';
import { decideRegistration } from '../students/registration.js';
import { openDuplicateResolutions, openJointEnrolmentHandOver } from './service.js';

/**
 * A8.1, then what an approval sets off: a jointly recruited student's hand-over to the partner school (A17), and for
 * a student without an identity number approved elsewhere too, the case for their common superior (A11).
 */
export async function decideRegistrationWithHandOver(caller: Caller, studentId: string, input: { decision: 'approve' | 'reject'; reason: string }): Promise<StudentRecord> {
  const student = await decideRegistration(caller, studentId, input);
  if (student.status === 'approved') {
    await openJointEnrolmentHandOver(student, caller.requestId);
    await openDuplicateResolutions(student, caller.requestId);
  }
  return student;
}
