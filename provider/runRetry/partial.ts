/**
 * The error that tells the engine "the retry happened, but a later step failed": it carries the
 * resource id, every property (including `__provider`, or later refresh/delete could not load the
 * provider) and the reasons. The dynamic-provider host turns it into ErrorResourceInitFailed and
 * the engine records the resource, so the next `up` never calls RetryRuns again.
 */
export class RunRetryInitError extends Error {
    override readonly name = "RunRetryInitError";
    constructor(
        readonly id: string,
        readonly properties: Record<string, unknown>,
        readonly reasons: string[],
    ) {
        super(reasons.join("; "));
    }
}
