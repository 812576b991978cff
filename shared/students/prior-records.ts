import { createHash } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../platform/db.js';
import { keys } from '../platform/keys.js';
import { nowIso } from '../platform/clock.js';
import { ValidationError } from '../platform/errors.js';
import { actorOf, auditPut } from '../audit/audit.js';
import { problemBody } from '../api/problem.js';
import type { Caller } from '../auth/principal.js';
import { validateIdentityDocument } from './identity-document.js';
import { identityHash, personHash, type PersonRecord } from './identity-lookup.js';
import type { PriorStageRecord } from './schemas.js';

/**
 * A6: records of earlier stages (e.g. compulsory education) loaded in bulk by the province, so that a new
 * registration of the same person continues the record — same identity, same student number — instead of starting
 * another. A record's id derives from the person and the stage, so loading the same data again changes nothing.
 */
export async function loadPriorStageRecords(caller: Caller, rows: PriorStageRecord[], instance: string) {
  const results: { index: number; status: number; recordId?: string; problem?: ReturnType<typeof problemBody> }[] = [];
  for (const [index, input] of rows.entries()) {
    const field = `body.records.${index}`;
    try {
      const checked = validateIdentityDocument(input.identityDocument, { birthDate: input.birthDate, sex: input.sex }, 'identityDocument');
      if (!checked.ok) throw new ValidationError(checked.errors.map((e) => ({ ...e, field: `${field}.${e.field}` })));
      const identity = await identityHash(checked.document);
      const person = await personHash(input);
      const recordId = `prior-${input.stage}-${createHash('sha256').update(identity ?? person).digest('hex').slice(0, 24)}`;
      const record: PersonRecord = {
        recordId,
        stage: input.stage,
        status: 'completed',
        schoolName: input.schoolName,
        studentNumber: input.studentNumber,
        name: input.name,
        sex: input.sex,
        birthDate: input.birthDate,
        ethnicity: input.ethnicity,
      };
      const at = nowIso();
      const partitions = [...(identity ? [keys.identityPartition(identity)] : []), keys.personPartition(person)];
      await db().send(
        new TransactWriteCommand({
          TransactItems: [
            ...partitions.map((pk) => ({ Put: { TableName: tableName(), Item: { pk, sk: `RECORD#${recordId}`, entity: 'person-record', ...record, loadedAt: at } } })),
            auditPut({
              at,
              actor: actorOf(caller),
              action: 'prior-stage-record.loaded',
              target: { type: 'prior-stage-record', id: recordId },
              requestId: caller.requestId,
              changes: [{ field: 'stage', to: input.stage }, { field: 'schoolName', to: input.schoolName }],
            }),
          ],
        }),
      );
      results.push({ index, status: 200, recordId });
    } catch (error) {
      const problem = problemBody(error, caller.requestId, instance);
      results.push({ index, status: problem.status, problem });
    }
  }
  return { results, loaded: results.filter((r) => r.status === 200).length };
}
