import { z } from 'zod';
import { route, type RouteDefinition } from './route.js';
import { PageQuerySchema, pageOf } from './common.js';
import { ROLES } from '../auth/principal.js';
import {
  CreateOrganisationSchema,
  OrganisationParamsSchema,
  OrganisationSchema,
  UpdateBasicInfoSchema,
} from '../organisations/schemas.js';
import {
  CredentialListQuerySchema,
  CredentialParamsSchema,
  CredentialSchema,
  IssueCredentialSchema,
  IssuedCredentialSchema,
  RevokeCredentialSchema,
} from '../credentials/schemas.js';
import { AuditEventSchema, OrganisationAuditParamsSchema, OrganisationAuditQuerySchema } from '../audit/schemas.js';

/**
 * The route table: the one list of API routes. The CDK stack turns it into API Gateway routes and functions; the
 * local server serves it; the OpenAPI document is generated from it.
 */
const anyRole = { roles: ROLES };

export const MeSchema = z
  .object({
    credentialId: z.string(),
    holderName: z.string(),
    holderKind: z.enum(['person', 'system']),
    role: z.enum(ROLES),
    organisation: OrganisationSchema,
  })
  .meta({ id: 'Me' });

export const routes = {
  getOpenApi: route({
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    handler: 'docs/openapi',
    tag: 'Documentation',
    summary: 'This API as an OpenAPI 3.1 document',
    access: { public: true },
    response: { status: 200, description: 'OpenAPI document', contentType: 'application/json' },
    grants: {},
  }),
  getDocs: route({
    operationId: 'getDocs',
    method: 'GET',
    path: '/docs',
    handler: 'docs/page',
    tag: 'Documentation',
    summary: 'A readable reference page of this API',
    access: { public: true },
    response: { status: 200, description: 'HTML page', contentType: 'text/html' },
    grants: {},
  }),
  getMe: route({
    operationId: 'getMe',
    method: 'GET',
    path: '/me',
    handler: 'me/get',
    tag: 'Credentials',
    summary: 'Who the credential belongs to: holder, role and organisation',
    access: anyRole,
    response: { status: 200, description: 'The caller', schema: MeSchema },
    grants: { table: 'read' },
  }),
  listOrganisations: route({
    operationId: 'listOrganisations',
    method: 'GET',
    path: '/organisations',
    handler: 'organisations/list',
    tag: 'Organisations',
    summary: "The caller's jurisdiction: itself, subordinate authorities and the schools they supervise (A4)",
    access: anyRole,
    request: { query: PageQuerySchema },
    response: { status: 200, description: 'One page of organisations, in supervision-tree order', schema: pageOf(OrganisationSchema, 'OrganisationPage') },
    grants: { table: 'read', keys: true },
  }),
  createOrganisation: route({
    operationId: 'createOrganisation',
    method: 'POST',
    path: '/organisations',
    handler: 'organisations/create',
    tag: 'Organisations',
    summary: 'Create an authority or a school (A3.2: provincial administrators only); a school gets its supervising authority per A4',
    access: { roles: ['administrator'] },
    request: { body: CreateOrganisationSchema },
    response: { status: 201, description: 'Created', schema: OrganisationSchema },
    grants: { table: 'write' },
  }),
  getOrganisation: route({
    operationId: 'getOrganisation',
    method: 'GET',
    path: '/organisations/{organisationId}',
    handler: 'organisations/get',
    tag: 'Organisations',
    summary: 'An organisation in the caller’s jurisdiction, or one of the caller’s superiors',
    access: anyRole,
    request: { params: OrganisationParamsSchema },
    response: { status: 200, description: 'The organisation', schema: OrganisationSchema },
    grants: { table: 'read' },
  }),
  updateOrganisation: route({
    operationId: 'updateOrganisation',
    method: 'PATCH',
    path: '/organisations/{organisationId}',
    handler: 'organisations/update',
    tag: 'Organisations',
    summary: "Update the caller's own organisation's basic information (A3.2)",
    access: anyRole,
    request: { params: OrganisationParamsSchema, body: UpdateBasicInfoSchema },
    response: { status: 200, description: 'Updated', schema: OrganisationSchema },
    grants: { table: 'write' },
  }),
  listOrganisationAuditEvents: route({
    operationId: 'listOrganisationAuditEvents',
    method: 'GET',
    path: '/organisations/{organisationId}/audit-events',
    handler: 'organisations/audit-events',
    tag: 'Audit',
    summary: "An organisation's audit trail, newest first (A25): its own and its superiors' view",
    access: anyRole,
    request: { params: OrganisationAuditParamsSchema, query: OrganisationAuditQuerySchema },
    response: { status: 200, description: 'One page of audit events', schema: pageOf(AuditEventSchema, 'AuditEventPage') },
    grants: { table: 'read', keys: true },
  }),
  issueCredential: route({
    operationId: 'issueCredential',
    method: 'POST',
    path: '/credentials',
    handler: 'credentials/issue',
    tag: 'Credentials',
    summary: 'Issue a personal credential for one organisation and one role (A3.2, A23); the token is shown only in this response',
    access: { roles: ['administrator'] },
    request: { body: IssueCredentialSchema },
    response: { status: 201, description: 'Issued', schema: IssuedCredentialSchema },
    grants: { table: 'write' },
  }),
  listCredentials: route({
    operationId: 'listCredentials',
    method: 'GET',
    path: '/credentials',
    handler: 'credentials/list',
    tag: 'Credentials',
    summary: "An organisation's credentials, newest first (never their secrets)",
    access: { roles: ['administrator'] },
    request: { query: CredentialListQuerySchema },
    response: { status: 200, description: 'One page of credentials', schema: pageOf(CredentialSchema, 'CredentialPage') },
    grants: { table: 'read', keys: true },
  }),
  revokeCredential: route({
    operationId: 'revokeCredential',
    method: 'POST',
    path: '/credentials/{credentialId}/revoke',
    handler: 'credentials/revoke',
    tag: 'Credentials',
    summary: 'Revoke a credential at once (A24)',
    access: { roles: ['administrator'] },
    request: { params: CredentialParamsSchema, body: RevokeCredentialSchema },
    response: { status: 200, description: 'Revoked', schema: CredentialSchema },
    grants: { table: 'write' },
  }),
} satisfies Record<string, RouteDefinition>;

export type RouteId = keyof typeof routes;
export const routeList: RouteDefinition[] = Object.values(routes);
