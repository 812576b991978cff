import * as z from 'zod';
import { PageQuerySchema, ReasonSchema } from '../api/common.js';
import { IntakeSchema } from '../students/intake-schema.js';
import { STATUS_CHANGES, type StatusChange } from './model.js';

const changes = Object.keys(STATUS_CHANGES) as [StatusChange, ...StatusChange[]];

const InformationChangeSchema = z.strictObject({
  type: z.literal('information-change'),
  changes: z
    .strictObject({
      name: IntakeSchema.shape.name.optional(),
      ethnicity: IntakeSchema.shape.ethnicity.optional(),
      householdAddress: IntakeSchema.shape.householdAddress,
      phone: IntakeSchema.shape.phone,
      guardian: IntakeSchema.shape.guardian,
    })
    .refine((c) => Object.keys(c).length > 0, { message: 'name at least one field to change' }),
  proofReceivedOn: z.iso.date().meta({ description: 'A16: the day the school received the proof; the case must open within 10 working days of it' }),
});

const CrossProvinceSchema = z.strictObject({
  type: z.literal('cross-province-transfer'),
  direction: z.enum(['out', 'in']).meta({ description: 'out: to another province; in: a student this school registered, come from another province' }),
  otherProvince: z.string().trim().min(2).max(20),
  otherSchool: z.string().trim().min(2).max(100),
});

const CorrectionSchema = z.strictObject({
  type: z.literal('correction'),
  changes: z
    .strictObject({
      ethnicity: IntakeSchema.shape.ethnicity.optional(),
      enrolmentDate: z.iso.date().optional(),
      major: IntakeSchema.shape.major.optional(),
      programLength: IntakeSchema.shape.programLength.optional(),
      studyMode: IntakeSchema.shape.studyMode.optional(),
      studentType: IntakeSchema.shape.studentType.optional(),
    })
    .refine((c) => Object.keys(c).length > 0, { message: 'name at least one field to correct' })
    .meta({ description: 'A11: what the proof shows; identifying fields are corrected by rejecting and submitting again' }),
});

const GeneralEducationSchema = z.strictObject({
  type: z.literal('general-education-transfer'),
  direction: z.enum(['to-general', 'from-general']).meta({ description: 'A14.3: opened by the receiving school — the general high school (to-general) or the vocational school (from-general)' }),
  generalHighSchoolId: z.string().regex(/^\d{10}$/),
});

export const CaseDetailsSchema = z.discriminatedUnion('type', [
  GeneralEducationSchema,
  CorrectionSchema,
  CrossProvinceSchema,
  InformationChangeSchema,
  z.strictObject({ type: z.literal('transfer'), receivingSchoolId: z.string().regex(/^\d{10}$/).meta({ description: 'A14.1: the receiving vocational school' }) }),
  z
    .strictObject({
      type: z.literal('status-change'),
      change: z.enum(changes).meta({ description: 'A15 — ' + Object.entries(STATUS_CHANGES).map(([k, v]) => `${k}: ${v}`).join('; ') }),
      expectedReturn: z.iso.date().optional().meta({ description: 'suspension: expected return date' }),
      newMajor: IntakeSchema.shape.major.optional().meta({ description: 'change-major' }),
      newStudyMode: IntakeSchema.shape.studyMode.optional().meta({ description: 'change-study-mode' }),
    })
    .superRefine((d, ctx) => {
      const needs: Partial<Record<StatusChange, 'expectedReturn' | 'newMajor' | 'newStudyMode'>> = {
        suspension: 'expectedReturn',
        'change-major': 'newMajor',
        'change-study-mode': 'newStudyMode',
      };
      const field = needs[d.change];
      if (field && d[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `is required for ${d.change}` });
    }),
]);

