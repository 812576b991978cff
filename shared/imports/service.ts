import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../platform/db.js';
import { keys } from '../platform/keys.js';
import { nowIso, nowMs } from '../platform/clock.js';
import { ConflictError, NotFoundError, RuleViolationError, type Text } from '../platform/errors.js';
import { withoutKeys } from '../platform/items.js';
import { objectSize, presignDownload, presignUpload, readObject, writeObject } from '../platform/storage.js';
import { startWorkflow } from '../platform/workflows.js';
import { TTL_ATTRIBUTE } from '../platform/table.js';
import { problemBody } from '../api/problem.js';
import { maskIdentityNumber } from '../audit/audit.js';
import type { Caller, Principal } from '../auth/principal.js';
import { IMPORT_COLUMNS, buildErrorReport, parseImportFile, rowToIntake } from '../students/import-format.js';
import type { Intake } from '../students/intake-schema.js';
import { submitRegistration } from '../students/registration.js';
import { repeatedPeople, repeatedPersonError } from '../students/repeated-people.js';

/**
 * Bulk import of new students from a file (the autumn spike): the school asks for an upload URL, uploads its CSV or
 * XLSX straight to S3, and starts the import workflow, which validates every row at once (prepare), registers the
 * valid rows in parallel chunks through the same use case as the API, and writes a per-row error report.
 */
export type ImportStatus = 'awaiting-upload' | 'queued' | 'running' | 'completed' | 'failed';
export type ImportFormat = 'xlsx' | 'csv';

export interface ImportJob {
  jobId: string;
  schoolId: string;
  supervisionPath: string[];
  fileName: string;
  format: ImportFormat;
  objectKey: string;
  status: ImportStatus;
  /** who started it: every registration it makes is attributed to them (A25) */
  principal: Principal;
  createdAt: string;
  startedAt?: string;
  completedAt?: string;
  totalRows?: number;
  processed: number;
  created: number;
  failed: number;
  fileErrors?: Text[];
  reportKey?: string;
}

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Rows per chunk: one Lambda registers a chunk well inside its timeout; chunks run in parallel (the workflow's Map). */
export const CHUNK_ROWS = 500;
/** Row results are kept long enough to read the report, then DynamoDB's TTL removes them. */
const ROW_RESULT_DAYS = 90;

const CONTENT_TYPES: Record<ImportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};
const JOB = { en: 'The import', zh: '该导入任务' };

function toJob(item: Record<string, unknown>): ImportJob {
  return withoutKeys<ImportJob>(item);
}

async function loadJob(jobId: string): Promise<ImportJob | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.importJob(jobId) }));
  return Item ? toJob(Item) : undefined;
}

function assertOwnSchool(principal: Principal, job: ImportJob | undefined): asserts job is ImportJob {
  if (!job || job.schoolId !== principal.organisationId) throw new NotFoundError(JOB);
}

export async function createImport(caller: Caller, input: { fileName: string; format: ImportFormat; sizeBytes: number }) {
  const p = caller.principal;
  const jobId = randomUUID();
  const job: ImportJob = {
    jobId,
    schoolId: p.organisationId,
    supervisionPath: p.supervisionPath,
    fileName: input.fileName,
    format: input.format,
    objectKey: `imports/${p.organisationId}/${jobId}/upload.${input.format}`,
    status: 'awaiting-upload',
    principal: p,
    createdAt: nowIso(),
    processed: 0,
    created: 0,
    failed: 0,
  };
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.importJob(jobId), entity: 'import-job', ...job } }));
  return {
    job: view(job),
    upload: { method: 'PUT', url: await presignUpload(job.objectKey, CONTENT_TYPES[input.format]), headers: { 'content-type': CONTENT_TYPES[input.format] } },
  };
}

/**
 * Starts the workflow once the file is there. The job is marked `queued` first and the execution is named after the
 * job, so a start that failed half-way is simply repeated: StartExecution with the same name and input is a no-op.
 */
export async function startImport(caller: Caller, jobId: string) {
  const job = await loadJob(jobId);
  assertOwnSchool(caller.principal, job);
  if (job.status !== 'awaiting-upload' && job.status !== 'queued') {
    throw new ConflictError({ en: `The import is already ${job.status}`, zh: `该导入任务已${job.status === 'running' ? '在运行' : '结束'}` });
  }
  const size = await objectSize(job.objectKey);
  if (size === undefined) {
    throw new RuleViolationError('A5', { en: 'Upload the file to the upload URL first', zh: '请先将文件上传到上传地址' });
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new RuleViolationError('A5', { en: `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it`, zh: `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB，请拆分后分别导入` });
  }
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.importJob(jobId),
      UpdateExpression: 'SET #status = :queued',
      ConditionExpression: '#status IN (:awaiting, :queued)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':queued': 'queued', ':awaiting': 'awaiting-upload' },
    }),
  );
  await startWorkflow('import-registrations', jobId, { jobId });
  return view({ ...job, status: job.status === 'awaiting-upload' ? 'queued' : job.status });
}

