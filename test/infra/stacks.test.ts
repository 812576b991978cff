import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import type { RegistryFunction } from '../../infra/constructs/registry-function.js';
import { constructId, taskConstructId } from '../../infra/stacks/stateless-stack.js';
import { stateMachineArnVariable } from '../../infra/workflows/definition.js';
import { workflows } from '../../infra/workflows/index.js';
import { routeKey } from '../../shared/api/route.js';
import { routeList, routes } from '../../shared/api/routes.js';
import { eventBridgeCron, schedules } from '../../shared/platform/schedules.js';
import { INDEX_PROJECTION, TABLE_INDEXES, TABLE_KEY, TTL_ATTRIBUTE } from '../../shared/platform/table.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'];

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };
type Statement = { Action: string | string[]; Resource: unknown };

const outdir = mkdtempSync(join(tmpdir(), 'registry-stacks-'));
let built: ReturnType<typeof buildApp>;
let stateful: Template;
let stateless: Template;

// Bundles every function once for the whole file: the same feature flags as `cdk synth` (cdk.json).
beforeAll(() => {
  const { context } = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  built = buildApp(new App({ context, outdir }));
  stateful = Template.fromStack(built.stateful);
  stateless = Template.fromStack(built.stateless);
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

function logicalId(construct: IConstruct): string {
  const element = construct.node.defaultChild as CfnElement;
  return Stack.of(element).getLogicalId(element);
}

function functionNamed(id: string): { construct: RegistryFunction; resource: Resource } {
  const construct = built.stateless.node.findChild(id) as RegistryFunction;
  return { construct, resource: stateless.toJSON().Resources[logicalId(construct)] as Resource };
}

function only(template: Template, type: string, props?: object): [string, Resource] {
  const found = Object.entries(template.findResources(type, props ? { Properties: props } : undefined)) as [string, Resource][];
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The statements of the execution role of the function with this construct id. */
function statementsOf(id: string): Statement[] {
  const roleId = logicalId(functionNamed(id).construct.role!);
  const policies = Object.values(stateless.findResources('AWS::IAM::Policy')) as Resource[];
  return policies
    .filter((p) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());

/** The statements of every policy attached to the role with this logical id. */
function statementsOfRole(roleId: string): Statement[] {
  const policies = Object.values(stateless.findResources('AWS::IAM::Policy')) as Resource[];
  return policies
    .filter((p) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

/** The resources of the statements granting this action. */
const resourcesFor = (statements: Statement[], action: string) =>
  statements.filter((s) => actionsOf([s]).includes(action)).flatMap((s) => [s.Resource].flat());

/** Every `${Placeholder}` in a string or nested structure. */
function placeholdersIn(value: unknown): Set<string> {
  return new Set([...JSON.stringify(value).matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!));
}

type State = { Type: string; TimeoutSeconds?: number; TimeoutSecondsPath?: string; ItemProcessor?: Machine; Iterator?: Machine; Branches?: Machine[] };
type Machine = { States: Record<string, State> };

/** Every state of a machine with its path, descending into Map processors and Parallel branches. */
function statesOf(machine: Machine, prefix = ''): [string, State][] {
  return Object.entries(machine.States).flatMap(([name, state]) => [
    [`${prefix}${name}`, state] as [string, State],
    ...[state.ItemProcessor, state.Iterator, ...(state.Branches ?? [])].filter((m) => m !== undefined).flatMap((m) => statesOf(m, `${prefix}${name}/`)),
  ]);
}

/** The state machine of a workflow, by its construct. */
function stateMachineOf(workflowId: string): { id: string; resource: Resource } {
  const construct = built.stateless.stateMachines.get(workflowId)!;
  const id = logicalId(construct);
  return { id, resource: stateless.toJSON().Resources[id] as Resource };
}

/** `{"Fn::GetAtt":[id,"Arn"]}` and the versions and aliases under it, as grantInvoke writes them. */
const invokeResources = (functionId: string) => [
  { 'Fn::GetAtt': [functionId, 'Arn'] },
  { 'Fn::Join': ['', [{ 'Fn::GetAtt': [functionId, 'Arn'] }, ':*']] },
];

const sortedJson = (values: unknown[]) => values.map((v) => JSON.stringify(v)).sort();

describe('stateful stack', () => {
  it('has one table with the keys, indexes and TTL of shared/platform/table.ts', () => {
    const [, table] = only(stateful, 'AWS::DynamoDB::Table');
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: TABLE_KEY.partition, KeyType: 'HASH' },
      { AttributeName: TABLE_KEY.sort, KeyType: 'RANGE' },
    ]);
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      TABLE_INDEXES.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partition, KeyType: 'HASH' },
          { AttributeName: index.sort, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: INDEX_PROJECTION },
      })),
    );
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.DeletionPolicy).toBe('Retain');
  });

  it('protects the table: point-in-time recovery, deletion protection, the customer-managed key', () => {
    const [keyId] = only(stateful, 'AWS::KMS::Key');
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
  });

  it('rotates and retains the key', () => {
    const [, key] = only(stateful, 'AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
  });

  it('keeps evidence in a versioned, private, KMS-encrypted bucket that logs its access', () => {
    const [keyId] = only(stateful, 'AWS::KMS::Key');
    const [logBucketId, logBucket] = only(stateful, 'AWS::S3::Bucket', { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } });
    const [, evidence] = only(stateful, 'AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } });
    const blockAll = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
    expect(evidence.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: 'aws:kms',
      KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    expect(evidence.Properties.PublicAccessBlockConfiguration).toEqual(blockAll);
    expect(evidence.Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: logBucketId });
    expect(evidence.DeletionPolicy).toBe('Retain');
    expect(logBucket.Properties.PublicAccessBlockConfiguration).toEqual(blockAll);
  });

  it('denies every request without TLS on both buckets', () => {
    const policies = stateful.findResources('AWS::S3::BucketPolicy', {
      Properties: {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      },
    });
    expect(Object.keys(policies)).toHaveLength(2);
  });

  it('generates the HMAC master key into a retained secret under the customer-managed key', () => {
    const [keyId] = only(stateful, 'AWS::KMS::Key');
    const [, secret] = only(stateful, 'AWS::SecretsManager::Secret');
    expect(secret.Properties.GenerateSecretString).toEqual({ ExcludePunctuation: true, PasswordLength: 64 });
    expect(secret.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(secret.DeletionPolicy).toBe('Retain');
  });
});

