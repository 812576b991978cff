import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems, db, tableName } from '../platform/db.js';
import { keys } from '../platform/keys.js';
import { hmac } from '../platform/secrets.js';
import type { IdentityDocument } from './identity-document.js';

/**
 * A7/A24: people are found by a keyed hash of their identity document (or, without one, of name + birth date +
 * sex), never by the number itself. One partition per hash holds every record of the person, of every stage and
 * school, and the single active-registration claim (A9).
 */
export async function identityHash(document: Pick<IdentityDocument, 'type' | 'number'>): Promise<string | undefined> {
  return document.number ? hmac('identity-lookup', `${document.type}:${document.number}`) : undefined;
}

export async function personHash(person: { name: string; birthDate: string; sex: string }): Promise<string> {
  return hmac('identity-lookup', `person:${person.name}|${person.birthDate}|${person.sex}`);
}

/** The stage of this registry's own records; others are records of earlier stages loaded for continuation (A6). */
export const OWN_STAGE = 'secondary-vocational';

/** A stage's record of a person: a vocational registration here, or a prior-stage record loaded for continuation (A6). */
export interface PersonRecord {
  recordId: string;
  /** `secondary-vocational` for this registry's own; e.g. `compulsory` for records loaded from earlier stages */
  stage: string;
  status: string;
  schoolId?: string;
  schoolName?: string;
  studentId?: string;
  studentNumber?: string;
  name: string;
  sex: string;
  birthDate: string;
  ethnicity?: string;
}

export interface ActiveClaim {
  studentId: string;
  schoolId: string;
}

/**
 * #3: everything the registry holds for a partition (identity or person hash) — one Query. An own-stage record
 * stores what identifies the person; its current status and number are read from the student itself, so that a
 * registration's later changes write only the student (BENCHMARKS.md, figure 2).
 */
export async function recordsOf(partition: string): Promise<{ claim?: ActiveClaim; records: PersonRecord[] }> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partition }, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const claimItem = items.find((i) => i.sk === 'ACTIVE');
  const records = items.filter((i) => String(i.sk).startsWith('RECORD#')) as unknown as PersonRecord[];
  return {
    claim: claimItem ? { studentId: String(claimItem.studentId), schoolId: String(claimItem.schoolId) } : undefined,
    records: await withCurrentState(records),
  };
}

async function withCurrentState(records: PersonRecord[]): Promise<PersonRecord[]> {
  const own = records.filter((r) => r.stage === OWN_STAGE && r.studentId);
  if (!own.length) return records;
  const students = await batchGetItems(
    own.map((r) => keys.student(r.studentId!)),
    { expression: 'studentId, #status, studentNumber', names: { '#status': 'status' } },
  );
  const current = new Map(students.map((s) => [String(s.studentId), s]));
  return records.map((r) => {
    const student = r.stage === OWN_STAGE && r.studentId ? current.get(r.studentId) : undefined;
    return student ? { ...r, status: String(student.status), studentNumber: student.studentNumber as string | undefined } : r;
  });
}
