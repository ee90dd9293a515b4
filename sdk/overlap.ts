/**
 * Two RunRetry resources of one stack that retry the same runs would each call RetryRuns: each
 * makes its own new group, and the runs are paid for twice. Every RunRetry of a program registers
 * the runs of its plan here (in preview, new resources' plans come from check and recorded ones'
 * from state), so whichever resolves second is told, whatever the declaration order. It cannot see
 * other stacks; the exactly-once recovery never relies on it.
 */
const plannedBy = new Map<string, string>();

/**
 * Registers the runs `name` retries and returns a warning naming each other resource that retries
 * some of the same runs in this program (undefined when there is none).
 */
export function overlapWarning(name: string, sourceRunGroupId: string, runUuids: readonly string[]): string | undefined {
    const shared = new Map<string, string[]>();
    for (const uuid of runUuids) {
        const key = `${sourceRunGroupId}/${uuid}`;
        const other = plannedBy.get(key);
        if (other !== undefined && other !== name) shared.set(other, [...(shared.get(other) ?? []), uuid]);
        else plannedBy.set(key, name);
    }
    if (shared.size === 0) return undefined;
    const list = [...shared].map(
        ([other, uuids]) => `RunRetry "${other}" (${uuids.length === 1 ? `run ${uuids[0]}` : `${uuids.length} runs: ${uuids.join(", ")}`})`,
    );
    return (
        `the same failed runs of ${sourceRunGroupId} are also retried by ${list.join(" and ")} in this stack: ` +
        `each RetryRuns makes its own new group, so these runs would run twice; keep one of the resources`
    );
}

/** Forgets every registration (tests). */
export function forgetPlannedRuns(): void {
    plannedBy.clear();
}
