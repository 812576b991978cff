import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { StatefulStack } from './stacks/stateful-stack.js';
import { StatelessStack } from './stacks/stateless-stack.js';

/** Both stacks, checked by cdk-nag. Environment-agnostic unless the CDK CLI knows an account and region. */
export function buildApp(app: App = new App()) {
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const stateful = new StatefulStack(app, 'StudentRegistry-Stateful', {
    env,
    description: 'Student registry: key, table, evidence bucket, master key secret',
  });
  const stateless = new StatelessStack(app, 'StudentRegistry-Stateless', {
    env,
    description: 'Student registry: HTTP API, functions, schedules and workflows',
    table: stateful.table,
    key: stateful.key,
    keySecret: stateful.keySecret,
    bucket: stateful.bucket,
  });
  // cdk-nag 3 runs as a validation plugin at synthesis; acknowledgements are copied into the templates' metadata
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }));
  return { app, stateful, stateless };
}

// Synthesize only when run as the CDK app (cdk.json), not when a test imports buildApp.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildApp().app.synth();
}
