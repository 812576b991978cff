import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { RouteDefinition } from '../../shared/api/route.js';
import { TABLE_INDEXES } from '../../shared/platform/table.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The item actions of CDK's `grantReadData` / `grantReadWriteData`, less the stream ones: the table has no stream. */
const TABLE_READ_ACTIONS = ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const TABLE_WRITE_ACTIONS = ['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
/** The key actions the same CDK grants give readers and, in addition, writers of a table under a customer-managed key. */
const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE_ACTIONS = ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

export interface RegistryFunctionProps {
  /** the entry under functions/, without extension, e.g. `organisations/create` */
  handler: string;
  description?: string;
  /** what the function may touch; nothing beyond it is granted */
  grants: RouteDefinition['grants'];
  table: ITable;
  keySecret: ISecret;
  /** the customer-managed key the table and the secret are encrypted with */
  key: IKey;
  /** @default 29 seconds, API Gateway's integration limit */
  timeout?: Duration;
}

/**
 * Every Lambda of the registry: one place for runtime, bundling, tracing, logging and least-privilege grants
 * (after the function construct of Powertools for AWS Lambda's examples/app).
 */
export class RegistryFunction extends NodejsFunction {
  private readonly table: ITable;
  private readonly key: IKey;
  private readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: RegistryFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // An own role rather than AWSLambdaBasicExecutionRole: it may write to this function's log group only.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);

    super(scope, id, {
      entry: join(REPO_ROOT, 'functions', `${props.handler}.ts`),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      memorySize: 512,
      timeout: props.timeout ?? Duration.seconds(29),
      role,
      logGroup,
      bundling: {
        format: OutputFormat.CJS,
        target: 'node22',
        minify: true,
        sourceMap: true,
        // stack traces need the mappings only; embedded sources would quadruple what --enable-source-maps loads
        sourcesContent: false,
        logLevel: LogLevel.WARNING,
        // the SDK version is the one in package-lock.json, not whatever the runtime ships
        bundleAwsSDK: true,
      },
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'student-registry',
        POWERTOOLS_METRICS_NAMESPACE: 'StudentRegistry',
      },
    });
    this.table = props.table;
    this.key = props.key;
    this.executionRole = role;

    Validations.of(this.node.defaultChild!).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 is the runtime this project pins (bundles target node22); moving to a newer one is a deliberate upgrade, not a side effect of a cdk-nag release.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions.',
    });

    const { grants } = props;
    if (grants.table) {
      const table = props.table.tableArn;
      this.grantTable(grants.table === 'write' ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : TABLE_READ_ACTIONS, [
        table,
        // each index by name: `table.grantReadData` would grant `index/*`, a wildcard cdk-nag 3 can only be told
        // about by the generated export name of the cross-stack reference
        ...TABLE_INDEXES.map((index) => `${table}/index/${index.indexName}`),
      ]);
    }
    if (grants.keys) {
      this.grantSecretRead(props.keySecret);
      this.addEnvironment('KEY_SECRET_ARN', props.keySecret.secretArn);
    }
  }

  /** Item actions on the base table only, no index — for a function narrower than the route table's grants. */
  grantItemActions(...actions: string[]): void {
    this.grantTable(actions, [this.table.tableArn]);
  }

  private grantTable(actions: string[], resourceArns: string[]): void {
    Grant.addToPrincipal({ grantee: this, actions, resourceArns });
    const writes = actions.some((action) => TABLE_WRITE_ACTIONS.includes(action));
    this.key.grant(this, ...KEY_READ_ACTIONS, ...(writes ? KEY_WRITE_ACTIONS : []));
    if (writes) {
      const reason = 'The key actions CDK grants a writer of a table encrypted with a customer-managed key, on that one key.';
      Validations.of(this.executionRole).acknowledge(
        { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason },
        { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason },
      );
    }
    this.addEnvironment('TABLE_NAME', this.table.tableName);
  }

  /**
   * `secret.grantRead` also grants the key through a ViaService principal, which can only go into the key policy,
   * i.e. make the stateful stack depend on this role: a dependency cycle. The same permissions, on the role.
   */
  private grantSecretRead(secret: ISecret): void {
    Grant.addToPrincipal({
      grantee: this,
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resourceArns: [secret.secretArn],
    });
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
  }
}