describe('stateless stack', () => {
  it('has exactly the routes of the route table, public ones without the authorizer', () => {
    stateless.resourceCountIs('AWS::ApiGatewayV2::Route', routeList.length);
    const [authorizerId] = only(stateless, 'AWS::ApiGatewayV2::Authorizer');
    for (const route of routeList) {
      const isPublic = 'public' in route.access;
      stateless.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey(route),
        AuthorizationType: isPublic ? 'NONE' : 'CUSTOM',
        AuthorizerId: isPublic ? Match.absent() : { Ref: authorizerId },
      });
    }
  });

  it('invokes the authorizer on every request, uncached, with simple responses', () => {
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      EnableSimpleResponses: true,
      IdentitySource: [],
      AuthorizerResultTtlInSeconds: 0,
    });
  });

  it('has one function per route, the authorizer, one per schedule and one per workflow task: Node.js 22 on arm64, traced', () => {
    const functions = Object.values(stateless.findResources('AWS::Lambda::Function')) as Resource[];
    const tasks = workflows.flatMap((workflow) => Object.keys(workflow.tasks));
    expect(functions).toHaveLength(routeList.length + 1 + schedules.length + tasks.length);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' }, MemorySize: 512 });
      expect(fn.Properties.Environment.Variables).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'student-registry',
        POWERTOOLS_METRICS_NAMESPACE: 'StudentRegistry',
      });
    }
  });

  it('gives each route function the environment and actions of its grants, and no more', () => {
    for (const route of routeList) {
      const id = constructId(route.operationId);
      const variables = functionNamed(id).resource.Properties.Environment.Variables as Record<string, unknown>;
      expect('TABLE_NAME' in variables, route.operationId).toBe(route.grants.table !== undefined);
      expect('KEY_SECRET_ARN' in variables, route.operationId).toBe(route.grants.keys === true);
      expect('BUCKET_NAME' in variables, route.operationId).toBe(route.grants.bucket !== undefined);
      for (const workflow of workflows) {
        expect(stateMachineArnVariable(workflow.id) in variables, route.operationId).toBe(route.grants.startsWorkflows?.includes(workflow.id) === true);
      }

      const actions = actionsOf(statementsOf(id));
      expect(actions.some((a) => a.startsWith('dynamodb:')), route.operationId).toBe(route.grants.table !== undefined);
      expect(actions.includes('secretsmanager:GetSecretValue'), route.operationId).toBe(route.grants.keys === true);
      if (route.grants.table === 'read') expect(actions.filter((a) => WRITE_ACTIONS.includes(a)), route.operationId).toEqual([]);
      if (route.grants.table === 'write') expect(actions, route.operationId).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem']));

      const s3 = actions.filter((a) => a.startsWith('s3:')).sort();
      expect(s3, route.operationId).toEqual({ read: ['s3:GetObject'], write: ['s3:GetObject', 's3:PutObject'], none: [] }[route.grants.bucket?.access ?? 'none']);
      expect(actions.some((a) => a.startsWith('states:')), route.operationId).toBe(
        (route.grants.startsWorkflows ?? []).length + (route.grants.sendsTaskResults ?? []).length > 0,
      );
    }
  });

  it('lets createImport read and write objects under imports/ of the evidence bucket only, and a read-only route touch no bucket', () => {
    const statements = statementsOf(constructId('createImport'));
    for (const action of ['s3:PutObject', 's3:GetObject']) {
      const resources = resourcesFor(statements, action);
      expect(resources, action).toHaveLength(1);
      expect(JSON.stringify(resources[0]), action).toMatch(/^\{"Fn::Join":\["",\[\{"Fn::ImportValue":"[^"]*Evidence[^"]*Arn[^"]*"\},"\/imports\/\*"\]\]\}$/);
    }
    expect(actionsOf(statements).filter((a) => a.startsWith('s3:')).sort()).toEqual(['s3:GetObject', 's3:PutObject']);
    // the bucket's key, to write encrypted objects
    expect(actionsOf(statements)).toEqual(expect.arrayContaining(['kms:GenerateDataKey*', 'kms:Decrypt']));
    expect(routes.getStudent.grants).not.toHaveProperty('bucket');
    expect(actionsOf(statementsOf(constructId('getStudent'))).filter((a) => a.startsWith('s3:'))).toEqual([]);
  });

  it('names the table indexes instead of granting index/*', () => {
    const resources = JSON.stringify(stateless.findResources('AWS::IAM::Policy'));
    expect(resources).not.toContain('/index/*');
    for (const index of TABLE_INDEXES) expect(resources).toContain(`/index/${index.indexName}`);
  });

  it('lets the authorizer only get and update items of the base table', () => {
    const statements = statementsOf('Authorizer');
    const dynamodb = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('dynamodb:')));
    expect(dynamodb).toHaveLength(1);
    expect(actionsOf(dynamodb).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    expect(JSON.stringify(dynamodb[0]!.Resource)).toMatch(/^\{"Fn::ImportValue":"[^"]*Table[^"]*Arn[^"]*"\}$/);
    expect(actionsOf(statements).filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
  });

  it('throttles the default stage and writes access logs', () => {
    const [, stage] = only(stateless, 'AWS::ApiGatewayV2::Stage');
    expect(stage.Properties).toMatchObject({ StageName: '$default', AutoDeploy: true });
    expect(stage.Properties.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(stage.Properties.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThan(0);
    expect(stage.Properties.AccessLogSettings.DestinationArn).toBeDefined();
    stateless.hasOutput('ApiUrl', {});
  });

  it('runs each sweep of shared/platform/schedules.ts in Asia/Shanghai time', () => {
    stateless.resourceCountIs('AWS::Scheduler::Schedule', schedules.length);
    for (const sweep of schedules) {
      const id = constructId(sweep.id);
      stateless.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: eventBridgeCron(sweep.cron),
        ScheduleExpressionTimezone: 'Asia/Shanghai',
        Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(functionNamed(id).construct), 'Arn'] } }),
      });
      const actions = actionsOf(statementsOf(id));
      expect(actions.some((a) => a.startsWith('dynamodb:'))).toBe(sweep.grants.table !== undefined);
    }
  });
});

