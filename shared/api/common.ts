import * as z from 'zod';
import { say } from './messages.js';

/** Schemas shared by many routes. zod is the one source for validation, types and the OpenAPI document. */

export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: 'Stable problem type, e.g. /problems/validation' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string(),
    rule: z.string().optional().meta({ description: 'The regulation article id a rule violation refers to, e.g. A4' }),
    zh: z.object({ title: z.string(), detail: z.string() }).meta({ description: '中文说明' }),
    errors: z
      .array(
        z.object({
          field: z.string().meta({ description: 'Where: params.*, query.*, body.*' }),
          code: z.string(),
          message: z.string(),
          zh: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, in English with a Chinese translation' });

export const PageQuerySchema = z.strictObject({
  cursor: z.string().max(2048).optional().meta({ description: 'Opaque cursor from the previous page' }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z.string().optional().meta({ description: 'Pass as `cursor` to get the next page; absent on the last page' }),
    })
    .meta({ id });
}

export const ReasonSchema = z.string().trim().min(2).max(500).meta({ description: 'Why (kept in the audit trail, A25)' });

export const OrganisationIdSchema = z
  .string()
  .regex(/^(\d{6}|\d{10})$/, say('must be a 6-digit division code or a 10-digit school code', '必须是6位行政区划代码或10位学校标识码'))
  .meta({ description: 'Division code (GB/T 2260) of an authority, or school code (学校标识码) of a school' });
