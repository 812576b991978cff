/**
 * Public on-demand list prices, US East (N. Virginia), in US$ — the one place the cost model takes prices from.
 * Transcribed from the services' pricing pages (aws.amazon.com/<service>/pricing); this machine has no network, so
 * the benchmark never re-fetches them: check them against the pages, and update `asOf`, before relying on a figure.
 * Free tiers are left out on purpose: the model prices the work, not the account.
 */
export const PRICES = {
  asOf: '2026-12-03',
  region: 'us-east-1',
  apiGateway: {
    /** HTTP API, per million requests (first 300 million a month) */
    httpRequestsPerMillion: 1.0,
  },
  lambda: {
    /** Arm64, per GB-second */
    arm64PerGbSecond: 0.0000133334,
    requestsPerMillion: 0.2,
  },
  dynamodb: {
    /** on-demand, per million write / read request units (since the November 2024 price change) */
    writeRequestUnitsPerMillion: 0.625,
    readRequestUnitsPerMillion: 0.125,
    /** Standard table class, per GB-month */
    storagePerGbMonth: 0.25,
    /** continuous backups (PITR), per GB-month */
    pitrPerGbMonth: 0.2,
  },
  stepFunctions: {
    /** Standard workflows, per 1,000 state transitions */
    standardTransitionsPerThousand: 0.025,
  },
  s3: {
    /** S3 Standard, per 1,000 requests */
    putPerThousand: 0.005,
    getPerThousand: 0.0004,
    storagePerGbMonth: 0.023,
  },
} as const;
