/** Environment the handlers run with; the CDK stack and the local runtime both set these names. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}

export const env = {
  tableName: () => required('TABLE_NAME'),
  /** set only locally: DynamoDB Local's address */
  dynamodbEndpoint: () => process.env.DYNAMODB_ENDPOINT,
  /** in AWS: the Secrets Manager secret holding the master key */
  keySecretArn: () => process.env.KEY_SECRET_ARN,
  /** locally: the master key itself (hex), kept in the local data folder */
  localMasterKey: () => process.env.LOCAL_MASTER_KEY,
  region: () => process.env.AWS_REGION ?? 'ap-east-1',
  bucketName: () => required('BUCKET_NAME'),
  /** set only locally: the S3-compatible server */
  s3Endpoint: () => process.env.S3_ENDPOINT,
  /** set only locally: the local Step Functions host */
  stepFunctionsEndpoint: () => process.env.STEP_FUNCTIONS_ENDPOINT,
  /** the ARN of a workflow's state machine (see workflows.ts for the variable's name) */
  variable: (name: string) => required(name),
};
