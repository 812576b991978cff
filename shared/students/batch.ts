import { ValidationError } from '../platform/errors.js';
import { fieldErrors } from '../api/messages.js';
import { problemBody } from '../api/problem.js';
import type { Caller } from '../auth/principal.js';
import { IntakeSchema } from './intake-schema.js';
import { submitRegistration } from './registration.js';
import { repeatedPeople, repeatedPersonError } from './repeated-people.js';

/** Rows of one batch registered side by side: enough to keep DynamoDB busy, few enough for one Lambda. */
const CONCURRENCY = 8;

export interface BatchRow {
  index: number;
  status: number;
  studentId?: string;
  registrationStatus?: string;
  deadline?: string;
  problem?: ReturnType<typeof problemBody>;
}

/**
 * The school systems' batch (up to 100 students): every row is validated and registered on its own, and answered
 * on its own — one bad row refuses only itself, and a person named twice is registered by the first row (A7, A9).
 * A failure of ours on a row is that row's 500, so the answer stays complete and the (idempotent) batch is not re-run
 * half-done.
 */
export async function submitBatch(caller: Caller, rows: unknown[], instance: string) {
  const results: BatchRow[] = new Array(rows.length);
  const parsedRows = rows.map((row) => IntakeSchema.safeParse(row, { reportInput: true }));
  const repeats = repeatedPeople(parsedRows.map((parsed) => parsed.data?.identityDocument));
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const index = next++;
      const field = `body.students.${index}`;
      try {
        const parsed = parsedRows[index]!;
        if (!parsed.success) throw new ValidationError(fieldErrors(field, parsed.error.issues));
        const earlier = repeats.get(index);
        if (earlier !== undefined) {
          throw repeatedPersonError(`${field}.identityDocument.number`, { en: `body.students.${earlier} of this batch`, zh: `本批第 ${earlier + 1} 条（body.students.${earlier}）` });
        }
        const student = await submitRegistration(caller, parsed.data, field);
        results[index] = { index, status: 201, studentId: student.studentId, registrationStatus: student.status, deadline: student.registration.deadline.date };
      } catch (error) {
        const problem = problemBody(error, caller.requestId, instance);
        results[index] = { index, status: problem.status, problem };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, rows.length) }, worker));
  const created = results.filter((r) => r.status === 201).length;
  return { results, created, refused: results.length - created };
}
