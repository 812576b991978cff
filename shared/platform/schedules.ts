import type { FunctionGrants } from '../api/route.js';

/**
 * The schedule table: the one list of sweeps. The CDK stack turns each row into an EventBridge Scheduler schedule
 * (time zone Asia/Shanghai) targeting the function; the local runtime evaluates the same cron fields in the same
 * zone against the one clock.
 */
export interface CronFields {
  minute: string;
  hour: string;
  /** day of month; EventBridge needs `?` in day or weekDay, the local runtime treats `?` as `*` */
  day: string;
  month: string;
  weekDay: string;
}

export interface ScheduleDefinition {
  id: string;
  /** the Lambda entry under functions/, without extension */
  handler: string;
  description: string;
  cron: CronFields;
  grants: FunctionGrants;
}

export const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';

export const schedules: ScheduleDefinition[] = [
  {
    id: 'expire-credentials',
    handler: 'schedules/expire-credentials',
    description: 'A24: mark credentials past their last valid day as expired, with an audit event each',
    cron: { minute: '10', hour: '0', day: '*', month: '*', weekDay: '?' },
    grants: { table: 'write' },
  },
  {
    id: 'restart-stalled-cases',
    handler: 'schedules/restart-stalled-cases',
    description: 'A14/A15: start again the workflow of any case saved but not started (a crash between the two)',
    cron: { minute: '0/10', hour: '*', day: '*', month: '*', weekDay: '?' },
    grants: { table: 'read', startsWorkflows: ['case-workflow'] },
  },
];

/** EventBridge Scheduler expression, e.g. `cron(10 0 * * ? *)` */
export function eventBridgeCron(c: CronFields): string {
  return `cron(${c.minute} ${c.hour} ${c.day} ${c.month} ${c.weekDay} *)`;
}

/** The same fields as a five-field cron pattern for the local scheduler. */
export function localCronPattern(c: CronFields): string {
  const field = (value: string) => (value === '?' ? '*' : value);
  return [c.minute, c.hour, c.day, c.month, c.weekDay].map(field).join(' ');
}
