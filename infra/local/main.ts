import { parseArgs } from 'node:util';
import { LocalStartError } from './errors.js';
import { startLocalStack, type LocalStack } from './runtime.js';
import { demoCredentials } from './demo-credentials.js';

/**
 * `npm start [-- options]`: the whole registry on this machine, no AWS account, no network.
 *   --port <n>            API port (default 3000, or $PORT)
 *   --in-memory           keep nothing: DynamoDB Local in memory
 *   --data-dir <dir>      where data is kept between runs (default .local)
 *   --clock <instant>     start the clock here, e.g. 2026-11-18T09:00+08:00
 *   --clock-speed <n>     simulated seconds per real second, e.g. 3600
 *   --verbose             log every request and the handlers' INFO logs
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'in-memory': { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: '.local' },
    clock: { type: 'string' },
    'clock-speed': { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a TCP port number, not "${values.port}".`);
if (values.clock && Number.isNaN(Date.parse(values.clock))) fail(`--clock must be an ISO-8601 instant such as 2026-11-18T09:00+08:00, not "${values.clock}".`);
const clockSpeed = values['clock-speed'] === undefined ? undefined : Number(values['clock-speed']);
if (clockSpeed !== undefined && !(clockSpeed > 0)) fail(`--clock-speed must be a positive number, not "${values['clock-speed']}".`);

let stack: LocalStack | undefined;
let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`\n${signal}: stopping the API, the schedules and DynamoDB Local…`);
  await stack?.stop();
  console.log('Stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
  stack = await startLocalStack({
    port,
    dataDir: values['in-memory'] ? undefined : values['data-dir'],
    clock: values.clock,
    clockSpeed,
    logLevel: values.verbose ? 'INFO' : 'WARN',
    onRequest: values.verbose ? log : undefined,
    onSchedule: log,
  });
  const { clockSettings, now } = await import('../../shared/platform/clock.js');
  const clock = clockSettings();
  const admin = demoCredentials[0]!;
  console.log(`
Student registry — local stack 中职学籍系统（本地）
  API          ${stack.url}
  Reference    ${stack.url}/docs   (OpenAPI: ${stack.url}/openapi.json)
  DynamoDB     ${stack.dynamodbEndpoint}  table ${stack.tableName}  ${values['in-memory'] ? '(in memory)' : `(data in ${values['data-dir']})`}
  S3           ${stack.s3Endpoint}  (evidence and import files)
  Workflows    ${stack.stepFunctionsEndpoint}  (Step Functions, the CDK app's own state machine definitions)
  Clock        ${now().toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' })} Asia/Shanghai, ×${clock.speed}${values.clock ? ` — started at ${values.clock}` : ' (real time)'}
  Demo data    ${stack.seeded.organisations} organisations and ${stack.seeded.credentials} credentials created this start (existing ones kept)

Demo credentials (local only) — send as  Authorization: Bearer <token>
${demoCredentials.map((c) => `  ${c.role.padEnd(13)} ${c.organisationId.padEnd(10)} ${c.token}   ${c.holder.name}`).join('\n')}

Try:  curl -s -H 'Authorization: Bearer ${admin.token}' ${stack.url}/me
Ctrl-C stops everything.`);
} catch (error) {
  if (error instanceof LocalStartError) fail(error.message);
  console.error(error);
  await stack?.stop();
  process.exit(1);
}