describe('workflows', () => {
  it.each(workflows.map((w) => [w.id, w] as const))('runs %s as a traced STANDARD state machine that logs without execution data', (id) => {
    stateless.resourceCountIs('AWS::StepFunctions::StateMachine', workflows.length);
    const { resource } = stateMachineOf(id);
    expect(resource.Properties.StateMachineType).toBe('STANDARD');
    expect(resource.Properties.TracingConfiguration).toEqual({ Enabled: true });
    const logging = resource.Properties.LoggingConfiguration;
    // student data must not go to the logs (A24)
    expect(logging).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
    const [logGroupId] = logging.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'];
    expect(stateless.toJSON().Resources[logGroupId].Type).toBe('AWS::Logs::LogGroup');
  });

  it.each(workflows.map((w) => [w.id, w] as const))('substitutes every placeholder of %s with its task function', (id, workflow) => {
    const { resource } = stateMachineOf(id);
    const definition = resource.Properties.DefinitionString as string;
    const substitutions = resource.Properties.DefinitionSubstitutions as Record<string, unknown>;
    const placeholders = placeholdersIn(workflow.asl);
    expect(placeholders.size).toBeGreaterThan(0);
    expect([...placeholders].sort()).toEqual(Object.keys(workflow.tasks).sort());
    expect(Object.keys(substitutions).sort()).toEqual([...placeholders].sort());
    for (const placeholder of placeholders) {
      expect(substitutions[placeholder], placeholder).toEqual({ 'Fn::GetAtt': [logicalId(functionNamed(taskConstructId(id, placeholder)).construct), 'Arn'] });
    }
    // what CloudFormation deploys: nothing of the form ${...} left
    const substituted = Object.keys(substitutions).reduce((text, name) => text.replaceAll(`\${${name}}`, `arn:aws:lambda:::function:${name}`), definition);
    expect(substituted).not.toContain('${');
    expect(JSON.parse(substituted).StartAt).toBe(workflow.asl.StartAt);
  });

  it.each(workflows.map((w) => [w.id, w] as const))('gives every Task of %s a timeout', (id, workflow) => {
    const definition = JSON.parse(stateMachineOf(id).resource.Properties.DefinitionString as string) as Machine & { TimeoutSeconds?: number };
    expect(definition.TimeoutSeconds).toBe((workflow.asl as { TimeoutSeconds?: number }).TimeoutSeconds);
    const states = statesOf(definition);
    const tasks = states.filter(([, state]) => state.Type === 'Task');
    expect(tasks.length).toBeGreaterThan(0);
    // the walk reaches into the Map's ItemProcessor
    const nested = states.filter(([name]) => name.includes('/'));
    expect(nested.length > 0).toBe(Object.values((workflow.asl as unknown as Machine).States).some((state) => state.Type === 'Map' || state.Type === 'Parallel'));
    // a fixed timeout, or the deadline itself (callback tasks: TimeoutSecondsPath)
    for (const [name, state] of tasks) expect(state.TimeoutSeconds ?? state.TimeoutSecondsPath, name).toBeTruthy();
  });

  it.each(workflows.map((w) => [w.id, w] as const))('runs each task of %s in its own function with the task’s grants and timeout', (id, workflow) => {
    for (const [placeholder, task] of Object.entries(workflow.tasks)) {
      const { construct, resource } = functionNamed(taskConstructId(id, placeholder));
      expect(resource.Properties.Timeout, placeholder).toBe(task.timeoutSeconds);
      expect(resource.Properties.Handler, placeholder).toBe('index.handler');
      const variables = resource.Properties.Environment.Variables as Record<string, unknown>;
      expect('TABLE_NAME' in variables, placeholder).toBe(task.grants.table !== undefined);
      expect('KEY_SECRET_ARN' in variables, placeholder).toBe(task.grants.keys === true);
      expect('BUCKET_NAME' in variables, placeholder).toBe(task.grants.bucket !== undefined);
      const actions = actionsOf(statementsOf(construct.node.id));
      expect(actions.filter((a) => a.startsWith('s3:')).sort(), placeholder).toEqual({ read: ['s3:GetObject'], write: ['s3:GetObject', 's3:PutObject'], none: [] }[task.grants.bucket?.access ?? 'none']);
    }
  });

  it.each(workflows.map((w) => [w.id, w] as const))('lets the %s state machine invoke its task functions and nothing else', (id, workflow) => {
    const { resource } = stateMachineOf(id);
    const [roleId] = resource.Properties.RoleArn['Fn::GetAtt'];
    const statements = statementsOfRole(roleId);
    const lambda = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('lambda:')));
    expect(actionsOf(lambda).every((a) => a === 'lambda:InvokeFunction')).toBe(true);
    const taskFunctions = Object.keys(workflow.tasks).map((placeholder) => logicalId(functionNamed(taskConstructId(id, placeholder)).construct));
    expect(sortedJson(resourcesFor(statements, 'lambda:InvokeFunction'))).toEqual(sortedJson(taskFunctions.flatMap(invokeResources)));
    // no data access of its own: the functions do the work
    expect(actionsOf(statements).filter((a) => /^(dynamodb|s3|kms|secretsmanager|states):/.test(a))).toEqual([]);
  });

  it('lets startImport start the import-registrations state machine and no other, and tells it the ARN', () => {
    const { id } = stateMachineOf('import-registrations');
    const start = constructId('startImport');
    expect(routes.startImport.grants.startsWorkflows).toEqual(['import-registrations']);
    const statements = statementsOf(start);
    expect(actionsOf(statements).filter((a) => a.startsWith('states:'))).toEqual(['states:StartExecution']);
    expect(resourcesFor(statements, 'states:StartExecution')).toEqual([{ Ref: id }]);
    const variables = functionNamed(start).resource.Properties.Environment.Variables as Record<string, unknown>;
    expect(variables.IMPORT_REGISTRATIONS_STATE_MACHINE_ARN).toEqual({ Ref: id });
    expect(stateMachineArnVariable('import-registrations')).toBe('IMPORT_REGISTRATIONS_STATE_MACHINE_ARN');
  });
});

