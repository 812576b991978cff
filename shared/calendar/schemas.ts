import * as z from 'zod';
import { ReasonSchema } from '../api/common.js';
import { say } from '../api/messages.js';

const dates = z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, say('must be a date written YYYY-MM-DD', '日期格式应为 YYYY-MM-DD'))).max(60);

export const CalendarYearParamsSchema = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

export const CalendarYearSchema = z
  .object({
    year: z.number().int(),
    holidays: z.array(z.string()).meta({ description: 'Days off: public holidays (法定节假日) and the weekends joined to them' }),
    makeUpWorkdays: z.array(z.string()).meta({ description: 'Weekend days that are worked (调休上班)' }),
    source: z.enum(['chinese-days', 'loaded']),
    official: z.boolean().meta({ description: 'false: no official schedule; deadlines through this year are provisional' }),
  })
  .meta({ id: 'CalendarYear' });

export const LoadCalendarYearSchema = z
  .strictObject({ holidays: dates, makeUpWorkdays: dates, reason: ReasonSchema })
  .meta({ id: 'LoadCalendarYear', description: 'From the 国务院办公厅 notice on the year’s public holidays' });
