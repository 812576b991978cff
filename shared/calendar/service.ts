import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems, db, tableName } from '../platform/db.js';
import { keys } from '../platform/keys.js';
import { nowIso } from '../platform/clock.js';
import { WarmCache } from '../platform/warm-cache.js';
import { RuleViolationError, type Text } from '../platform/errors.js';
import { actorOf, auditPut, diff } from '../audit/audit.js';
import type { Caller } from '../auth/principal.js';
import { BUILT_IN_SCHEDULES, WorkingDayCalendar, type WorkingDayResult, type YearSchedule } from './working-days.js';

/** Loaded schedules change once a year: a warm function re-reads them every few minutes (null: none loaded). */
const cache = new WarmCache<YearSchedule | null>(5 * 60_000);

async function loadedSchedules(years: number[]): Promise<YearSchedule[]> {
  const stale = years.filter((y) => !cache.has(String(y)));
  if (stale.length) {
    const found = new Map((await batchGetItems(stale.map((y) => keys.calendarYear(y)))).map((item) => [Number(item.year), item as unknown as YearSchedule]));
    for (const y of stale) cache.set(String(y), found.get(y) ?? null);
  }
  return years.map((y) => cache.get(String(y))).filter((s): s is YearSchedule => !!s);
}

/** A calendar that knows every schedule the count from `date` could need (deadlines run weeks, not years). */
export async function calendarAround(date: string): Promise<WorkingDayCalendar> {
  const year = Number(date.slice(0, 4));
  return new WorkingDayCalendar(await loadedSchedules([year - 1, year, year + 1]));
}

/** A deadline as the API shows it: provisional ones say which year's calendar the province should load. */
export type Deadline = WorkingDayResult & { note?: Text };

/** The n-th working day after `start` — every deadline of the regulation is computed here. */
export async function deadlineAfter(start: string, n: number): Promise<Deadline> {
  const result = (await calendarAround(start)).addWorkingDays(start, n);
  if (!result.provisional) return result;
  const years = result.missingYears.join(', ');
  return {
    ...result,
    note: {
      en: `Provisional: the statutory calendar of ${years} is not loaded yet, so Monday–Friday was assumed; the provincial authority loads it with PUT /calendar/{year}`,
      zh: `暂定日期：尚未载入 ${years} 年法定节假日安排，暂按周一至周五计算；请省级教育行政部门通过 PUT /calendar/{year} 载入`,
    },
  };
}

export async function getYearSchedule(year: number): Promise<YearSchedule & { official: boolean }> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.calendarYear(year) }));
  if (Item) return { ...(Item as unknown as YearSchedule), official: true };
  const builtIn = BUILT_IN_SCHEDULES.get(year);
  if (builtIn) return { ...builtIn, official: true };
  return { year, holidays: [], makeUpWorkdays: [], source: 'chinese-days', official: false };
}

/** #12: the province loads a year's State Council schedule (the 国务院办公厅 notice on public holidays). */
export async function loadYearSchedule(
  caller: Caller,
  year: number,
  input: { holidays: string[]; makeUpWorkdays: string[]; reason: string },
): Promise<YearSchedule & { official: boolean }> {
  const outside = [...input.holidays, ...input.makeUpWorkdays].filter((d) => !d.startsWith(`${year}-`));
  if (outside.length) {
    throw new RuleViolationError('A5.1', { en: `Dates outside ${year}: ${outside.join(', ')}`, zh: `以下日期不属于 ${year} 年：${outside.join('、')}` });
  }
  const notWeekend = input.makeUpWorkdays.filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
  if (notWeekend.length) {
    throw new RuleViolationError('A5.1', {
      en: `Make-up working days must fall on a weekend: ${notWeekend.join(', ')}`,
      zh: `调休上班日必须是周六或周日：${notWeekend.join('、')}`,
    });
  }
  const before = await getYearSchedule(year);
  const schedule: YearSchedule = { year, holidays: [...new Set(input.holidays)].sort(), makeUpWorkdays: [...new Set(input.makeUpWorkdays)].sort(), source: 'loaded' };
  const at = nowIso();
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: { ...keys.calendarYear(year), entity: 'calendar-year', ...schedule, loadedAt: at } } },
        auditPut({
          at,
          actor: actorOf(caller),
          action: 'calendar.year-loaded',
          target: { type: 'calendar', id: String(year) },
          reason: input.reason,
          requestId: caller.requestId,
          changes: diff({ holidays: before.holidays, makeUpWorkdays: before.makeUpWorkdays }, { holidays: schedule.holidays, makeUpWorkdays: schedule.makeUpWorkdays }),
        }),
      ],
    }),
  );
  cache.forget(String(year));
  return { ...schedule, official: true };
}
