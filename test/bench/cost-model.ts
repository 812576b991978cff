import { PRICES } from './prices.js';
import { round } from './stats.js';
import type { OperationCost } from './write-cost.js';
import type { WorkflowResult } from './workflow.js';

/**
 * Figure 3: one year's intake on AWS, priced from what this run measured — capacity units per operation (figure 2),
 * each API call's duration, state transitions per case (figure 5) — and the dated list prices in prices.ts.
 *
 * The intake as the registry sees it: every new student submitted by a school system in batches of 100, approved and
 * identity-verified by its authority one by one (A8.1). Each API request runs the authorizer and the route's
 * function (the authorizer's cache is off: it always allows and passes failures on). A call's billed Lambda time is
 * taken as its whole measured latency on the local stack — an upper bound, HTTP and the authorizer included.
 */
export interface CostLine {
  service: string;
  quantity: number;
  unit: string;
  usd: number;
}

export interface CostModel {
  students: number;
  lines: CostLine[];
  totalUsd: number;
  /** the same intake priced at the write units DynamoDB Local reports (its transactional index writes doubled) */
  totalUsdAtReportedUnits: number;
  perThousandStudentsUsd: number;
  /** what a year of cases would add at the stated rate, outside the intake figure */
  cases: { perStudent: number; cases: number; lines: CostLine[]; totalUsd: number };
  assumptions: string[];
}

const LAMBDA_MEMORY_GB = 0.5; // infra/constructs/registry-function.ts
const BATCH = 100;

export function costModel(input: {
  students: number;
  submission: OperationCost & { ms: number };
  approval: OperationCost & { ms: number };
  verification: OperationCost & { ms: number };
  transfer: OperationCost & { ms: number };
  workflow: WorkflowResult;
  casesPerStudent: number;
}): CostModel {
  const n = input.students;
  const steps = [input.submission, input.approval, input.verification];
  const requests = n / BATCH + 2 * n;
  const invocations = 2 * requests;
  // a batch's request is billed once, but its rows' work is the submissions' own: per student, the single call's time
  const gbSeconds = (n * steps.reduce((s, op) => s + op.ms, 0) * LAMBDA_MEMORY_GB) / 1000;
  const wcu = n * steps.reduce((s, op) => s + op.wcu, 0);
  const reportedWcu = n * steps.reduce((s, op) => s + op.reportedWcu, 0);
  const writePrice = (units: number) => (units / 1e6) * PRICES.dynamodb.writeRequestUnitsPerMillion;
  const rcu = n * steps.reduce((s, op) => s + op.rcu, 0);
  const lines: CostLine[] = [
    { service: 'API Gateway (HTTP API)', quantity: requests, unit: 'requests', usd: (requests / 1e6) * PRICES.apiGateway.httpRequestsPerMillion },
    { service: 'Lambda requests', quantity: invocations, unit: 'invocations', usd: (invocations / 1e6) * PRICES.lambda.requestsPerMillion },
    { service: 'Lambda duration (Arm64, 512 MB)', quantity: gbSeconds, unit: 'GB-s', usd: gbSeconds * PRICES.lambda.arm64PerGbSecond },
    { service: 'DynamoDB writes', quantity: wcu, unit: 'WRU', usd: writePrice(wcu) },
    { service: 'DynamoDB reads', quantity: rcu, unit: 'RRU', usd: (rcu / 1e6) * PRICES.dynamodb.readRequestUnitsPerMillion },
    { service: 'Step Functions', quantity: 0, unit: 'transitions (no workflow in a registration)', usd: 0 },
    { service: 'S3', quantity: 0, unit: 'requests (batches carry no files)', usd: 0 },
  ];
  const total = lines.reduce((s, l) => s + l.usd, 0);

  const cases = Math.round(n * input.casesPerStudent);
  const t = input.transfer;
  const caseRequests = cases * input.workflow.apiRequests;
  const caseInvocations = cases * (input.workflow.apiInvocations + input.workflow.workflowInvocations);
  const caseGbSeconds = (cases * t.ms * LAMBDA_MEMORY_GB) / 1000;
  const caseLines: CostLine[] = [
    { service: 'API Gateway (HTTP API)', quantity: caseRequests, unit: 'requests', usd: (caseRequests / 1e6) * PRICES.apiGateway.httpRequestsPerMillion },
    { service: 'Lambda requests', quantity: caseInvocations, unit: 'invocations', usd: (caseInvocations / 1e6) * PRICES.lambda.requestsPerMillion },
    { service: 'Lambda duration (Arm64, 512 MB)', quantity: caseGbSeconds, unit: 'GB-s', usd: caseGbSeconds * PRICES.lambda.arm64PerGbSecond },
    { service: 'DynamoDB writes', quantity: cases * t.wcu, unit: 'WRU', usd: writePrice(cases * t.wcu) },
    { service: 'DynamoDB reads', quantity: cases * t.rcu, unit: 'RRU', usd: ((cases * t.rcu) / 1e6) * PRICES.dynamodb.readRequestUnitsPerMillion },
    {
      service: 'Step Functions (Standard)',
      quantity: cases * input.workflow.stateTransitions,
      unit: 'state transitions',
      usd: ((cases * input.workflow.stateTransitions) / 1000) * PRICES.stepFunctions.standardTransitionsPerThousand,
    },
  ];
  const caseTotal = caseLines.reduce((s, l) => s + l.usd, 0);
  const rounded = (ls: CostLine[]) => ls.map((l) => ({ ...l, quantity: round(l.quantity, 0), usd: round(l.usd, 4) }));
  return {
    students: n,
    lines: rounded(lines),
    totalUsd: round(total, 2),
    totalUsdAtReportedUnits: round(total - writePrice(wcu) + writePrice(reportedWcu), 2),
    perThousandStudentsUsd: round((total / n) * 1000, 4),
    cases: { perStudent: input.casesPerStudent, cases, lines: rounded(caseLines), totalUsd: round(caseTotal, 2) },
    assumptions: [
      `prices: ${PRICES.region}, list prices as of ${PRICES.asOf} (test/bench/prices.ts), free tiers ignored`,
      `submission in batches of ${BATCH}; approval and identity verification one request each (A8.1)`,
      'every API request invokes the authorizer and the route function (authorizer cache off)',
      `billed Lambda time per call = its measured end-to-end latency on the local stack, at ${LAMBDA_MEMORY_GB * 1024} MB`,
      "write units under DynamoDB's billing rule (figure 2: a transaction's index writes at the standard rate); storage and backups are monthly costs, outside the intake",
      `cases: ${input.casesPerStudent} transfer-sized cases per student per year, shown apart from the intake`,
    ],
  };
}
