import {
  CfnOutput,
  CrossStackReferences,
  Duration,
  ReferenceStrength,
  RemovalPolicy,
  Stack,
  TimeZone,
  Validations,
  type CfnElement,
  type StackProps,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType, type IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { routeList } from '../../shared/api/routes.js';
import { SCHEDULE_TIME_ZONE, eventBridgeCron, schedules } from '../../shared/platform/schedules.js';
import { RegistryFunction, type RegistryFunctionProps } from '../constructs/registry-function.js';
import type { WorkflowDefinition } from '../workflows/definition.js';
import { workflows } from '../workflows/index.js';


export interface StatelessStackProps extends StackProps {
  table: ITable;
  key: IKey;
  keySecret: ISecret;
  /** the evidence bucket, whose `imports/` prefix holds import files */
  bucket: IBucket;
}

/** `PrepareImportFunctionArn` of `import-registrations` → `ImportRegistrationsPrepareImportFunction` */
export function taskConstructId(workflowId: string, placeholder: string): string {
  return `${constructId(workflowId)}${placeholder.replace(/Arn$/, '')}`;
}

/** `getMe` or `expire-credentials` → `GetMe`, `ExpireCredentials`: the construct id of a route's or sweep's function */
export function constructId(name: string): string {
  return name.replace(/(?:^|[-/])(\w)/g, (_match, first: string) => first.toUpperCase());
}

/**
 * The API, its functions, the scheduled sweeps and the workflows, all generated from the route, schedule and workflow
 * tables.
 */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  /** workflow id → its state machine */
  readonly stateMachines = new Map<string, StateMachine>();

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    // strong (exports/imports): the stateful resources cannot disappear from under this stack
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    const stateful = {
      table: props.table,
      key: props.key,
      keySecret: props.keySecret,
      bucket: props.bucket,
      // the one place `grants.startsWorkflows` is resolved: the workflows below are created before any function
      // that could start one
      stateMachine: (workflowId: string): IStateMachine => {
        const stateMachine = this.stateMachines.get(workflowId);
        if (!stateMachine) throw new Error(`No workflow ${workflowId} in infra/workflows (known: ${[...this.stateMachines.keys()].join(', ')})`);
        return stateMachine;
      },
    };

    for (const workflow of workflows) this.stateMachines.set(workflow.id, this.addWorkflow(workflow, stateful));

    const authorizerFunction = new RegistryFunction(this, 'Authorizer', {
      handler: 'authorizer',
      description: 'Resolves the bearer credential for every non-public route',
      grants: {},
      ...stateful,
      // API Gateway waits at most 10 s for a Lambda authorizer
      timeout: Duration.seconds(10),
    });
    // Authentication is one GetItem of the credential and the organisation, plus the lastUsedAt touch.
    authorizerFunction.grantItemActions('dynamodb:GetItem', 'dynamodb:UpdateItem');
    const authorizer = new HttpLambdaAuthorizer('CredentialAuthorizer', authorizerFunction, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      // invoked even without an Authorization header: it reports the failure to the route, which answers with
      // problem+json (shared/auth/context.ts); without identity sources there is nothing to cache on
      identitySource: [],
      resultsCacheTtl: Duration.seconds(0),
    });

    this.api = new HttpApi(this, 'Api', {
      description: 'Student registry API',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 500, burstLimit: 1000 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            credentialId: '$context.authorizer.credentialId',
          }),
        ),
      },
    });

    for (const route of routeList) {
      const fn = new RegistryFunction(this, constructId(route.operationId), {
        handler: route.handler,
        description: `${route.method} ${route.path}`,
        grants: route.grants,
        ...stateful,
      });
      const isPublic = 'public' in route.access;
      const httpRoutes = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${constructId(route.operationId)}Integration`, fn),
        authorizer: isPublic ? undefined : authorizer,
      });
      if (isPublic) {
        const reason = 'Public API documentation, readable without a credential by design.';
        for (const httpRoute of httpRoutes) {
          Validations.of(httpRoute.node.defaultChild!).acknowledge({ id: 'AwsSolutions-APIG4', reason }, { id: 'AwsSolutions-COG4', reason });
        }
      }
    }

    for (const sweep of schedules) {
      const fn = new RegistryFunction(this, constructId(sweep.id), {
        handler: sweep.handler,
        description: sweep.description,
        grants: sweep.grants,
        ...stateful,
        // a sweep is not behind API Gateway's 29 s limit
        timeout: Duration.minutes(5),
      });
      // an own role rather than the target's shared default one, so the acknowledgement below sits on this role only
      const role = new Role(this, `${constructId(sweep.id)}ScheduleRole`, {
        assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': this.account } } }),
      });
      new Schedule(this, `${constructId(sweep.id)}Schedule`, {
        description: sweep.description,
        schedule: ScheduleExpression.expression(eventBridgeCron(sweep.cron), TimeZone.of(SCHEDULE_TIME_ZONE)),
        target: new LambdaInvoke(fn, { role }),
      });
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason: 'grantInvoke also covers the versions and aliases (`:*`) of this one function; the role invokes nothing else.',
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'Base URL of the student registry API' });
  }

  /**
   * One function per task and a STANDARD state machine running the workflow's ASL, each `${Placeholder}` substituted
   * by its function's ARN at deployment. Traced; logged without execution data, which would carry students'
   * personal data into CloudWatch Logs (A24).
   */
  private addWorkflow(workflow: WorkflowDefinition, stateful: Omit<RegistryFunctionProps, 'handler' | 'grants'>): StateMachine {
    const id = constructId(workflow.id);
    const tasks = Object.entries(workflow.tasks).map(([placeholder, task]) => {
      const fn = new RegistryFunction(this, taskConstructId(workflow.id, placeholder), {
        handler: task.handler,
        description: `${workflow.id}: ${placeholder.replace(/FunctionArn$/, '')}`,
        grants: task.grants,
        ...stateful,
        timeout: Duration.seconds(task.timeoutSeconds),
      });
      return { placeholder, fn };
    });

    const logs = new LogGroup(this, `${id}StateMachineLogs`, {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // the execution timeout, if any, is part of the ASL (a StringDefinitionBody ignores the `timeout` prop)
    const stateMachine = new StateMachine(this, `${id}StateMachine`, {
      comment: workflow.description,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(JSON.stringify(workflow.asl)),
      definitionSubstitutions: Object.fromEntries(tasks.map(({ placeholder, fn }) => [placeholder, fn.functionArn])),
      tracingEnabled: true,
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
    });
    for (const { fn } of tasks) fn.grantInvoke(stateMachine);

    Validations.of(stateMachine.role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'Active tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSampling*) and log delivery to CloudWatch Logs (logs:*LogDelivery*, *ResourcePolic*, DescribeLogGroups) have no resource-level permissions.',
      },
      ...tasks.map(({ fn }) => ({
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason: 'grantInvoke also covers the versions and aliases (`:*`) of this one task function; the state machine invokes nothing else.',
      })),
    );
    return stateMachine;
  }
}
