import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { ProblemSchema } from './common.js';
import { routeList } from './routes.js';

const ERROR_RESPONSES: Record<number, string> = {
  400: 'The request is not valid (fields named in `errors`)',
  401: 'No credential, or an unknown, revoked or expired one',
  403: "The credential's role may not do this",
  404: "Not found, or outside the caller's jurisdiction",
  409: 'Conflicts with the current state',
  422: 'Forbidden by a rule of the regulation (`rule` names the article)',
};

/** The OpenAPI 3.1 document, generated from the route table and its zod schemas (the one source). */
export function openApiDocument(serverUrl?: string) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'credential', {
    type: 'http',
    scheme: 'bearer',
    description: 'A credential issued by the provincial authority: `Authorization: Bearer <credentialId>.<secret>`',
  });
  for (const r of routeList) {
    const isPublic = 'public' in r.access;
    const errors = isPublic ? [] : [400, 401, 403, 404, 409, 422];
    registry.registerPath({
      method: r.method.toLowerCase() as 'get',
      path: r.path,
      operationId: r.operationId,
      tags: [r.tag],
      summary: r.summary,
      description: [r.description, isPublic ? 'Public.' : `Roles: ${'roles' in r.access ? r.access.roles.join(', ') : ''}.`].filter(Boolean).join('\n\n'),
      security: isPublic ? [] : [{ [bearer.name]: [] }],
      request: {
        params: r.request?.params,
        query: r.request?.query,
        body: r.request?.body ? { content: { 'application/json': { schema: r.request.body } }, required: true } : undefined,
      },
      responses: {
        [r.response.status]: {
          description: r.response.description,
          ...(r.response.schema ? { content: { [r.response.contentType ?? 'application/json']: { schema: r.response.schema } } } : {}),
        },
        ...Object.fromEntries(
          errors.map((status) => [status, { description: ERROR_RESPONSES[status]!, content: { 'application/problem+json': { schema: ProblemSchema } } }]),
        ),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Student registry for secondary vocational schools — 中等职业学校学生学籍电子注册系统',
      version: '1',
      description:
        'The province-wide registry of student status (学籍) for secondary vocational schools, per 云教职〔2017〕6号. ' +
        'Errors are RFC 9457 problem details in English and Chinese.',
    },
    servers: serverUrl ? [{ url: serverUrl }] : undefined,
  });
}
