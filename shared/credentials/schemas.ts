import * as z from 'zod';
import { OrganisationIdSchema, PageQuerySchema, ReasonSchema } from '../api/common.js';
import { HOLDER_KINDS, ROLES } from '../auth/principal.js';

export const CREDENTIAL_STATUSES = ['active', 'revoked', 'expired'] as const;

export const CredentialSchema = z
  .object({
    credentialId: z.string(),
    organisationId: z.string(),
    role: z.enum(ROLES),
    holder: z.object({ kind: z.enum(HOLDER_KINDS), name: z.string() }),
    status: z.enum(CREDENTIAL_STATUSES),
    issuedAt: z.string(),
    issuedBy: z.string().meta({ description: 'Credential id of the administrator who issued it' }),
    validUntil: z.string().meta({ description: 'Last day of validity (Asia/Shanghai date)' }),
    lastUsedAt: z.string().optional().meta({ description: 'Updated at most every few minutes' }),
    revokedAt: z.string().optional(),
  })
  .meta({ id: 'Credential', description: 'A personal credential (A23); the secret is never shown again after issue' });

export const IssueCredentialSchema = z
  .strictObject({
    organisationId: OrganisationIdSchema,
    role: z.enum(ROLES).meta({ description: 'registrar at a school, reviewer at an authority, administrator at the province' }),
    holder: z.strictObject({
      kind: z.enum(HOLDER_KINDS).meta({ description: 'person: a named staff member; system: a school system (machine user)' }),
      name: z.string().trim().min(2).max(100).meta({ description: 'The staff member, or the system and its vendor' }),
    }),
    validDays: z.number().int().min(1).max(730).default(365),
    reason: ReasonSchema.optional(),
  })
  .meta({ id: 'IssueCredential' });
export type IssueCredentialInput = z.infer<typeof IssueCredentialSchema>;

export const IssuedCredentialSchema = CredentialSchema.extend({
  token: z.string().meta({ description: 'Shown once: send as `Authorization: Bearer <token>`' }),
}).meta({ id: 'IssuedCredential' });

export const RevokeCredentialSchema = z.strictObject({ reason: ReasonSchema }).meta({ id: 'RevokeCredential' });
export const CredentialParamsSchema = z.strictObject({ credentialId: z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/) });
export const CredentialListQuerySchema = PageQuerySchema.extend({ organisationId: OrganisationIdSchema });
