import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ConflictError, DomainError, RuleViolationError } from '../platform/errors.js';
import { isConditionFailure } from '../platform/transactions.js';
import { logger } from '../platform/observability.js';

/** The one error → HTTP mapping of the API: RFC 9457 problem details, never a stack trace. */
export function problemResponse(error: unknown, requestId: string, instance: string): APIGatewayProxyStructuredResultV2 {
  const body = problemBody(error, requestId, instance);
  return {
    statusCode: body.status,
    headers: { 'content-type': 'application/problem+json', ...(body.status === 401 ? { 'www-authenticate': 'Bearer' } : {}) },
    body: JSON.stringify(body),
  };
}

/** The problem details of an error — for a whole response, or for one row of a batch. */
export function problemBody(error: unknown, requestId: string, instance: string) {
  const known = asDomainError(error);
  if (!known) logger.error('Unhandled error', { error: error as Error });
  const status = known?.status ?? 500;
  return known
    ? {
        type: `/problems/${known.type}`,
        title: known.title.en,
        status,
        detail: known.detail.en,
        instance,
        requestId,
        ...(known instanceof RuleViolationError ? { rule: known.rule } : {}),
        zh: { title: known.title.zh, detail: known.detail.zh },
        ...(known.errors.length
          ? { errors: known.errors.map((e) => ({ field: e.field, code: e.code, message: e.message.en, zh: e.message.zh })) }
          : {}),
      }
    : {
        type: '/problems/internal',
        title: 'Internal error',
        status,
        detail: `Something went wrong on our side; quote the request id ${requestId} when reporting it`,
        instance,
        requestId,
        zh: { title: '系统内部错误', detail: `系统内部出错，请联系管理员并提供请求编号 ${requestId}` },
      };
}

function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  // a conditional write that lost a race no use case anticipated is still the caller's conflict, not our failure
  if (isConditionFailure(error)) {
    return new ConflictError({ en: 'The record changed while your request ran; try again', zh: '记录在处理期间已被修改，请重试' });
  }
  return undefined;
}
