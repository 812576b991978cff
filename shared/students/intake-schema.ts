import * as z from 'zod';
import { say } from '../api/messages.js';
import { DOCUMENT_TYPES } from './identity-document.js';
import { ETHNICITIES, GUARDIAN_RELATIONSHIPS, RECRUITMENT_TYPES, SEASONS, SEXES, STUDENT_TYPES, STUDY_MODES } from './reference-data.js';

/**
 * The new-student intake record (新生学籍信息) — the fields of the national system's intake template, in one place.
 * Each field's `title` is its Chinese column header in the import template, which is generated from this schema.
 */
const keysOf = <T extends Record<string, string>>(values: T) => Object.keys(values) as [keyof T & string, ...(keyof T & string)[]];
const listing = (values: Record<string, string>) => Object.entries(values).map(([k, v]) => `${k} ${v}`).join('; ');

const date = (title: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, say('must be a date written YYYY-MM-DD', '日期格式应为 YYYY-MM-DD，例如 2026-09-01'))
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), say('is not a real calendar date', '不是有效的日历日期'))
    .meta({ title });

const text = (title: string, max: number) => z.string().trim().min(1).max(max).meta({ title });

export const IdentityDocumentInputSchema = z
  .strictObject({
    type: z.enum(DOCUMENT_TYPES).meta({ title: '身份证件类型' }),
    number: z.string().max(40).optional().meta({ title: '身份证件号', description: 'Kept only where needed; never in logs, keys or URLs (A24)' }),
    issuingCountry: z.string().max(3).optional().meta({ title: '国籍/地区', description: 'ISO 3166-1 alpha-3; passports only' }),
  })
  .meta({ id: 'IdentityDocumentInput' });

export const IntakeSchema = z
  .strictObject({
    name: z.string().trim().min(2).max(50).meta({ title: '姓名' }),
    sex: z.enum(keysOf(SEXES)).meta({ title: '性别', description: listing(SEXES) }),
    birthDate: date('出生日期'),
    ethnicity: z.enum(keysOf(ETHNICITIES)).meta({ title: '民族', description: 'GB/T 3304 code' }),
    identityDocument: IdentityDocumentInputSchema,
    enrolmentDate: date('入学日期').meta({ title: '入学日期', description: 'The day enrolment was completed; the 20-working-day deadline runs from it (A5.1)' }),
    season: z.enum(keysOf(SEASONS)).meta({ title: '入学季节', description: listing(SEASONS) }),
    intakeYear: z.number().int().min(2000).max(2100).meta({ title: '入学年份' }),
    major: z.strictObject({
      code: z.string().regex(/^\d{6}$/, say('must be the 6-digit code of the secondary-vocational major catalogue', '专业代码应为《中等职业学校专业目录》中的6位代码')).meta({ title: '专业代码' }),
      name: text('专业名称', 60),
    }),
    programLength: z.number().int().min(1).max(5).meta({ title: '学制', description: 'Years' }),
    studyMode: z.enum(keysOf(STUDY_MODES)).meta({ title: '学习形式', description: listing(STUDY_MODES) }),
    studentType: z.enum(keysOf(STUDENT_TYPES)).meta({ title: '学生类别', description: listing(STUDENT_TYPES) }),
    recruitmentType: z.enum(keysOf(RECRUITMENT_TYPES)).meta({ title: '招生方式', description: listing(RECRUITMENT_TYPES) }),
    jointPartnerSchoolId: z
      .string()
      .regex(/^\d{10}$/, say('must be a 10-digit school code', '必须是10位学校标识码'))
      .optional()
      .meta({ title: '联合招生合作学校标识码', description: 'Where a jointly recruited student actually studies (A17)' }),
    guardian: z
      .strictObject({
        name: text('监护人姓名', 50),
        relationship: z.enum(keysOf(GUARDIAN_RELATIONSHIPS)).meta({ title: '监护人关系', description: listing(GUARDIAN_RELATIONSHIPS) }),
        phone: z.string().trim().regex(/^[0-9+\-() ]{5,30}$/, say('must be a telephone number', '必须是电话号码')).meta({ title: '监护人电话' }),
      })
      .optional(),
    householdAddress: text('户籍地址', 200).optional(),
    phone: z.string().trim().regex(/^[0-9+\-() ]{5,30}$/, say('must be a telephone number', '必须是电话号码')).optional().meta({ title: '联系电话' }),
  })
  .superRefine((intake, ctx) => {
    if (intake.recruitmentType === 'joint' && !intake.jointPartnerSchoolId) {
      ctx.addIssue({ code: 'custom', path: ['jointPartnerSchoolId'], message: say('is required when the student was recruited jointly (A17)', '联合招生合作办学的学生必须填写合作学校标识码（第十七条）').error });
    }
    if (intake.recruitmentType !== 'joint' && intake.jointPartnerSchoolId) {
      ctx.addIssue({ code: 'custom', path: ['jointPartnerSchoolId'], message: say('is only for jointly recruited students (A17)', '仅联合招生合作办学的学生填写合作学校标识码（第十七条）').error });
    }
  })
  .meta({ id: 'Intake', description: 'A new student as the school submits it (A5–A8)' });
export type Intake = z.infer<typeof IntakeSchema>;