describe('callback tasks', () => {
  it('lets decideCaseStep send task results for the case-workflow state machine and no other, and start nothing', () => {
    const { id } = stateMachineOf('case-workflow');
    const statements = statementsOf(constructId('decideCaseStep'));
    expect(actionsOf(statements).filter((a) => a.startsWith('states:')).sort()).toEqual(['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess']);
    for (const action of ['states:SendTaskSuccess', 'states:SendTaskFailure']) expect(resourcesFor(statements, action)).toEqual([{ Ref: id }]);
  });

  it('waits for each party with a callback task whose timeout is the step deadline', () => {
    const definition = JSON.parse(stateMachineOf('case-workflow').resource.Properties.DefinitionString as string) as Machine;
    const wait = statesOf(definition).find(([name]) => name === 'WaitForDecision')![1] as Record<string, unknown>;
    expect(wait.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    expect(wait.TimeoutSecondsPath).toBe('$.Payload.timeoutSeconds');
    expect(JSON.stringify(wait.Parameters)).toContain('$$.Task.Token');
    expect(JSON.stringify(wait.Catch)).toContain('States.Timeout');
  });
});

describe('cdk-nag AwsSolutions', () => {
  it.each(['stateful', 'stateless'] as const)('finds nothing unacknowledged in the %s stack', (name) => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(built[name]);
    expect(report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });

  it('leaves an empty validation report after synthesis', () => {
    const reportFile = join(built.app.synth().directory, 'validation-report.json');
    expect(existsSync(reportFile)).toBe(true);
    expect(JSON.parse(readFileSync(reportFile, 'utf8')).pluginReports).toEqual([]);
  });
});
