import type { z } from 'zod';
import type { AccessPolicy } from '../auth/principal.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One row of the route table: the API contract, the access policy and the function's grants, in one place. */
export interface RouteDefinition {
  operationId: string;
  method: HttpMethod;
  /** API Gateway path, e.g. /organisations/{organisationId} */
  path: string;
  /** the Lambda entry under functions/, without extension */
  handler: string;
  tag: string;
  summary: string;
  description?: string;
  /** who may call it — required: there is no default (deny by default) */
  access: AccessPolicy;
  request?: { params?: z.ZodObject; query?: z.ZodObject; body?: z.ZodType };
  /** the success response; errors are always problem+json */
  response: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  /** least privilege for the function: table read or read/write, the HMAC master key, the bucket, workflows it starts */
  grants: FunctionGrants;
}

export type BucketPrefix = 'imports' | 'evidence';

export interface FunctionGrants {
  table?: 'read' | 'write';
  keys?: boolean;
  /** objects under one prefix of the evidence bucket: `imports/` (files to import) or `evidence/` (students' proof, A12.1) */
  bucket?: { access: 'read' | 'write'; prefix: BucketPrefix };
  /** ids of the workflows the function may start */
  startsWorkflows?: readonly string[];
  /** ids of the workflows whose callback tasks the function may complete (SendTaskSuccess/Failure) */
  sendsTaskResults?: readonly string[];
}

export function route<const R extends RouteDefinition>(definition: R): R {
  return definition;
}

/** API Gateway route key, e.g. `GET /organisations/{organisationId}` */
export function routeKey(r: Pick<RouteDefinition, 'method' | 'path'>): string {
  return `${r.method} ${r.path}`;
}
