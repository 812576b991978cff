import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { logger, metrics } from './observability.js';

/**
 * A function no HTTP request calls — a scheduled sweep or a workflow task: the same Powertools order as the API
 * routes; the invocation id serves as the audit request id. Errors propagate, so the scheduler or the workflow
 * retries and records them.
 */
export function backgroundHandler<E, T>(name: string, run: (event: E, requestId: string) => Promise<T>) {
  const inner = async (event: E, context: Context) => {
    const result = await run(event, context.awsRequestId);
    // its own dimension, published at once: locally, tasks run side by side in one process
    const metric = metrics.singleMetric();
    metric.addDimension('task', name);
    metric.addMetric('Completed', MetricUnit.Count, 1);
    logger.info(`${name} finished`, { result });
    return result;
  };
  return middy(inner).use(injectLambdaContext(logger, { resetKeys: true }));
}
