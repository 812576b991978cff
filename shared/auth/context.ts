import { NotAuthenticatedError } from '../platform/errors.js';
import type { AuthenticationFailure } from '../credentials/service.js';
import type { Principal } from './principal.js';

/**
 * What the Lambda authorizer hands to the routes (`requestContext.authorizer.lambda`). API Gateway context values
 * must be flat strings. The authorizer lets every request through and reports a failure here instead of denying,
 * because a deny from API Gateway is a bare `{"message": …}` 401/403: the route answers with problem+json itself.
 */
export type AuthorizerContext = Record<string, string>;

export function contextOf(result: { principal: Principal } | { failure: AuthenticationFailure }): AuthorizerContext {
  if ('failure' in result) return { failure: result.failure };
  const p = result.principal;
  return {
    credentialId: p.credentialId,
    holderName: p.holderName,
    holderKind: p.holderKind,
    role: p.role,
    organisationId: p.organisationId,
    organisationLevel: p.organisationLevel,
    supervisionPath: p.supervisionPath.join('/'),
  };
}

const FAILURES: Record<AuthenticationFailure, { en: string; zh: string }> = {
  missing: { en: 'Send your credential as `Authorization: Bearer <token>`', zh: '请在请求头中提供账号凭证：Authorization: Bearer <token>' },
  malformed: { en: 'The Authorization header is not `Bearer <credential token>`', zh: 'Authorization 请求头格式错误，应为 Bearer <凭证>' },
  unknown: { en: 'The credential is not known', zh: '账号凭证无效' },
  revoked: { en: 'The credential has been revoked', zh: '账号凭证已被注销' },
  expired: { en: 'The credential has expired; ask the provincial authority for a new one', zh: '账号凭证已过期，请向省级教育行政部门申请新的凭证' },
  'organisation-inactive': { en: 'The credential belongs to an organisation that is no longer active', zh: '账号凭证所属单位已撤销或合并' },
};

export function principalFrom(context: AuthorizerContext | undefined): Principal {
  if (!context || !context.credentialId) {
    const failure = (context?.failure as AuthenticationFailure | undefined) ?? 'missing';
    throw new NotAuthenticatedError(FAILURES[failure] ?? FAILURES.unknown);
  }
  return {
    credentialId: context.credentialId,
    holderName: context.holderName ?? '',
    holderKind: context.holderKind as Principal['holderKind'],
    role: context.role as Principal['role'],
    organisationId: context.organisationId ?? '',
    organisationLevel: context.organisationLevel as Principal['organisationLevel'],
    supervisionPath: (context.supervisionPath ?? '').split('/'),
  };
}
