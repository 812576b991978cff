import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

const SERVICE = 'student-registry';

/** Anything shaped like an 18- or 15-character identity number, alone or inside a G student number, is masked in logs (A24). */
const IDENTITY_NUMBER = /(?<!\d)(\d{4})\d{7,10}(\d{3}[\dXx])(?![\dXx])/g;

function maskIdentityNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.replace(IDENTITY_NUMBER, (_m, head: string, tail: string) => `${head}**********${tail}`) : value;
}

export const logger = new Logger({ serviceName: SERVICE, jsonReplacerFn: maskIdentityNumbers });
export const metrics = new Metrics({ serviceName: SERVICE, namespace: 'StudentRegistry' });
// No Powertools Tracer: Lambda's active tracing (registry-function.ts) records every invocation and its init; the
// Tracer's handler subsegment added 20 ms and 124 KB to every cold start (BENCHMARKS.md, figure 4).
