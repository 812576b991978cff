import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyStructuredResultV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { routeList } from '../../shared/api/routes.js';
import type { AuthorizerContext } from '../../shared/auth/context.js';
import { compileRoutes, lambdaContext, newRequestId, toAuthorizerEvent, toEvent } from './api-gateway.js';
import { loadHandler } from './functions.js';
import { portInUse } from './ports.js';

/** HTTP API payload limit (10 MB): larger bodies get API Gateway's 413. */
const MAX_BODY = 10 * 1024 * 1024;

/**
 * One HTTP server for every route of the route table, behaving as the HTTP API does: the authorizer function runs
 * before every non-public route, then the route's own function, each with an API Gateway payload 2.0 event.
 */
export async function startApiServer(options: { port: number; host?: string; onRequest?: (line: string) => void }): Promise<{ url: string; server: Server; stop(): Promise<void> }> {
  const match = compileRoutes(routeList);

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const requestId = newRequestId();
    const started = Date.now();
    const send = (status: number, headers: Record<string, string>, body: string | Buffer) => {
      response.writeHead(status, { 'apigw-requestid': requestId, ...headers });
      response.end(body);
      options.onRequest?.(`${request.method} ${request.url} → ${status} (${Date.now() - started} ms)`);
    };
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) return send(413, { 'content-type': 'application/json' }, '{"message":"Request Entity Too Large"}');
      chunks.push(chunk as Buffer);
    }
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const matched = match(request.method ?? 'GET', path);
    if (!matched) return send(404, { 'content-type': 'application/json' }, '{"message":"Not Found"}');

    const event = toEvent(request, Buffer.concat(chunks), matched, requestId);
    try {
      if (!('public' in matched.route.access)) {
        const authorize = await loadHandler('authorizer');
        const verdict = (await authorize(toAuthorizerEvent(event), lambdaContext('authorizer'))) as APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>;
        if (!verdict.isAuthorized) return send(403, { 'content-type': 'application/json' }, '{"message":"Forbidden"}');
        event.requestContext = { ...event.requestContext, authorizer: { lambda: verdict.context } } as typeof event.requestContext;
      }
      const handler = await loadHandler(matched.route.handler);
      const result = (await handler(event, lambdaContext(matched.route.operationId))) as APIGatewayProxyStructuredResultV2;
      const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
      if (result.cookies?.length) response.setHeader('set-cookie', result.cookies);
      const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? '');
      return send(result.statusCode ?? 200, headers, body);
    } catch (error) {
      // what API Gateway answers when the function itself fails
      console.error(error);
      return send(500, { 'content-type': 'application/json' }, '{"message":"Internal Server Error"}');
    }
  };

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? portInUse(options.port, '--port') : error));
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://localhost:${port}`,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
