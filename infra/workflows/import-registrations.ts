import { LAMBDA_RETRY, type WorkflowDefinition } from './definition.js';

/**
 * A school's file import (A5–A8, the autumn spike): parse and validate the whole file, register it in parallel
 * chunks, then write the per-row error report. Every Task has an explicit timeout (a Task without one waits for a
 * year on AWS and 60 s on the local engine). A failure anywhere still finishes the job, as failed, so the school sees
 * why instead of a job stuck at `running`.
 */
export const CHUNK_CONCURRENCY = 4;

export const importRegistrations: WorkflowDefinition = {
  id: 'import-registrations',
  description: 'Bulk import of new students from a CSV/XLSX file, in parallel chunks',
  // each function times out a little before its state does, so the function's own error is what the state sees
  tasks: {
    PrepareImportFunctionArn: { handler: 'imports/prepare', grants: { table: 'write', bucket: { access: 'write', prefix: 'imports' } }, timeoutSeconds: 290 },
    ImportChunkFunctionArn: { handler: 'imports/import-chunk', grants: { table: 'write', keys: true, bucket: { access: 'read', prefix: 'imports' } }, timeoutSeconds: 590 },
    FinishImportFunctionArn: { handler: 'imports/finish', grants: { table: 'write', bucket: { access: 'write', prefix: 'imports' } }, timeoutSeconds: 290 },
  },
  asl: {
    Comment: 'Import new-student registrations from a file, in parallel chunks',
    // a stuck import fails after two hours instead of holding its job at `running`
    TimeoutSeconds: 7200,
    StartAt: 'PrepareImport',
    States: {
      PrepareImport: {
        Type: 'Task',
        Resource: '${PrepareImportFunctionArn}',
        TimeoutSeconds: 300,
        Retry: [LAMBDA_RETRY],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'FailImport' }],
        ResultPath: '$.prepared',
        Next: 'ImportChunks',
      },
      ImportChunks: {
        Type: 'Map',
        ItemsPath: '$.prepared.chunks',
        ItemSelector: { 'jobId.$': '$.jobId', 'chunk.$': '$$.Map.Item.Value' },
        MaxConcurrency: CHUNK_CONCURRENCY,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'ImportChunk',
          States: {
            ImportChunk: {
              Type: 'Task',
              Resource: '${ImportChunkFunctionArn}',
              TimeoutSeconds: 600,
              Retry: [LAMBDA_RETRY],
              End: true,
            },
          },
        },
        ResultPath: null,
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'FailImport' }],
        Next: 'FinishImport',
      },
      FinishImport: {
        Type: 'Task',
        Resource: '${FinishImportFunctionArn}',
        TimeoutSeconds: 300,
        Retry: [LAMBDA_RETRY],
        Parameters: { 'jobId.$': '$.jobId' },
        End: true,
      },
      FailImport: {
        Type: 'Task',
        Resource: '${FinishImportFunctionArn}',
        TimeoutSeconds: 300,
        Retry: [LAMBDA_RETRY],
        Parameters: { 'jobId.$': '$.jobId', 'error.$': '$.error' },
        End: true,
      },
    },
  },
};

