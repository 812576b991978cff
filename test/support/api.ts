import { inject } from 'vitest';
import { demoCredentials } from '../../infra/local/demo-credentials.js';

/** Calls the local API server the global setup started, as a school system or a reviewer would. */
export const token = (name: string): string => {
  const found = demoCredentials.find((c) => c.credentialId === `demo-${name}`);
  if (!found) throw new Error(`no demo credential ${name}`);
  return found.token;
};

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  as?: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  rawBody?: string | Buffer;
}

/** The API of the run's shared stack (global-setup.ts). */
export function call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  return callAt(inject('apiUrl'), method, path, options);
}

/** The API of a stack a test file started itself. */
export function apiAt(baseUrl: string): typeof call {
  return (method, path, options) => callAt(baseUrl, method, path, options);
}

async function callAt<T>(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const bearer = options.token ?? (options.as ? token(options.as) : undefined);
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  let body: string | Buffer | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, headers: response.headers, body: /json/.test(type) && text ? JSON.parse(text) : text };
}

/** A fresh 10-digit school code or 6-digit-free id per test, so tests never collide on the shared stack. */
let counter = 0;
export function uniqueSchoolCode(): string {
  counter++;
  return `49${String(process.pid % 10000).padStart(4, '0')}${String(counter).padStart(4, '0')}`;
}