export async function getImport(principal: Principal, jobId: string) {
  const job = await loadJob(jobId);
  if (!job || !job.supervisionPath.includes(principal.organisationId)) throw new NotFoundError(JOB);
  return {
    ...view(job),
    ...(job.reportKey && job.schoolId === principal.organisationId
      ? { reportUrl: await presignDownload(job.reportKey, `导入错误报告-${job.fileName.replace(/\.\w+$/, '')}.xlsx`) }
      : {}),
  };
}

/** What the API shows of a job: not the starter's principal, nor where its files lie. */
function view(job: ImportJob) {
  const { jobId, schoolId, fileName, format, status, createdAt, startedAt, completedAt, totalRows, processed, created, failed, fileErrors } = job;
  return { jobId, schoolId, fileName, format, status, createdAt, startedAt, completedAt, totalRows, processed, created, failed, fileErrors };
}

interface RowResult {
  rowNumber: number;
  status: number;
  studentId?: string;
  name?: string;
  maskedDocumentNumber?: string;
  errors?: { column: string; message: Text }[];
}

async function saveRowResults(jobId: string, results: RowResult[]): Promise<void> {
  const expiresAt = Math.floor(nowMs() / 1000) + ROW_RESULT_DAYS * 86_400;
  for (let i = 0; i < results.length; i += 25) {
    let requests: Record<string, unknown>[] = results.slice(i, i + 25).map((r) => ({
      PutRequest: { Item: { ...keys.importRow(jobId, r.rowNumber), entity: 'import-row', [TTL_ATTRIBUTE]: expiresAt, ...r } },
    }));
    // unprocessed items come back under load: write them again, backing off
    for (let attempt = 0; requests.length; attempt++) {
      const response = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests as never } }));
      requests = (response.UnprocessedItems?.[tableName()] ?? []) as Record<string, unknown>[];
      if (requests.length) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
    }
  }
}

async function count(jobId: string, fields: Partial<Record<'processed' | 'created' | 'failed', number>>, set: Record<string, unknown> = {}) {
  const adds = Object.entries(fields).filter(([, n]) => n);
  const sets = Object.entries(set);
  if (!adds.length && !sets.length) return;
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.importJob(jobId),
      UpdateExpression: [adds.length ? `ADD ${adds.map(([f]) => `#${f} :${f}`).join(', ')}` : '', sets.length ? `SET ${sets.map(([f]) => `#${f} = :${f}`).join(', ')}` : '']
        .filter(Boolean)
        .join(' '),
      ExpressionAttributeNames: Object.fromEntries([...adds, ...sets].map(([f]) => [`#${f}`, f])),
      ExpressionAttributeValues: Object.fromEntries([...adds, ...sets].map(([f, v]) => [`:${f}`, v])),
    }),
  );
}

const COLUMN_BY_PATH = new Map(IMPORT_COLUMNS.map((c) => [c.path, c.header]));

function identify(values: Record<string, unknown>): Pick<RowResult, 'name' | 'maskedDocumentNumber'> {
  const name = values[COLUMN_BY_PATH.get('name') ?? ''];
  const number = values[COLUMN_BY_PATH.get('identityDocument.number') ?? ''];
  return {
    name: typeof name === 'string' ? name.trim() : undefined,
    maskedDocumentNumber: number === undefined || number === null || number === '' ? undefined : maskIdentityNumber(String(number).trim()),
  };
}

function whoIs(intake: Intake): Pick<RowResult, 'name' | 'maskedDocumentNumber'> {
  return { name: intake.name, maskedDocumentNumber: intake.identityDocument.number && maskIdentityNumber(intake.identityDocument.number) };
}

const rowRequestId = (jobId: string, rowNumber: number) => `import:${jobId}:row:${rowNumber}`;

/** A valid row refused, as the report shows it: each field error under its column, else the problem's detail. */
function refusedRow(jobId: string, rowNumber: number, intake: Intake, error: unknown): RowResult {
  const problem = problemBody(error, rowRequestId(jobId, rowNumber), `import/${jobId}`);
  const errors = problem.errors?.length
    ? problem.errors.map((e) => ({ column: COLUMN_BY_PATH.get(e.field.replace(/^row\./, '')) ?? e.field, message: { en: e.message, zh: e.zh } }))
    : [{ column: '', message: { en: problem.detail, zh: problem.zh.detail } }];
  return { rowNumber, status: problem.status, ...whoIs(intake), errors };
}

