// What a reviewer decides on, gathered from the engine events of one `preview`: the reviewed plan
// of every RunRetry about to be created or replaced, the warnings on RetryRuns resources beyond
// those plans (e.g. two resources retrying the same runs), and the errors that stopped the preview.
import type { EngineEvent, OpMap, OpType } from "@pulumi/pulumi/automation";
import type { RunRetryPlan } from "pulumi-tencentcloud-omics";

/** The type token of RunRetry resources (dynamic resources all share the `pulumi-nodejs` provider). */
export const RUN_RETRY_TYPE = "pulumi-nodejs:dynamic/omics:RunRetry";

/** One RunRetry the update would create or replace, with the plan its check made. */
export interface PlannedRetry {
    /** resource is the RunRetry's name in the program. */
    resource: string;
    urn: string;
    /** action is what the update does: `create` a new retry, or `replace` (retry again). */
    action: "create" | "replace";
    /** plan is absent while the retried group is not known yet (an output of another resource). */
    plan?: RunRetryPlan;
}

/** What a preview found. */
export interface ReviewFindings {
    retries: PlannedRetry[];
    /** errors are the error diagnostics of the preview (why it failed), one per message. */
    errors: string[];
    /**
     * warnings are warning diagnostics on RunRetry resources that no plan lists, "<resource>: <text>"
     * (e.g. another RunRetry of the stack retries the same runs; it may be on an unchanged resource).
     */
    warnings: string[];
}

// Steps that make a new retry. A replacement shows as `create-replacement` then `replace` (or
// `delete-replaced` first with deleteBeforeReplace); either carries the new inputs.
const RETRY_STEPS: Partial<Record<OpType, PlannedRetry["action"]>> = {
    create: "create",
    "create-replacement": "replace",
    replace: "replace",
};

/** A small, fixed-order collector to hand to `stack.preview({ onEvent })`. */
export class ReviewCollector {
    private readonly byUrn = new Map<string, PlannedRetry>();
    private readonly errors: string[] = [];
    private readonly warnings: string[] = [];

    readonly onEvent = (event: EngineEvent): void => {
        const step = event.resourcePreEvent?.metadata;
        if (step && step.type === RUN_RETRY_TYPE) {
            const action = RETRY_STEPS[step.op];
            if (action) this.addStep(step.urn, action, planOf(step.new?.inputs) ?? planOf(step.new?.outputs));
        }
        const diag = event.diagnosticEvent;
        if (diag && diag.severity === "error") {
            const message = diag.message.trim();
            if (message && !this.errors.includes(message)) this.errors.push(message);
        }
        if (diag && diag.severity === "warning" && (diag.urn ?? "").includes(`${RUN_RETRY_TYPE}::`)) {
            const message = diag.message.trim();
            if (message && !this.warnings.includes(message)) this.warnings.push(message);
        }
    };

    private addStep(urn: string, action: PlannedRetry["action"], plan: RunRetryPlan | undefined): void {
        const known = this.byUrn.get(urn);
        if (known) {
            // The steps of one replacement: keep the first plan seen, and call it a replace.
            known.plan ??= plan;
            if (action === "replace") known.action = "replace";
            return;
        }
        this.byUrn.set(urn, { resource: urn.split("::").pop() ?? urn, urn, action, ...(plan ? { plan } : {}) });
    }

    findings(): ReviewFindings {
        const retries = [...this.byUrn.values()].sort((a, b) => a.resource.localeCompare(b.resource));
        // The SDK repeats each plan warning as "<resource>: <warning>": keep only the others.
        const inPlans = new Set(retries.flatMap((r) => (r.plan?.warnings ?? []).map((w) => `${r.resource}: ${w}`)));
        return { retries, errors: [...this.errors], warnings: this.warnings.filter((w) => !inPlans.has(w)) };
    }
}

/** The `plan` input as check returned it; undefined when absent or not yet known. */
function planOf(properties: Record<string, unknown> | undefined): RunRetryPlan | undefined {
    const plan = properties?.plan;
    if (plan === null || typeof plan !== "object" || Array.isArray(plan)) return undefined;
    const p = plan as Partial<RunRetryPlan>;
    return typeof p.runGroupId === "string" && Array.isArray(p.runs) ? (plan as RunRetryPlan) : undefined;
}

/** Whether a preview's change summary has anything but unchanged resources. */
export function hasChanges(summary: OpMap): boolean {
    return Object.entries(summary).some(([op, count]) => op !== "same" && (count ?? 0) > 0);
}
