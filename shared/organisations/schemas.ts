import * as z from 'zod';
import { OrganisationIdSchema, ReasonSchema } from '../api/common.js';
import { say } from '../api/messages.js';
import { ORGANISATION_LEVELS, ORGANISATION_STATUSES, SCHOOL_TYPES, type SchoolType } from './model.js';

const schoolTypes = Object.keys(SCHOOL_TYPES) as [SchoolType, ...SchoolType[]];

export const BasicInfoSchema = z
  .strictObject({
    address: z.string().trim().min(1).max(200).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{5,30}$/, say('must be a telephone number', '必须是电话号码'))
      .optional(),
    contactPerson: z.string().trim().min(1).max(50).optional(),
    website: z.url().max(200).optional(),
  })
  .meta({ id: 'BasicInfo', description: 'Basic information the organisation maintains itself (A3.2)' });

export const OrganisationSchema = z
  .object({
    id: OrganisationIdSchema,
    level: z.enum(ORGANISATION_LEVELS),
    name: z.string(),
    status: z.enum(ORGANISATION_STATUSES),
    parentId: z.string().optional().meta({ description: 'The authority whose area the organisation lies in' }),
    schoolType: z.enum(schoolTypes).optional().meta({ description: 'A2 — ' + Object.entries(SCHOOL_TYPES).map(([k, v]) => `${k}: ${v}`).join('; ') }),
    owningLevel: z.enum(['province', 'prefecture', 'county']).optional().meta({ description: 'Which level of authority runs the school' }),
    supervisingAuthorityId: z.string().optional().meta({ description: '学籍主管部门, derived per A4 (schools only)' }),
    supervisionPath: z.array(z.string()),
    basicInfo: BasicInfoSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Organisation' });

export const CreateOrganisationSchema = z
  .discriminatedUnion('level', [
    z.strictObject({
      level: z.literal('province'),
      id: z.string().regex(/^\d{2}0000$/, say('a province is identified by a code ending in 0000', '省级区划代码必须以0000结尾')),
      name: z.string().trim().min(2).max(100),
      basicInfo: BasicInfoSchema.optional(),
    }),
    z.strictObject({
      level: z.enum(['prefecture', 'county']),
      id: z.string().regex(/^\d{6}$/, say('must be a 6-digit division code', '必须是6位行政区划代码')),
      name: z.string().trim().min(2).max(100),
      parentId: z.string().regex(/^\d{6}$/, say('must be a 6-digit division code', '必须是6位行政区划代码')),
      basicInfo: BasicInfoSchema.optional(),
    }),
    z.strictObject({
      level: z.literal('school'),
      id: z.string().regex(/^\d{10}$/, say('must be a 10-digit school code', '必须是10位学校标识码')),
      name: z.string().trim().min(2).max(100),
      parentId: z
        .string()
        .regex(/^\d{6}$/, say('must be the division code of the prefecture or county the school lies in', '必须是学校所在州（市）或县（市、区）的区划代码')),
      schoolType: z.enum(schoolTypes),
      owningLevel: z.enum(['province', 'prefecture', 'county']),
      basicInfo: BasicInfoSchema.optional(),
    }),
  ])
  .meta({ id: 'CreateOrganisation', description: 'Only the provincial authority creates organisations (A3.2)' });
export type CreateOrganisationInput = z.infer<typeof CreateOrganisationSchema>;

export const UpdateBasicInfoSchema = z
  .strictObject({
    name: z.string().trim().min(2).max(100).optional(),
    basicInfo: BasicInfoSchema.optional(),
    reason: ReasonSchema,
    expectedVersion: z.number().int().positive().optional().meta({ description: 'Refuse with 409 if the record changed since this version' }),
  })
  .meta({ id: 'UpdateBasicInfo' });
export type UpdateBasicInfoInput = z.infer<typeof UpdateBasicInfoSchema>;

export const OrganisationParamsSchema = z.strictObject({ organisationId: OrganisationIdSchema });
