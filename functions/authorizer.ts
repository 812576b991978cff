import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { authenticate } from '../shared/credentials/service.js';
import { contextOf, type AuthorizerContext } from '../shared/auth/context.js';
import { logger } from '../shared/platform/observability.js';

/**
 * HTTP API Lambda authorizer (simple responses). It resolves the credential (#1) and always allows: the route
 * answers a failed authentication with a problem+json 401 (see auth/context.ts).
 */
export const handler = async (event: APIGatewayRequestAuthorizerEventV2): Promise<APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>> => {
  const result = await authenticate(event.headers?.authorization);
  if ('failure' in result) logger.info('Authentication failed', { failure: result.failure, routeKey: event.routeKey });
  return { isAuthorized: true, context: contextOf(result) };
};
