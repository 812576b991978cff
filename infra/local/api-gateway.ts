import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type {
  APIGatewayProxyEventV2,
  APIGatewayRequestAuthorizerEventV2,
  Context,
} from 'aws-lambda';
import { nowMs } from '../../shared/platform/clock.js';
import type { RouteDefinition } from '../../shared/api/route.js';

/**
 * Converts a Node HTTP request into what API Gateway (HTTP API, payload format 2.0) hands a Lambda: lower-cased
 * headers with repeated values joined by commas, cookies apart, query parameters joined by commas, path parameters
 * from the route template, text bodies as text and anything else base64-encoded.
 */
const TEXT_TYPES = /^(text\/|application\/(json|[^;]*\+json|xml|javascript|x-www-form-urlencoded))/i;

export interface MatchedRoute {
  route: RouteDefinition;
  pathParameters: Record<string, string>;
}

export function compileRoutes(routes: readonly RouteDefinition[]) {
  const compiled = routes.map((route) => {
    const names: string[] = [];
    const pattern = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}+]+)\+?\\?\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { route, names, regex: new RegExp(`^${pattern}$`) };
  });
  return (method: string, path: string): MatchedRoute | undefined => {
    for (const c of compiled) {
      if (c.route.method !== method) continue;
      const match = c.regex.exec(path);
      if (match) {
        const pathParameters = Object.fromEntries(c.names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
        return { route: c.route, pathParameters };
      }
    }
    return undefined;
  };
}

/** API Gateway's request id format: 12 random bytes, base64 (e.g. `Jdf3lhNqoAMEMRg=`), shortened like theirs. */
export function newRequestId(): string {
  return randomBytes(12).toString('base64').slice(0, 15) + '=';
}

export function toEvent(request: IncomingMessage, rawBody: Buffer, matched: MatchedRoute, requestId: string): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!.toLowerCase();
    const value = request.rawHeaders[i + 1]!;
    if (name === 'cookie') continue;
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  const cookies = request.headers.cookie?.split(/;\s*/).filter(Boolean);
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = query[key] === undefined ? value : `${query[key]},${value}`;
  const isText = rawBody.length === 0 || TEXT_TYPES.test(headers['content-type'] ?? '');
  const time = nowMs();
  const method = request.method ?? 'GET';
  return {
    version: '2.0',
    routeKey: `${matched.route.method} ${matched.route.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies,
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(matched.pathParameters).length ? matched.pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0]!,
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: `${matched.route.method} ${matched.route.path}`,
      stage: '$default',
      time: new Date(time).toUTCString(),
      timeEpoch: time,
    },
    body: rawBody.length ? (isText ? rawBody.toString('utf8') : rawBody.toString('base64')) : undefined,
    isBase64Encoded: rawBody.length > 0 && !isText,
  };
}

/** The REQUEST authorizer event (payload 2.0) API Gateway sends before the route. */
export function toAuthorizerEvent(event: APIGatewayProxyEventV2): APIGatewayRequestAuthorizerEventV2 {
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:local:000000000000:local/$default/${event.requestContext.http.method}${event.rawPath}`,
    identitySource: [],
    routeKey: event.routeKey,
    rawPath: event.rawPath,
    rawQueryString: event.rawQueryString,
    cookies: event.cookies ?? [],
    headers: event.headers,
    queryStringParameters: event.queryStringParameters ?? {},
    requestContext: event.requestContext,
    pathParameters: event.pathParameters ?? {},
    stageVariables: {},
  } as APIGatewayRequestAuthorizerEventV2;
}

/** A Lambda context for one invocation of a local function. */
export function lambdaContext(functionName: string, timeoutMs = 29_000): Context {
  const started = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
