import 'core-js/actual/promise/with-resolvers';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { StateMachine } from 'aws-local-stepfunctions';
import { nowIso } from '../../shared/platform/clock.js';
import type { WorkflowDefinition } from '../workflows/definition.js';
import { lambdaContext } from './api-gateway.js';
import { loadHandler } from './functions.js';
import { localStateMachineArn } from './step-functions-arn.js';

/**
 * The local Step Functions service: the AWS JSON protocol (the SDK's SFNClient talks to it unchanged) in front of
 * aws-local-stepfunctions, which runs the very definitions the CDK stack deploys. Task states call the same handler
 * modules the Lambdas run. (aws-local-stepfunctions needs Promise.withResolvers, which Node 20 lacks: polyfilled here,
 * in the local runtime only.)
 */

interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
}

class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** Fills each `${Placeholder}` with a local function ARN and remembers which handler each Task state runs. */
function prepare(workflow: WorkflowDefinition) {
  const text = JSON.stringify(workflow.asl).replace(/\$\{(\w+)\}/g, (_m, placeholder: string) => {
    const task = workflow.tasks[placeholder];
    if (!task) throw new Error(`${workflow.id}: no task for \${${placeholder}}`);
    return `arn:aws:lambda:local:000000000000:function:${task.handler.replaceAll('/', '-')}`;
  });
  const asl = JSON.parse(text) as { States: Record<string, Record<string, unknown>> };
  const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  const visit = (states: Record<string, Record<string, unknown>>) => {
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === 'Task' && typeof state.Resource === 'string') {
        const entry = Object.values(workflow.tasks).find((t) => state.Resource === `arn:aws:lambda:local:000000000000:function:${t.handler.replaceAll('/', '-')}`)!;
        handlers[name] = async (input) => (await loadHandler(entry.handler))(input, lambdaContext(entry.handler, entry.timeoutSeconds * 1000));
      }
      const nested = (state.ItemProcessor ?? state.Iterator) as { States?: Record<string, Record<string, unknown>> } | undefined;
      if (nested?.States) visit(nested.States);
      for (const branch of (state.Branches as { States: Record<string, Record<string, unknown>> }[] | undefined) ?? []) visit(branch.States);
    }
  };
  visit(asl.States);
  return { machine: new StateMachine(asl as never, { validationOptions: { checkArn: false } }), handlers };
}

export async function startStepFunctionsHost(options: {
  port: number;
  workflows: WorkflowDefinition[];
  log?: (line: string) => void;
}): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const machines = new Map(options.workflows.map((w) => [localStateMachineArn(w.id), prepare(w)]));
  const executions = new Map<string, Execution>();
  const running = new Set<{ abort: () => void }>();

  const operations: Record<string, (body: Record<string, unknown>) => unknown> = {
    StartExecution: (body) => {
      const stateMachineArn = String(body.stateMachineArn);
      const machine = machines.get(stateMachineArn);
      if (!machine) throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
      const name = String(body.name ?? crypto.randomUUID());
      const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
      const input = String(body.input ?? '{}');
      const existing = executions.get(executionArn);
      if (existing) {
        // as on AWS: the same name and input is the same start; another input under that name is refused
        if (existing.input !== input || existing.status !== 'RUNNING') throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
        return { executionArn, startDate: existing.startDate / 1000 };
      }
      const execution: Execution = { executionArn, stateMachineArn, name, input, status: 'RUNNING', startDate: Date.now() };
      executions.set(executionArn, execution);
      const run = machine.machine.run(JSON.parse(input), {
        overrides: { taskResourceLocalHandlers: machine.handlers as never },
        context: { Execution: { Id: executionArn, Name: name, Input: JSON.parse(input), StartTime: nowIso() } } as never,
      });
      running.add(run);
      run.result
        .then((output) => Object.assign(execution, { status: 'SUCCEEDED', output: JSON.stringify(output) }))
        .catch((error: Error & { cause?: unknown }) => Object.assign(execution, { status: 'FAILED', error: error.name, cause: error.message }))
        .finally(() => {
          running.delete(run);
          execution.stopDate = Date.now();
          options.log?.(`workflow ${name}: ${execution.status}${execution.error ? ` (${execution.error}: ${execution.cause})` : ''}`);
        });
      return { executionArn, startDate: execution.startDate / 1000 };
    },
    DescribeExecution: (body) => {
      const execution = executions.get(String(body.executionArn));
      if (!execution) throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(body.executionArn)}'`);
      const { startDate, stopDate, ...rest } = execution;
      return { ...rest, startDate: startDate / 1000, ...(stopDate ? { stopDate: stopDate / 1000 } : {}) };
    },
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const operation = String(request.headers['x-amz-target'] ?? '').replace('AWSStepFunctions.', '');
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify(body));
    };
    try {
      const run = operations[operation];
      if (!run) throw new ServiceError('UnknownOperationException', `The local Step Functions host does not implement ${operation}`);
      reply(200, await run(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')));
    } catch (error) {
      const type = error instanceof ServiceError ? error.type : 'InternalFailure';
      reply(400, { __type: `com.amazonaws.swf.service.v2.model#${type}`, message: (error as Error).message });
    }
  };

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    stop: async () => {
      for (const run of running) run.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
