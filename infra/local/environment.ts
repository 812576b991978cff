/**
 * Sets the environment the handlers read (the same names the CDK stack sets in AWS) before any handler module is
 * imported: Powertools reads its settings when a module first creates its logger and metrics.
 */
export interface LocalEnvironment {
  tableName: string;
  dynamodbEndpoint: string;
  masterKeyHex: string;
  bucketName: string;
  s3Endpoint: string;
  stepFunctionsEndpoint: string;
  /** `<ID>_STATE_MACHINE_ARN` → local ARN */
  stateMachineArns: Record<string, string>;
  clock?: string;
  clockSpeed?: number;
  logLevel: string;
}

export function applyLocalEnvironment(e: LocalEnvironment): void {
  Object.assign(process.env, {
    TABLE_NAME: e.tableName,
    DYNAMODB_ENDPOINT: e.dynamodbEndpoint,
    LOCAL_MASTER_KEY: e.masterKeyHex,
    BUCKET_NAME: e.bucketName,
    S3_ENDPOINT: e.s3Endpoint,
    STEP_FUNCTIONS_ENDPOINT: e.stepFunctionsEndpoint,
    ...e.stateMachineArns,
    AWS_REGION: 'local',
    POWERTOOLS_SERVICE_NAME: 'student-registry',
    POWERTOOLS_LOG_LEVEL: e.logLevel,
    // no CloudWatch locally
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  setClock(e.clock, e.clockSpeed);
}

/** Sets the one clock's start and speed (read by clock.ts on resetClock). */
export function setClock(start: string | undefined, speed: number | undefined): void {
  if (start) process.env.CLOCK_START = start;
  else delete process.env.CLOCK_START;
  if (speed) process.env.CLOCK_SPEED = String(speed);
  else delete process.env.CLOCK_SPEED;
}
