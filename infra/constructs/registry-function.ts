import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { BucketPrefix, FunctionGrants } from '../../shared/api/route.js';
import { TABLE_INDEXES } from '../../shared/platform/table.js';
import { stateMachineArnVariable } from '../workflows/definition.js';

/** Where each prefix's keys are made, for the reason of its cdk-nag acknowledgement. */
const PREFIX_OWNERS: Record<BucketPrefix, string> = { imports: 'shared/imports/service.ts', evidence: 'shared/cases/evidence.ts' };

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The item actions of CDK's `grantReadData` / `grantReadWriteData`, less the stream ones: the table has no stream. */
const TABLE_READ_ACTIONS = ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const TABLE_WRITE_ACTIONS = ['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
/** The key actions the same CDK grants give readers and, in addition, writers of a table under a customer-managed key. */
const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE_ACTIONS = ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];
/** Functions read and write import files only (shared/imports/service.ts); HeadObject is authorised as GetObject. */
const BUCKET_READ_ACTIONS = ['s3:GetObject'];
const BUCKET_WRITE_ACTIONS = ['s3:PutObject'];

/** How every function is bundled — also what the cold-start benchmark builds (test/bench/cold-start.ts). */
export const FUNCTION_BUNDLING = {
  format: OutputFormat.CJS,
  target: 'node22',
  minify: true,
  sourceMap: true,
  // stack traces need the mappings only; embedded sources would quadruple what --enable-source-maps loads
  sourcesContent: false,
  logLevel: LogLevel.WARNING,
  // the SDK version is the one in package-lock.json, not whatever the runtime ships
  bundleAwsSDK: true,
} satisfies BundlingOptions;

export const FUNCTION_ENVIRONMENT = {
  NODE_OPTIONS: '--enable-source-maps',
  POWERTOOLS_SERVICE_NAME: 'student-registry',
  POWERTOOLS_METRICS_NAMESPACE: 'StudentRegistry',
} as const;

export interface RegistryFunctionProps {
  /** the entry under functions/, without extension, e.g. `organisations/create` */
  handler: string;
  description?: string;
  /** what the function may touch; nothing beyond it is granted */
  grants: FunctionGrants;
  table: ITable;
  keySecret: ISecret;
  /** the evidence bucket; `grants.bucket` opens its `imports/` prefix only */
  bucket: IBucket;
  /** the customer-managed key the table, the bucket and the secret are encrypted with */
  key: IKey;
  /** the state machine of a workflow id, for `grants.startsWorkflows`; required when that is not empty */
  stateMachine?: (workflowId: string) => IStateMachine;
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
  private keyWriteAcknowledged = false;

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
      bundling: FUNCTION_BUNDLING,
      environment: { ...FUNCTION_ENVIRONMENT },
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
    if (grants.bucket) this.grantBucket(props.bucket, grants.bucket.prefix, grants.bucket.access === 'write');
    for (const workflowId of grants.startsWorkflows ?? []) {
      if (!props.stateMachine) throw new Error(`${id}: starts workflow ${workflowId} but was given no state machine lookup`);
      const stateMachine = props.stateMachine(workflowId);
      // states:StartExecution on this state machine's ARN only
      stateMachine.grantStartExecution(this);
      this.addEnvironment(stateMachineArnVariable(workflowId), stateMachine.stateMachineArn);
    }
    for (const workflowId of grants.sendsTaskResults ?? []) {
      if (!props.stateMachine) throw new Error(`${id}: answers tasks of ${workflowId} but was given no state machine lookup`);
      // states:SendTaskSuccess/Failure/Heartbeat for this state machine's tasks only
      props.stateMachine(workflowId).grantTaskResponse(this);
    }
  }

  /** Item actions on the base table only, no index — for a function narrower than the route table's grants. */
  grantItemActions(...actions: string[]): void {
    this.grantTable(actions, [this.table.tableArn]);
  }

  private grantTable(actions: string[], resourceArns: string[]): void {
    Grant.addToPrincipal({ grantee: this, actions, resourceArns });
    this.grantKey(actions.some((action) => TABLE_WRITE_ACTIONS.includes(action)));
    this.addEnvironment('TABLE_NAME', this.table.tableName);
  }

  /** The customer-managed key, as CDK's grants give it to a reader or a writer of data encrypted with it. */
  private grantKey(write: boolean): void {
    this.key.grant(this, ...KEY_READ_ACTIONS, ...(write ? KEY_WRITE_ACTIONS : []));
    if (write && !this.keyWriteAcknowledged) {
      this.keyWriteAcknowledged = true;
      const reason = 'The key actions CDK grants a writer of a table or bucket encrypted with a customer-managed key, on that one key.';
      Validations.of(this.executionRole).acknowledge(
        { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason },
        { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason },
      );
    }
  }

  /**
   * Object actions under one prefix only: not `bucket.grantRead`, which adds s3:List* and s3:GetBucket* on the whole
   * bucket, nor `grantPut`'s Abort/Tagging actions. The key goes onto the role, like the table's (no key policy: that
   * would make the stateful stack depend on this one).
   */
  private grantBucket(bucket: IBucket, prefix: BucketPrefix, write: boolean): void {
    const objects = `${prefix}/*`;
    Grant.addToPrincipal({
      grantee: this,
      actions: write ? [...BUCKET_READ_ACTIONS, ...BUCKET_WRITE_ACTIONS] : BUCKET_READ_ACTIONS,
      resourceArns: [bucket.arnForObjects(objects)],
    });
    this.grantKey(write);
    Validations.of(this.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArn(this, bucket)}/${objects}]`,
      reason: `Objects are keyed per school or student under ${prefix}/ (${PREFIX_OWNERS[prefix]}); the function may ${write ? 'read and write' : 'read'} objects under that prefix of the evidence bucket only.`,
    });
    this.addEnvironment('BUCKET_NAME', bucket.bucketName);
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

/**
 * The bucket's ARN as cdk-nag spells it in a finding. From another stack it is the name of that stack's export,
 * which CDK generates when it resolves the reference; `exportValue` creates that same export now, by the same rule,
 * so its name can go into the acknowledgement.
 */
function nagArn(consumer: Construct, bucket: IBucket): string {
  const producer = Stack.of(bucket);
  if (producer === Stack.of(consumer)) {
    return `<${producer.getLogicalId(bucket.node.defaultChild as CfnElement)}.Arn>`;
  }
  const imported = producer.resolve(producer.exportValue(bucket.bucketArn)) as { 'Fn::ImportValue'?: unknown };
  if (typeof imported['Fn::ImportValue'] !== 'string') throw new Error(`Cannot name the export of ${bucket.node.path}`);
  return imported['Fn::ImportValue'];
}
