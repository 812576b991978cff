/**
 * The one clock. Every piece of code reads the time here, so the local stack can start at a chosen instant and run
 * faster than real time (CLOCK_START, CLOCK_SPEED). In AWS neither variable is set and this is the system clock.
 */
const SHANGHAI = 'Asia/Shanghai';

interface ClockSettings {
  /** the instant the clock showed when the process read its settings */
  startAt: number;
  /** real milliseconds since epoch at that moment */
  realStartAt: number;
  /** simulated milliseconds per real millisecond */
  speed: number;
}

function readSettings(): ClockSettings {
  const realStartAt = Date.now();
  const start = process.env.CLOCK_START ? Date.parse(process.env.CLOCK_START) : realStartAt;
  const speed = process.env.CLOCK_SPEED ? Number(process.env.CLOCK_SPEED) : 1;
  if (Number.isNaN(start)) throw new Error(`CLOCK_START is not an instant: ${process.env.CLOCK_START}`);
  if (!(speed > 0)) throw new Error(`CLOCK_SPEED must be a positive number: ${process.env.CLOCK_SPEED}`);
  return { startAt: start, realStartAt, speed };
}

let settings = readSettings();

/** Re-reads CLOCK_START/CLOCK_SPEED; the local runtime calls this after it has set them. */
export function resetClock(): void {
  settings = readSettings();
}

export function clockSettings(): Readonly<ClockSettings> {
  return settings;
}

export function nowMs(): number {
  return settings.startAt + (Date.now() - settings.realStartAt) * settings.speed;
}

export function now(): Date {
  return new Date(nowMs());
}

/** ISO-8601 instant in UTC, e.g. for audit events and sort keys (sorts lexicographically). */
export function nowIso(): string {
  return now().toISOString();
}

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: SHANGHAI, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai — deadlines count dates there, not in UTC. */
export function shanghaiDate(instant: Date | number = nowMs()): string {
  return dateFormat.format(instant);
}

/** Real milliseconds to wait until the clock shows `instant` (0 if it already has). */
export function realDelayUntil(instant: number): number {
  return Math.max(0, (instant - nowMs()) / settings.speed);
}

/**
 * Seconds a timer must run for the clock to reach `instant`: real seconds, so a Step Functions task timeout set from
 * it expires when the (possibly fast) local clock reaches the deadline, and exactly at the deadline on AWS.
 */
export function timerSecondsUntil(instant: number): number {
  return Math.max(1, Math.ceil(realDelayUntil(instant) / 1000));
}

/** The last instant of a date in Asia/Shanghai (a deadline date ends at midnight there). */
export function endOfShanghaiDate(date: string): number {
  return Date.parse(`${date}T23:59:59.999+08:00`);
}
