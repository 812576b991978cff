import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../platform/db.js';
import { hmac } from '../platform/secrets.js';
import type { IdentityDocument } from './identity-document.js';

/**
 * A7/A24: people are found by a keyed hash of their identity document (or, without one, of name + birth date +
 * sex), never by the number itself. One partition per hash holds every record of the person, of every stage and
 * school, and the single active-registration claim (A9).
 */
export async function identityHash(document: IdentityDocument): Promise<string | undefined> {
  return document.number ? hmac('identity-lookup', `${document.type}:${document.number}`) : undefined;
}

export async function personHash(person: { name: string; birthDate: string; sex: string }): Promise<string> {
  return hmac('identity-lookup', `person:${person.name}|${person.birthDate}|${person.sex}`);
}

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

/** #3: everything the registry holds for a partition (identity or person hash) — one Query. */
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
  return {
    claim: claimItem ? { studentId: String(claimItem.studentId), schoolId: String(claimItem.schoolId) } : undefined,
    records: items.filter((i) => String(i.sk).startsWith('RECORD#')) as unknown as PersonRecord[],
  };
}
