import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2WithLambdaAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { logger, metrics } from '../platform/observability.js';
import { ForbiddenError, ValidationError, type FieldError } from '../platform/errors.js';
import { principalFrom, type AuthorizerContext } from '../auth/context.js';
import type { Caller } from '../auth/principal.js';
import { fieldErrors } from './messages.js';
import { problemResponse } from './problem.js';
import type { RouteDefinition } from './route.js';

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;
type Request<R extends RouteDefinition> = NonNullable<R['request']>;

export interface RouteInput<R extends RouteDefinition> {
  params: Infer<Request<R>['params']>;
  query: Infer<Request<R>['query']>;
  body: Infer<Request<R>['body']>;
  /** the authenticated caller; public routes get none */
  caller: R['access'] extends { roles: readonly unknown[] } ? Caller : undefined;
  requestId: string;
  event: ApiEvent;
  context: Context;
}

export interface RouteResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type ApiEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext>;

/**
 * Every API function is `export const handler = routeHandler(routes.x, use-case glue)`. In a fixed order:
 * Powertools logger (middy), a metric per answer, then authenticate, check the route's roles, validate params, query
 * and body with the route's zod schemas, run the use case, and map any error through the one problem mapper.
 */
export function routeHandler<R extends RouteDefinition>(definition: R, run: (input: RouteInput<R>) => Promise<RouteResult>) {
  const inner = async (event: ApiEvent, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const requestId = event.requestContext.requestId;
    logger.appendKeys({ requestId, routeKey: event.routeKey });
    const respond = (response: APIGatewayProxyStructuredResultV2) => {
      const status = response.statusCode ?? 200;
      // a metric with its own dimension, published at once: the local server runs invocations side by side in one process
      const metric = metrics.singleMetric();
      metric.addDimension('operation', definition.operationId);
      metric.addMetric(status >= 500 ? 'ServerError' : status >= 400 ? 'ClientError' : 'Success', MetricUnit.Count, 1);
      return response;
    };
    try {
      const caller = 'roles' in definition.access ? authorise(definition, event, requestId) : undefined;
      const input = parse(definition, event);
      const result = await run({ ...input, caller, requestId, event, context } as RouteInput<R>);
      const status = result.status ?? definition.response.status;
      const contentType = definition.response.contentType ?? 'application/json';
      const binary = Buffer.isBuffer(result.body);
      return respond({
        statusCode: status,
        headers: { 'content-type': contentType, ...result.headers },
        body: binary ? (result.body as Buffer).toString('base64') : typeof result.body === 'string' ? result.body : result.body === undefined ? '' : JSON.stringify(result.body),
        isBase64Encoded: binary,
      });
    } catch (error) {
      return respond(problemResponse(error, requestId, event.rawPath));
    }
  };
  return middy(inner).use(injectLambdaContext(logger, { resetKeys: true }));
}

function authorise(definition: RouteDefinition, event: ApiEvent, requestId: string): Caller {
  const principal = principalFrom(event.requestContext.authorizer?.lambda);
  const allowed = 'roles' in definition.access ? definition.access.roles : [];
  if (!allowed.includes(principal.role)) {
    throw new ForbiddenError({
      en: `${definition.operationId} is for: ${allowed.join(', ')}; your credential's role is ${principal.role}`,
      zh: `此操作仅限以下角色：${allowed.join('、')}；您的角色是 ${principal.role}`,
    });
  }
  logger.appendKeys({ organisationId: principal.organisationId, credentialId: principal.credentialId });
  return { principal, requestId };
}

function parse(definition: RouteDefinition, event: ApiEvent) {
  const errors: FieldError[] = [];
  const check = (location: string, schema: z.ZodType | undefined, value: unknown) => {
    if (!schema) return undefined;
    const result = schema.safeParse(value, { reportInput: true });
    if (result.success) return result.data;
    errors.push(...fieldErrors(location, result.error.issues));
    return undefined;
  };
  const params = check('params', definition.request?.params, event.pathParameters ?? {});
  const query = check('query', definition.request?.query, event.queryStringParameters ?? {});
  const body = definition.request?.body ? check('body', definition.request.body, readJsonBody(event, errors)) : undefined;
  if (errors.length) throw new ValidationError(errors);
  return { params, query, body };
}

function readJsonBody(event: ApiEvent, errors: FieldError[]): unknown {
  if (!event.body) return undefined;
  const contentType = event.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
    errors.push({
      field: 'headers.content-type',
      code: 'unsupported_media_type',
      message: { en: 'Send the body as application/json', zh: '请求体必须是 application/json 格式' },
    });
    return undefined;
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    errors.push({ field: 'body', code: 'invalid_json', message: { en: 'The body is not valid JSON', zh: '请求体不是有效的 JSON' } });
    return undefined;
  }
}
