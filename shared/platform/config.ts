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
};