export const OpenCaseSchema = z
  .strictObject({
    studentId: z.uuid().optional(),
    studentNumber: z.string().regex(/^[GJ][0-9A-Z]{18}$/).optional().meta({ description: 'Instead of studentId: for a general high school receiving a vocational student (A14.3)' }),
    reason: ReasonSchema,
    details: CaseDetailsSchema,
  })
  .refine((o) => (o.studentId === undefined) !== (o.studentNumber === undefined), { message: 'give either studentId or studentNumber', path: ['studentId'] })
  .meta({ id: 'OpenCase', description: 'Opened by the student’s school (A14.1, A15)' });

const DecisionSchema = z.object({ decision: z.enum(['approve', 'reject']), reason: z.string(), at: z.string(), by: z.object({ credentialId: z.string(), name: z.string(), organisationId: z.string() }) });

export const CaseSchema = z
  .object({
    caseId: z.string(),
    type: z.enum(['transfer', 'cross-province-transfer', 'general-education-transfer', 'status-change', 'information-change', 'correction', 'duplicate-resolution']),
    studentId: z.string(),
    details: z.record(z.string(), z.unknown()),
    reason: z.string(),
    status: z.enum(['open', 'approved', 'rejected']),
    steps: z.array(
      z.object({
        index: z.number().int(),
        party: z.string(),
        organisationId: z.string(),
        status: z.enum(['pending', 'waiting', 'approved', 'rejected']),
        openedOn: z.string().optional(),
        deadline: z.object({ date: z.string(), provisional: z.boolean(), missingYears: z.array(z.number()) }).optional().meta({ description: '10 working days from the day the step opened' }),
        overdue: z.object({ since: z.string(), escalatedTo: z.string() }).optional(),
        decision: DecisionSchema.optional(),
      }),
    ),
    openedAt: z.string(),
    closedAt: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'Case' });

export const CaseParamsSchema = z.strictObject({ caseId: z.uuid() });
export const StepParamsSchema = z.strictObject({ caseId: z.uuid(), step: z.coerce.number().int().min(0).max(9) });
export const StepDecisionSchema = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    reason: ReasonSchema,
    keep: z.uuid().optional().meta({ description: 'A11 duplicate resolution only: the student id of the registration that stands' }),
  })
  .meta({ id: 'StepDecision' });

export const InboxQuerySchema = PageQuerySchema.extend({
  view: z.enum(['mine', 'escalations']).default('mine').meta({ description: 'mine: steps waiting for the caller; escalations: overdue steps of organisations below it' }),
});

export const InboxEntrySchema = z
  .object({
    caseId: z.string(),
    type: z.string(),
    studentId: z.string(),
    step: z.number().int(),
    party: z.string(),
    organisationId: z.string(),
    deadline: z.string(),
    overdue: z.boolean(),
  })
  .meta({ id: 'InboxEntry' });

export const RequestEvidenceSchema = z
  .strictObject({
    fileName: z.string().trim().min(1).max(200),
    contentType: z.enum(['image/jpeg', 'image/png', 'application/pdf']).meta({ description: 'A12.1: JPG, PNG or PDF only' }),
    sizeBytes: z.number().int().positive().max(10 * 1024 * 1024).meta({ description: 'At most 10 MB' }),
  })
  .meta({ id: 'RequestEvidence' });

export const EvidenceSchema = z
  .object({
    evidenceId: z.string(),
    caseId: z.string(),
    studentId: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    status: z.enum(['awaiting-upload', 'stored', 'refused']),
    uploadedAt: z.string(),
    uploadedBy: z.object({ credentialId: z.string(), name: z.string(), organisationId: z.string() }),
    downloadUrl: z.string().optional(),
  })
  .meta({ id: 'Evidence' });

export const EvidenceUploadSchema = z
  .object({ evidence: EvidenceSchema, upload: z.object({ method: z.literal('PUT'), url: z.string(), headers: z.record(z.string(), z.string()) }) })
  .meta({ id: 'EvidenceUpload', description: 'PUT the file to upload.url with upload.headers, then confirm it' });

export const EvidenceParamsSchema = z.strictObject({ caseId: z.uuid(), evidenceId: z.uuid() });
