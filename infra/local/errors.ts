/** A start-up problem the user can fix; printed as one sentence, without a stack trace. */
export class LocalStartError extends Error {}
