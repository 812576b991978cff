import type { TestProject } from 'vitest/node';
import { startLocalStack } from '../infra/local/runtime.js';

/**
 * One local stack for the whole run — DynamoDB Local in memory, the demo data, the API server on a free port — the
 * same runtime `npm start` uses. Torn down (Java included) when the run ends.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    dynamodbEndpoint: string;
    tableName: string;
    masterKeyHex: string;
  }
}

export default async function setup(project: TestProject) {
  // a fixed instant in the autumn intake, before the 20 November cut-off (A5.2), so date rules test the same every day
  const stack = await startLocalStack({ port: 0, logLevel: 'ERROR', clock: '2026-11-18T10:00:00+08:00' });
  project.provide('apiUrl', stack.url);
  project.provide('dynamodbEndpoint', stack.dynamodbEndpoint);
  project.provide('tableName', stack.tableName);
  project.provide('masterKeyHex', process.env.LOCAL_MASTER_KEY!);
  return async () => {
    await stack.stop();
  };
}
