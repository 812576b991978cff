import { RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { INDEX_PROJECTION, TABLE_INDEXES, TABLE_KEY, TTL_ATTRIBUTE } from '../../shared/platform/table.js';

/** What outlives deployments: the key, the table, the evidence files and the HMAC master key. All of it is retained. */
export class StatefulStack extends Stack {
  readonly key: Key;
  readonly table: Table;
  readonly bucket: Bucket;
  readonly keySecret: Secret;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    // S3 log delivery through a bucket policy rather than the legacy LogDeliveryWrite ACL
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);

    this.key = new Key(this, 'Key', {
      description: 'Student registry: table, evidence files and the HMAC master key',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const string = (name: string) => ({ name, type: AttributeType.STRING });
    // Table, not TableV2: TableV2 cannot render a customer-managed key in a region-agnostic stack
    this.table = new Table(this, 'Table', {
      partitionKey: string(TABLE_KEY.partition),
      sortKey: string(TABLE_KEY.sort),
      timeToLiveAttribute: TTL_ATTRIBUTE,
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of TABLE_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: string(index.partition),
        sortKey: string(index.sort),
        projectionType: ProjectionType[INDEX_PROJECTION],
      });
    }

    const accessLogs = new Bucket(this, 'AccessLogs', {
      // S3 server access logging delivers only to buckets with S3-managed encryption
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs.node.defaultChild!).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop and another log bucket would only move the question.',
    });

    this.bucket = new Bucket(this, 'Evidence', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'evidence/',
    });

    this.keySecret = new Secret(this, 'MasterKey', {
      description: 'Student registry: HMAC master key for keyed hashes of identity numbers and cursor signatures',
      encryptionKey: this.key,
      generateSecretString: { excludePunctuation: true, passwordLength: 64 },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.keySecret.node.defaultChild!).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Stored identity numbers are looked up by keyed hash under this key; rotating it would orphan every stored hash.',
    });
  }
}