/** Workflow step 1: read and validate the whole file; valid rows, each person once, go into chunks for the parallel step. */
export async function prepareImport(jobId: string): Promise<{ chunks: { index: number; key: string; rows: number }[] }> {
  const job = await loadJob(jobId);
  if (!job) throw new NotFoundError(JOB);
  const content = await readObject(job.objectKey);
  if (!content) throw new Error(`import ${jobId}: the uploaded file is gone`);
  const parsed = await parseImportFile(content, job.format);
  if (parsed.missingHeaders.length) {
    await count(jobId, {}, {
      status: 'failed',
      completedAt: nowIso(),
      fileErrors: [
        {
          en: `Columns missing: ${parsed.missingHeaders.join(', ')}. Use the template's header row unchanged`,
          zh: `缺少以下列：${parsed.missingHeaders.join('、')}。请使用模板的表头，不要修改列名`,
        },
      ],
    });
    return { chunks: [] };
  }
  const valid: { rowNumber: number; intake: Intake }[] = [];
  const invalid: RowResult[] = [];
  for (const row of parsed.rows) {
    const mapped = rowToIntake(row.values);
    if (mapped.ok) valid.push({ rowNumber: row.rowNumber, intake: mapped.intake });
    else invalid.push({ rowNumber: row.rowNumber, status: 400, ...identify(row.values), errors: mapped.errors.map((e) => ({ column: e.column, message: e.message })) });
  }
  const repeats = repeatedPeople(valid.map((row) => row.intake.identityDocument));
  for (const [index, earlier] of repeats) {
    const { rowNumber, intake } = valid[index]!;
    const first = valid[earlier]!.rowNumber;
    invalid.push(refusedRow(jobId, rowNumber, intake, repeatedPersonError('row.identityDocument.number', { en: `row ${first} of this file`, zh: `本文件第 ${first} 行` })));
  }
  const registrable = valid.filter((_, index) => !repeats.has(index));
  const chunks: { index: number; key: string; rows: number }[] = [];
  for (let i = 0; i < registrable.length; i += CHUNK_ROWS) {
    const index = chunks.length;
    const key = `imports/${job.schoolId}/${jobId}/chunks/${index}.json`;
    const rows = registrable.slice(i, i + CHUNK_ROWS);
    await writeObject(key, JSON.stringify(rows), 'application/json');
    chunks.push({ index, key, rows: rows.length });
  }
  await saveRowResults(jobId, invalid);
  await count(jobId, { processed: invalid.length, failed: invalid.length }, { status: 'running', startedAt: nowIso(), totalRows: parsed.rows.length });
  return { chunks };
}

/** Rows of one chunk registered side by side, as the batch endpoint does. */
const ROW_CONCURRENCY = 8;

/** Workflow step 2 (in parallel): register a chunk's rows with the same use case as the API, each answered on its own. */
export async function importChunk(jobId: string, chunk: { key: string }): Promise<{ created: number; failed: number }> {
  const job = await loadJob(jobId);
  if (!job) throw new NotFoundError(JOB);
  const rows = JSON.parse((await readObject(chunk.key))!.toString('utf8')) as { rowNumber: number; intake: Intake }[];
  const results: RowResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const { rowNumber, intake } = rows[next++]!;
      const caller: Caller = { principal: job.principal, requestId: rowRequestId(jobId, rowNumber) };
      try {
        const student = await submitRegistration(caller, intake, 'row');
        results.push({ rowNumber, status: 201, studentId: student.studentId, ...whoIs(intake) });
      } catch (error) {
        results.push(refusedRow(jobId, rowNumber, intake, error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ROW_CONCURRENCY, rows.length) }, worker));
  await saveRowResults(jobId, results);
  const created = results.filter((r) => r.status === 201).length;
  await count(jobId, { processed: results.length, created, failed: results.length - created });
  return { created, failed: results.length - created };
}

/** Workflow step 3: the per-row error report (XLSX) and the job's end — also when an earlier step failed. */
export async function finishImport(jobId: string, error?: { Error?: string; Cause?: string }): Promise<{ status: ImportStatus }> {
  const job = await loadJob(jobId);
  if (!job) throw new NotFoundError(JOB);
  const refused: RowResult[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :row)',
        FilterExpression: '#status <> :created',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': keys.importJob(jobId).pk, ':row': 'ROW#', ':created': 201 },
        ExclusiveStartKey: startKey,
      }),
    );
    refused.push(...((page.Items ?? []) as unknown as RowResult[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const reportKey = `imports/${job.schoolId}/${jobId}/report.xlsx`;
  await writeObject(
    reportKey,
    await buildErrorReport(refused.map((r) => ({ rowNumber: r.rowNumber, name: r.name, maskedDocumentNumber: r.maskedDocumentNumber, errors: r.errors ?? [] }))),
    CONTENT_TYPES.xlsx,
  );
  const status: ImportStatus = error || job.status === 'failed' ? 'failed' : 'completed';
  await count(jobId, {}, {
    status,
    completedAt: nowIso(),
    reportKey,
    ...(error && !job.fileErrors ? { fileErrors: [{ en: `The import stopped: ${error.Error ?? 'error'}`, zh: `导入中断：${error.Error ?? '系统错误'}，请联系管理员` }] } : {}),
  });
  return { status };
}

