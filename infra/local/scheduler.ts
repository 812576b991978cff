import { Cron } from 'croner';
import { localCronPattern, SCHEDULE_TIME_ZONE, schedules } from '../../shared/platform/schedules.js';
import { now, realDelayUntil } from '../../shared/platform/clock.js';
import { lambdaContext } from './api-gateway.js';
import { loadHandler } from './functions.js';

/** Node timers overflow past 2^31 ms; longer waits are taken in steps and re-evaluated against the clock. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs the schedule table as EventBridge Scheduler would: the same cron fields, in Asia/Shanghai, on the one clock —
 * so with a fast clock a daily sweep comes round in seconds.
 */
export function startScheduler(log: (line: string) => void): { stop(): void } {
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;

  for (const schedule of schedules) {
    // sloppyRanges: EventBridge writes steps with a start value (0/10), which croner accepts only in this mode
    const cron = new Cron(localCronPattern(schedule.cron), { timezone: SCHEDULE_TIME_ZONE, paused: true, sloppyRanges: true });
    const arm = () => {
      if (stopped) return;
      const next = cron.nextRun(now());
      if (!next) return;
      const delay = realDelayUntil(next.getTime());
      timers.set(
        schedule.id,
        setTimeout(async () => {
          if (delay > MAX_TIMER_MS) return arm();
          try {
            const handler = await loadHandler(schedule.handler);
            const result = await handler({ scheduledAt: next.toISOString(), schedule: schedule.id }, lambdaContext(schedule.id, 900_000));
            log(`schedule ${schedule.id} ran for ${next.toISOString()}: ${JSON.stringify(result)}`);
          } catch (error) {
            log(`schedule ${schedule.id} failed: ${(error as Error).message}`);
          }
          arm();
        }, Math.min(delay, MAX_TIMER_MS)),
      );
    };
    arm();
  }
  return {
    stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
    },
  };
}
