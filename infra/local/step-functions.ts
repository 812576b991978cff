import 'core-js/actual/promise/with-resolvers';
import { randomBytes } from 'node:crypto';
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
  /** the engine's event log, for GetExecutionHistory */
  events: HistoryEvent[];
}

/** An execution history event as AWS shapes it (`TaskStateEntered` with its state's name, …), without inputs and outputs. */
interface HistoryEvent {
  id: number;
  timestamp: number;
  type: string;
  stateEnteredEventDetails?: { name: string };
  stateExitedEventDetails?: { name: string };
}

/** aws-local-stepfunctions logs `StateEntered` with the state's type; AWS folds the type into the event's name. */
function historyEvent(id: number, event: { type: string; timestamp: number; state?: { name: string; type: string } }): HistoryEvent {
  const type = event.state && event.type.startsWith('State') ? `${event.state.type}${event.type}` : event.type;
  const name = event.state?.name;
  return {
    id,
    timestamp: event.timestamp / 1000,
    type,
    ...(name && event.type === 'StateEntered' ? { stateEnteredEventDetails: { name } } : {}),
    ...(name && event.type === 'StateExited' ? { stateExitedEventDetails: { name } } : {}),
  };
}

class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const LAMBDA_INVOKE_CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

function localFunctionArn(handler: string): string {
  return `arn:aws:lambda:local:000000000000:function:${handler.replaceAll('/', '-')}`;
}

/**
 * Task tokens, which aws-local-stepfunctions does not have: a `.waitForTaskToken` task gets a fresh token in its
 * payload's `taskToken` (where `$$.Task.Token` evaluates to nothing locally), and waits until SendTaskSuccess or
 * SendTaskFailure names it — or until its own `timeoutSeconds` passes, when the token dies as on AWS.
 */
class TaskTokens {
  private readonly waiting = new Map<string, { resolve: (output: unknown) => void; reject: (error: Error) => void; timer?: NodeJS.Timeout }>();

  issue(timeoutSeconds: number | undefined): { token: string; result: Promise<unknown> } {
    const token = randomBytes(24).toString('base64url');
    const result = new Promise<unknown>((resolve, reject) => this.waiting.set(token, { resolve, reject }));
    if (timeoutSeconds !== undefined) {
      // clamp: Node timers past 2^31 ms fire at once
      this.waiting.get(token)!.timer = setTimeout(() => this.fail(token, 'States.Timeout', 'Task timed out'), Math.min(timeoutSeconds * 1000, 2 ** 31 - 1));
    }
    return { token, result };
  }

  /** Stops every wait, so that no timer keeps the process alive after the host stops. */
  close(): void {
    for (const token of [...this.waiting.keys()]) this.fail(token, 'States.Runtime', 'The local Step Functions host stopped');
  }

  succeed(token: string, output: unknown): boolean {
    const waiter = this.take(token);
    waiter?.resolve(output);
    return !!waiter;
  }

  fail(token: string, error: string, cause: string): boolean {
    const waiter = this.take(token);
    waiter?.reject(Object.assign(new Error(cause), { name: error }));
    return !!waiter;
  }

  private take(token: string) {
    const waiter = this.waiting.get(token);
    this.waiting.delete(token);
    if (waiter?.timer) clearTimeout(waiter.timer);
    return waiter;
  }
}

/** Fills each `${Placeholder}` with a local function ARN and maps every Task state to the handler module it calls. */
function prepare(workflow: WorkflowDefinition, tokens: TaskTokens) {
  const text = JSON.stringify(workflow.asl).replace(/\$\{(\w+)\}/g, (_m, placeholder: string) => {
    const task = workflow.tasks[placeholder];
    if (!task) throw new Error(`${workflow.id}: no task for \${${placeholder}}`);
    return localFunctionArn(task.handler);
  });
  const asl = JSON.parse(text) as { States: Record<string, Record<string, unknown>> };
  const taskByArn = new Map(Object.values(workflow.tasks).map((t) => [localFunctionArn(t.handler), t]));
  const invoke = async (arn: string, payload: unknown) => {
    const task = taskByArn.get(arn);
    if (!task) throw new Error(`${workflow.id}: no task runs ${arn}`);
    return (await loadHandler(task.handler))(payload, lambdaContext(task.handler, task.timeoutSeconds * 1000));
  };
  const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  const visit = (states: Record<string, Record<string, unknown>>) => {
    for (const [name, state] of Object.entries(states)) {
      const resource = state.Type === 'Task' ? String(state.Resource) : undefined;
      if (resource === LAMBDA_INVOKE) {
        // as AWS's optimised integration answers: the function's result under Payload
        handlers[name] = async (input) => {
          const { FunctionName, Payload } = input as { FunctionName: string; Payload: unknown };
          return { Payload: await invoke(FunctionName, Payload), StatusCode: 200 };
        };
      } else if (resource === LAMBDA_INVOKE_CALLBACK) {
        handlers[name] = async (input) => {
          const { FunctionName, Payload } = input as { FunctionName: string; Payload: Record<string, unknown> };
          const issued = tokens.issue(typeof Payload.timeoutSeconds === 'number' ? Payload.timeoutSeconds : undefined);
          await invoke(FunctionName, { ...Payload, taskToken: issued.token });
          return issued.result;
        };
      } else if (resource) {
        handlers[name] = async (input) => invoke(resource, input);
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
  const tokens = new TaskTokens();
  const machines = new Map(options.workflows.map((w) => [localStateMachineArn(w.id), prepare(w, tokens)]));
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
      const execution: Execution = { executionArn, stateMachineArn, name, input, status: 'RUNNING', startDate: Date.now(), events: [] };
      executions.set(executionArn, execution);
      const run = machine.machine.run(JSON.parse(input), {
        overrides: { taskResourceLocalHandlers: machine.handlers as never },
        // Task.Token only has to exist for `$$.Task.Token` to evaluate: the callback override hands out the real token
        context: { Execution: { Id: executionArn, Name: name, Input: JSON.parse(input), StartTime: nowIso() }, Task: { Token: 'issued-by-the-override' } } as never,
      });
      running.add(run);
      void (async () => {
        for await (const event of run.eventLogs) execution.events.push(historyEvent(execution.events.length + 1, event as never));
      })();
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
    SendTaskSuccess: (body) => {
      if (!tokens.succeed(String(body.taskToken), JSON.parse(String(body.output ?? 'null')))) throw new ServiceError('TaskTimedOut', 'Task Timed Out');
      return {};
    },
    SendTaskFailure: (body) => {
      if (!tokens.fail(String(body.taskToken), String(body.error ?? 'Error'), String(body.cause ?? ''))) throw new ServiceError('TaskTimedOut', 'Task Timed Out');
      return {};
    },
    DescribeExecution: (body) => {
      const execution = executions.get(String(body.executionArn));
      if (!execution) throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(body.executionArn)}'`);
      const { startDate, stopDate, events: _events, ...rest } = execution;
      return { ...rest, startDate: startDate / 1000, ...(stopDate ? { stopDate: stopDate / 1000 } : {}) };
    },
    GetExecutionHistory: (body) => {
      const execution = executions.get(String(body.executionArn));
      if (!execution) throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(body.executionArn)}'`);
      return { events: body.reverseOrder ? [...execution.events].reverse() : execution.events };
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
      tokens.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
