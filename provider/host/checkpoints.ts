/**
 * Engine settings under which a step can run before the previous step's checkpoint is durable.
 *
 * Exactly once rests on one ordering: the RunRetryIntent's record reaches the backend before the
 * RunRetry's create can send RetryRuns. The engine (pkg/backend snapshot.go and journal.go, read at
 * CLI v3.248.0, v3.274.1 and v3.276.0) writes every create's checkpoint before the steps that depend on it
 * start, for the file and cloud backends alike, journaling included (its batching only elides the
 * writes of unchanged resources). One setting breaks the ordering: PULUMI_SKIP_CHECKPOINTS, which
 * keeps every mutation in memory and saves the state once, at the end. Under it a killed `up` leaves
 * no intent behind, and the next `up` could not tell an earlier attempt from other work, so a
 * RunRetry is not created or replaced while it is set (no-op updates, refresh and destroy are fine).
 * The engine passes its environment to provider processes, so this process sees the setting.
 */

/** How the engine reads a boolean setting: "1" or "true" in any case. */
function truthy(v: string | undefined): boolean {
    return v !== undefined && (v === "1" || v.toLowerCase() === "true");
}

/**
 * checkpointProblem returns why a RunRetry cannot be created or replaced under the engine settings
 * of this process (and what to do), or undefined when checkpoints are durable step by step.
 */
export function checkpointProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
    if (!truthy(env.PULUMI_SKIP_CHECKPOINTS)) return undefined;
    return (
        `PULUMI_SKIP_CHECKPOINTS=${env.PULUMI_SKIP_CHECKPOINTS} is set: the engine then saves the state only at the end of the update, so the intent recorded ` +
        `before RetryRuns would be lost if this update were killed, and the next update could retry the same runs a second time. ` +
        `Nothing was retried. Run this update without it (unset PULUMI_SKIP_CHECKPOINTS, or \`PULUMI_SKIP_CHECKPOINTS=false pulumi up\`); ` +
        `updates that create or replace no RunRetry may keep it.`
    );
}
