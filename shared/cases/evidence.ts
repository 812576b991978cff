import { randomUUID } from 'node:crypto';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../platform/db.js';
import { keys } from '../platform/keys.js';
import { nowIso } from '../platform/clock.js';
import { ConflictError, NotFoundError, RuleViolationError } from '../platform/errors.js';
import { withoutKeys } from '../platform/items.js';
import { presignDownload, presignUpload, readObject } from '../platform/storage.js';
import { actorOf, auditPut } from '../audit/audit.js';
import type { Caller, Principal } from '../auth/principal.js';
import { getCase } from './service.js';

/**
 * A12.1 evidence (佐证材料): proof uploaded for a case goes straight to S3 through a presigned URL and stays in the
 * student's archive (under the student, not the case). Only JPG, PNG and PDF, at most 10 MB; after the upload its
 * first bytes must really be what the declared type says.
 */
export const EVIDENCE_TYPES = {
  'image/jpeg': { extension: 'jpg', magic: [0xff, 0xd8, 0xff] },
  'image/png': { extension: 'png', magic: [0x89, 0x50, 0x4e, 0x47] },
  'application/pdf': { extension: 'pdf', magic: [0x25, 0x50, 0x44, 0x46] },
} as const;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export interface Evidence {
  evidenceId: string;
  caseId: string;
  studentId: string;
  fileName: string;
  contentType: EvidenceType;
  sizeBytes: number;
  status: 'awaiting-upload' | 'stored' | 'refused';
  uploadedAt: string;
  uploadedBy: { credentialId: string; name: string; organisationId: string };
  objectKey: string;
}

async function loadEvidence(studentId: string, evidenceId: string): Promise<{ item: Evidence; key: Record<string, string> } | undefined> {
  const page = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :evidence)',
      FilterExpression: 'evidenceId = :id',
      ExpressionAttributeValues: { ':pk': keys.student(studentId).pk, ':evidence': 'EVIDENCE#', ':id': evidenceId },
    }),
  );
  const found = page.Items?.[0];
  return found ? { item: withoutKeys<Evidence>(found), key: { pk: String(found.pk), sk: String(found.sk) } } : undefined;
}

export async function requestEvidenceUpload(caller: Caller, caseId: string, input: { fileName: string; contentType: EvidenceType; sizeBytes: number }) {
  const c = await getCase(caller.principal, caseId);
  if (c.status !== 'open') throw new ConflictError({ en: 'The case is closed', zh: '该事项已办结' });
  const at = nowIso();
  const evidenceId = randomUUID();
  const evidence: Evidence = {
    evidenceId,
    caseId,
    studentId: c.studentId,
    ...input,
    status: 'awaiting-upload',
    uploadedAt: at,
    uploadedBy: { credentialId: caller.principal.credentialId, name: caller.principal.holderName, organisationId: caller.principal.organisationId },
    objectKey: `evidence/${c.studentId}/${evidenceId}.${EVIDENCE_TYPES[input.contentType].extension}`,
  };
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: { ...keys.studentEvidence(c.studentId, at, evidenceId), entity: 'evidence', ...evidence } } },
        auditPut({
          at,
          actor: actorOf(caller),
          action: 'evidence.requested',
          target: { type: 'student', id: c.studentId },
          requestId: caller.requestId,
          changes: [{ field: 'evidence', to: { evidenceId, caseId, fileName: input.fileName, contentType: input.contentType } }],
        }),
      ],
    }),
  );
  return {
    evidence: view(evidence),
    upload: { method: 'PUT', url: await presignUpload(evidence.objectKey, input.contentType), headers: { 'content-type': input.contentType } },
  };
}

/** After the upload: the file must be there, no larger than declared, and of the declared type (its magic bytes). */
export async function confirmEvidence(caller: Caller, caseId: string, evidenceId: string) {
  const c = await getCase(caller.principal, caseId);
  const found = await loadEvidence(c.studentId, evidenceId);
  if (!found || found.item.caseId !== caseId) throw new NotFoundError({ en: 'The evidence', zh: '该佐证材料' });
  const evidence = found.item;
  if (evidence.status !== 'awaiting-upload') return view(evidence);
  const content = await readObject(evidence.objectKey);
  if (!content) throw new RuleViolationError('A12.1', { en: 'Upload the file to the upload URL first', zh: '请先将文件上传到上传地址' });
  const magic = EVIDENCE_TYPES[evidence.contentType].magic;
  const problem =
    content.length > MAX_EVIDENCE_BYTES || content.length > evidence.sizeBytes
      ? { en: `The file is larger than declared or than 10 MB`, zh: '文件大于申报大小或超过 10 MB' }
      : magic.some((byte, i) => content[i] !== byte)
        ? { en: `The file is not a ${evidence.contentType} file`, zh: `文件内容与声明的类型（${evidence.contentType}）不符，只接受 JPG、PNG、PDF` }
        : undefined;
  const at = nowIso();
  const status = problem ? 'refused' : 'stored';
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(),
            Key: found.key,
            UpdateExpression: 'SET #status = :status',
            ConditionExpression: '#status = :awaiting',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': status, ':awaiting': 'awaiting-upload' },
          },
        },
        auditPut({
          at,
          actor: actorOf(caller),
          action: `evidence.${status}`,
          target: { type: 'student', id: c.studentId },
          reason: problem?.en,
          requestId: caller.requestId,
          changes: [{ field: `evidence.${evidenceId}.status`, from: 'awaiting-upload', to: status }],
        }),
      ],
    }),
  );
  if (problem) throw new RuleViolationError('A12.1', problem);
  return view({ ...evidence, status });
}

/** A12.1: the evidence of a case, with download links for what was stored. */
export async function listEvidence(principal: Principal, caseId: string) {
  const c = await getCase(principal, caseId);
  const page = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :evidence)',
      FilterExpression: 'caseId = :case',
      ExpressionAttributeValues: { ':pk': keys.student(c.studentId).pk, ':evidence': 'EVIDENCE#', ':case': caseId },
    }),
  );
  const items = (page.Items ?? []).map((item) => withoutKeys<Evidence>(item));
  return {
    items: await Promise.all(
      items.map(async (e) => ({ ...view(e), ...(e.status === 'stored' ? { downloadUrl: await presignDownload(e.objectKey, e.fileName) } : {}) })),
    ),
  };
}

function view(e: Evidence) {
  const { evidenceId, caseId, studentId, fileName, contentType, sizeBytes, status, uploadedAt, uploadedBy } = e;
  return { evidenceId, caseId, studentId, fileName, contentType, sizeBytes, status, uploadedAt, uploadedBy };
}

