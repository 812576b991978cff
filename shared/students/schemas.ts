import * as z from 'zod';
import { PageQuerySchema, ReasonSchema } from '../api/common.js';
import { IntakeSchema } from './intake-schema.js';
import { REGISTRATION_STATUSES } from './model.js';

const SeasonYearSchema = z.object({ season: z.enum(['autumn', 'spring']), year: z.number().int() });
const ByWhomSchema = z.object({ credentialId: z.string(), name: z.string(), organisationId: z.string() });

export const StudentSchema = z
  .object({
    studentId: z.string(),
    schoolId: z.string(),
    supervisingAuthorityId: z.string().meta({ description: 'Reviews this registration (A4, A8.1)' }),
    status: z.enum(REGISTRATION_STATUSES),
    studentNumber: z.string().optional().meta({ description: '学籍号, for life (A8.2); masked for authorities that do not review it (A24)' }),
    temporaryNumber: z.string().optional().meta({ description: 'Temporary L number while identity verification is pending (A8.2)' }),
    person: z.record(z.string(), z.unknown()).meta({ description: 'Name, sex, birth date, ethnicity, identity document (number masked where not needed, A24), guardian, address' }),
    enrolment: z.record(z.string(), z.unknown()),
    registration: z.object({
      season: SeasonYearSchema.meta({ description: 'The season the registration counts in (A5.2, A5.3)' }),
      expectedGraduation: z.string().meta({ description: 'YYYY-MM' }),
      rolledOver: z.object({ from: SeasonYearSchema, on: z.string() }).optional().meta({ description: 'Completed after the cut-off: moved to the next season (A5.3)' }),
      deadline: z.object({ date: z.string(), provisional: z.boolean(), missingYears: z.array(z.number()), note: z.object({ en: z.string(), zh: z.string() }).optional() }).meta({
        description: 'A5.1: 20 working days from the enrolment date; provisional when a year’s statutory calendar is not loaded',
      }),
      submittedAt: z.string(),
      decision: z.object({ decision: z.enum(['approve', 'reject']), reason: z.string(), at: z.string(), by: ByWhomSchema }).optional(),
      verification: z.object({ checks: z.array(z.string()), note: z.string().optional(), at: z.string(), by: ByWhomSchema }).optional(),
      possibleDuplicates: z.number().int().optional().meta({ description: 'A7/A26: active records with the same name, birth date and sex — check before approving' }),
    }),
    continuation: z.object({ recordId: z.string(), stage: z.string(), studentNumber: z.string().optional() }).optional().meta({ description: 'A6' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Student' });

export const StudentParamsSchema = z.strictObject({ studentId: z.uuid() });
export const SchoolParamsSchema = z.strictObject({ schoolId: z.string().regex(/^\d{10}$/) });
export const SchoolStudentsQuerySchema = PageQuerySchema.extend({ status: z.enum(REGISTRATION_STATUSES).optional() });

export const DecisionSchema = z
  .strictObject({ decision: z.enum(['approve', 'reject']), reason: ReasonSchema })
  .meta({ id: 'RegistrationDecision', description: 'A8.1: the supervising authority approves or rejects, always with a reason' });

/** What a reviewer can have checked when verifying identity (身份证信息认证, A8.1). */
export const IDENTITY_CHECKS = {
  'original-document-inspected': '核验证件原件',
  'public-security-database': '公安部门身份信息核查',
  'household-register': '户口簿核对',
  'photo-matches': '照片比对',
  'passport-and-visa': '护照及签证核对',
} as const;

export const IdentityVerificationSchema = z
  .strictObject({
    checks: z
      .array(z.enum(Object.keys(IDENTITY_CHECKS) as [keyof typeof IDENTITY_CHECKS]))
      .min(1)
      .meta({ description: Object.entries(IDENTITY_CHECKS).map(([k, v]) => `${k}: ${v}`).join('; ') }),
    note: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'IdentityVerification' });

export const GrantEligibilitySchema = z
  .object({
    studentId: z.string(),
    status: z.enum(REGISTRATION_STATUSES),
    eligible: z.boolean(),
    reason: z.object({ en: z.string(), zh: z.string() }),
  })
  .meta({ id: 'GrantEligibility', description: 'A10: 国家助学金 and tuition waivers need an approved registration' });

export const BatchSchema = z
  .strictObject({
    students: z
      .array(z.unknown())
      .min(1)
      .max(100)
      .meta({ description: 'Up to 100 Intake records; each row is validated and registered on its own', items: { $ref: '#/components/schemas/Intake' } }),
  })
  .meta({ id: 'RegistrationBatch' });

export const BatchResultSchema = z
  .object({
    results: z.array(
      z.object({
        index: z.number().int(),
        status: z.number().int().meta({ description: 'The HTTP status this row would have had on its own: 201, 400, 409, 422' }),
        studentId: z.string().optional(),
        registrationStatus: z.enum(REGISTRATION_STATUSES).optional(),
        deadline: z.string().optional().meta({ description: 'A5.1 registration deadline' }),
        problem: z.record(z.string(), z.unknown()).optional().meta({ description: 'The problem details of a refused row' }),
      }),
    ),
    created: z.number().int(),
    refused: z.number().int(),
  })
  .meta({ id: 'RegistrationBatchResult' });

/** A6: a record of an earlier stage, as the province loads it from the national compulsory-education registry. */
export const PriorStageRecordSchema = z
  .strictObject({
    stage: z.enum(['compulsory']).meta({ description: 'compulsory: 义务教育 (junior secondary)' }),
    name: IntakeSchema.shape.name,
    sex: IntakeSchema.shape.sex,
    birthDate: IntakeSchema.shape.birthDate,
    ethnicity: IntakeSchema.shape.ethnicity.optional(),
    identityDocument: IntakeSchema.shape.identityDocument,
    schoolName: z.string().trim().min(2).max(100),
    studentNumber: z.string().regex(/^[GJL][0-9A-Z]{18,19}$/).optional().meta({ description: 'The student number of that stage: kept for life (A8.2)' }),
  })
  .meta({ id: 'PriorStageRecord' });
export type PriorStageRecord = z.infer<typeof PriorStageRecordSchema>;

export const PriorStageBatchSchema = z
  .strictObject({ records: z.array(PriorStageRecordSchema).min(1).max(500) })
  .meta({ id: 'PriorStageBatch' });

export { IntakeSchema };
