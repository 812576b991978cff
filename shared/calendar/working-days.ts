import builtIn from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/**
 * The one working-day calendar (工作日). Every deadline of the regulation — 20 working days to register (A5.1, A13),
 * 10 per party in every workflow (A14–A17), 20 before leaving (A18) — is counted here, on the statutory calendar:
 * weekends off, public holidays (法定节假日) off, make-up working days (调休上班) on.
 *
 * It counts dates (YYYY-MM-DD), never instants: callers turn an instant into a date in Asia/Shanghai first
 * (clock.shanghaiDate). Official schedules come from the `chinese-days` package, which has data up to 2026 and
 * silently treats later years as plain Mon–Fri; here a year without an official schedule is known as such, any
 * date computed through it is `provisional`, and the province can load the year's schedule (stored in the table).
 */
export interface YearSchedule {
  year: number;
  /** public holidays that fall on what would be working days, and the holiday weekends — all days off */
  holidays: string[];
  /** weekend days that are worked (调休) */
  makeUpWorkdays: string[];
  source: 'chinese-days' | 'loaded';
}

export interface WorkingDayResult {
  date: string;
  /** true when a year the count passed through has no official schedule: Mon–Fri was assumed */
  provisional: boolean;
  /** the years whose schedule the province should load */
  missingYears: number[];
}

/** The schedules the chinese-days package ships, by year. */
export const BUILT_IN_SCHEDULES: ReadonlyMap<number, YearSchedule> = (() => {
  const byYear = new Map<number, YearSchedule>();
  const entry = (year: number) => {
    let schedule = byYear.get(year);
    if (!schedule) byYear.set(year, (schedule = { year, holidays: [], makeUpWorkdays: [], source: 'chinese-days' }));
    return schedule;
  };
  for (const date of Object.keys(builtIn.holidays)) entry(Number(date.slice(0, 4))).holidays.push(date);
  for (const date of Object.keys(builtIn.workdays)) entry(Number(date.slice(0, 4))).makeUpWorkdays.push(date);
  return byYear;
})();

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export class WorkingDayCalendar {
  private readonly holidays = new Set<string>();
  private readonly makeUpWorkdays = new Set<string>();
  private readonly years = new Set<number>();

  /** Built-in schedules, overridden year by year by the ones the province loaded. */
  constructor(loaded: Iterable<YearSchedule> = []) {
    const schedules = new Map(BUILT_IN_SCHEDULES);
    for (const schedule of loaded) schedules.set(schedule.year, schedule);
    for (const schedule of schedules.values()) {
      this.years.add(schedule.year);
      for (const d of schedule.holidays) this.holidays.add(d);
      for (const d of schedule.makeUpWorkdays) this.makeUpWorkdays.add(d);
    }
  }

  hasOfficialSchedule(year: number): boolean {
    return this.years.has(year);
  }

  isWorkingDay(date: string): boolean {
    if (!DATE.test(date)) throw new RangeError(`not a date: ${date}`);
    if (this.makeUpWorkdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The n-th working day after `start` (the start day itself is not counted): "within n working days of D" ends on
   * the returned date, inclusive.
   */
  addWorkingDays(start: string, n: number): WorkingDayResult {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer: ${n}`);
    let date = start;
    const missing = new Set<number>();
    const note = (d: string) => {
      const year = Number(d.slice(0, 4));
      if (!this.hasOfficialSchedule(year)) missing.add(year);
    };
    note(start);
    for (let counted = 0; counted < n; ) {
      date = addDays(date, 1);
      note(date);
      if (this.isWorkingDay(date)) counted++;
    }
    return { date, provisional: missing.size > 0, missingYears: [...missing].sort() };
  }

  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) if (this.isWorkingDay(date)) count++;
    return count;
  }
}
