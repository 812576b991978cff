import * as z from 'zod';

export const CreateImportSchema = z
  .strictObject({
    fileName: z.string().trim().min(1).max(200),
    format: z.enum(['xlsx', 'csv']).meta({ description: 'XLSX with the template’s header row, or CSV (UTF-8 or GBK) with the same headers' }),
    sizeBytes: z.number().int().positive().max(50 * 1024 * 1024).meta({ description: 'At most 50 MB' }),
  })
  .meta({ id: 'CreateImport' });

export const ImportJobSchema = z
  .object({
    jobId: z.string(),
    schoolId: z.string(),
    fileName: z.string(),
    format: z.enum(['xlsx', 'csv']),
    status: z.enum(['awaiting-upload', 'queued', 'running', 'completed', 'failed']),
    createdAt: z.string(),
    startedAt: z.string().optional(),
    completedAt: z.string().optional(),
    totalRows: z.number().int().optional(),
    processed: z.number().int().meta({ description: 'Rows answered so far: progress is processed / totalRows' }),
    created: z.number().int(),
    failed: z.number().int(),
    fileErrors: z.array(z.object({ en: z.string(), zh: z.string() })).optional(),
    reportUrl: z.string().optional().meta({ description: 'When finished: the per-row error report (XLSX), for the school' }),
  })
  .meta({ id: 'ImportJob' });

export const CreatedImportSchema = z
  .object({
    job: ImportJobSchema,
    upload: z.object({ method: z.literal('PUT'), url: z.string(), headers: z.record(z.string(), z.string()) }).meta({
      description: 'PUT the file here (presigned, 15 minutes), with these headers; then POST /imports/{jobId}/start',
    }),
  })
  .meta({ id: 'CreatedImport' });

export const ImportParamsSchema = z.strictObject({ jobId: z.uuid() });
