import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context } from 'aws-lambda';
import { logger, metrics, tracer } from './observability.js';

/** A scheduled sweep: the same Powertools order as the API routes; the invocation id is the audit request id. */
export function scheduledHandler<T>(name: string, run: (requestId: string) => Promise<T>) {
  const inner = async (_event: unknown, context: Context) => {
    const result = await run(context.awsRequestId);
    metrics.addDimension('schedule', name);
    metrics.addMetric('ScheduledRun', MetricUnit.Count, 1);
    logger.info(`${name} finished`, { result });
    return result;
  };
  return middy(inner).use(captureLambdaHandler(tracer)).use(injectLambdaContext(logger, { resetKeys: true })).use(logMetrics(metrics));
}
