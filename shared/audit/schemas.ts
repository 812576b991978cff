import * as z from 'zod';
import { OrganisationIdSchema, PageQuerySchema } from '../api/common.js';

export const AuditEventSchema = z
  .object({
    eventId: z.string(),
    at: z.string(),
    actor: z.object({
      kind: z.enum(['person', 'system', 'schedule']),
      name: z.string(),
      credentialId: z.string().optional(),
      role: z.string().optional(),
      organisationId: z.string(),
    }),
    action: z.string().meta({ example: 'organisation.basic-info-updated' }),
    target: z.object({ type: z.string(), id: z.string() }),
    reason: z.string().optional(),
    requestId: z.string(),
    changes: z.array(z.object({ field: z.string(), from: z.unknown().optional(), to: z.unknown().optional() })).meta({
      description: 'What changed; identity numbers appear masked (A24)',
    }),
  })
  .meta({ id: 'AuditEvent', description: 'A25: who (person or system, organisation) changed what, when and why' });

export const OrganisationAuditQuerySchema = PageQuerySchema.extend({
  about: z
    .enum(['actions', 'record'])
    .default('actions')
    .meta({ description: "actions: what the organisation's staff and systems did; record: changes to the organisation's own record" }),
});

export const OrganisationAuditParamsSchema = z.strictObject({ organisationId: OrganisationIdSchema });
