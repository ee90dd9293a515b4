/**
 * `construct` of the RunRetry component: the same three steps the TypeScript RunRetry registers
 * (sdk/RunRetry.ts), as custom resources served by this plugin, so exactly-once holds in every
 * language:
 *
 * 1. `RunRetryIntent` records the source lineage (read-only) and is checkpointed by the engine;
 * 2. `RunRetryRecord` takes the intent's record as an input, so its create (one RetryRuns, or the
 *    adoption of an earlier, interrupted attempt's group) can only start after that checkpoint;
 * 3. with `waitForCompletion`, `RunGroupWait` waits for the new group as a step of its own.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { overlapWarning } from "../sdk/overlap";
import { RUN_GROUP_WAIT, RUN_RETRY, RUN_RETRY_INTENT, RUN_RETRY_RECORD } from "./schema";

/** What defines the retry (the intent's inputs; a change replaces the retry). */
const TARGET_KEYS = ["runGroupId", "runUuids", "projectId", "wdlOption", "nfOption", "region", "triggers"] as const;
/** How the retry behaves. */
const BEHAVIOUR_KEYS = ["waitForCompletion", "waitTimeoutSeconds", "terminateOnDelete", "recovery", "adoptRunGroupId"] as const;
/** What the RunRetryRecord records. */
const OUTPUT_KEYS = ["newRunGroupId", "requestId", "retriedAt", "status", "runStatusCounts", "plan", "adopted"] as const;

type Outputs = Record<string, pulumi.Output<unknown>>;

const pick = (inputs: pulumi.Inputs, keys: readonly string[]): pulumi.Inputs =>
    Object.fromEntries(keys.filter((k) => inputs[k] !== undefined).map((k) => [k, inputs[k]]));

/** The options a RunRetry passes to its steps (customTimeouts only to the wait: the others are short). */
function stepOptions(parent: pulumi.Resource, options: pulumi.ComponentResourceOptions, version: string): pulumi.CustomResourceOptions {
    type WithTrigger = pulumi.CustomResourceOptions & { replacementTrigger?: unknown };
    const given = options as WithTrigger;
    const out: WithTrigger = { parent, version };
    if (given.replacementTrigger !== undefined) out.replacementTrigger = given.replacementTrigger;
    return out;
}

class RunRetryComponent extends pulumi.ComponentResource {
    constructor(name: string, options: pulumi.ComponentResourceOptions) {
        super(RUN_RETRY, name, {}, options);
    }
    /** Registers the component's outputs (the engine records them as its state). */
    finish(state: pulumi.Inputs): void {
        this.registerOutputs(state);
    }
}

/** A custom resource of this plugin, registered from construct (the CustomResource class is abstract). */
class Step extends pulumi.CustomResource {}

/** Builds a RunRetry's children and returns the component's outputs. */
export async function constructRunRetry(
    name: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
    version: string,
): Promise<provider.ConstructResult> {
    const component = new RunRetryComponent(name, options);
    const opts = stepOptions(component, options, version);
    // The first step waits for what the RunRetry depends on; the others follow it through their inputs.
    const intent = new Step(
        RUN_RETRY_INTENT,
        name,
        { ...pick(inputs, TARGET_KEYS), retryKey: undefined, record: undefined },
        { ...opts, ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}) },
    );
    const intentOut = intent as unknown as Outputs;
    const declared = Object.fromEntries([...TARGET_KEYS, ...BEHAVIOUR_KEYS, ...OUTPUT_KEYS].map((k) => [k, undefined]));
    const record = new Step(RUN_RETRY_RECORD, name, { ...declared, ...pick(inputs, [...TARGET_KEYS, ...BEHAVIOUR_KEYS]), intent: intentOut.record }, opts);
    const out = record as unknown as Outputs;

    if (pulumi.runtime.isDryRun()) {
        // The plan's warnings (a likely futile retry, the lineage's last retry) and runs another
        // RunRetry of the stack also retries, as diagnostics on the RunRetry, where a reviewer looks.
        out.plan.apply((p) => {
            if (typeof p !== "object" || p === null) return;
            const plan = p as { warnings?: string[]; runGroupId?: string; runs?: { runUuid: string }[] };
            for (const w of plan.warnings ?? []) void pulumi.log.warn(`${name}: ${w}`, component);
            if (typeof plan.runGroupId !== "string" || !Array.isArray(plan.runs)) return;
            const overlap = overlapWarning(
                name,
                plan.runGroupId,
                plan.runs.map((r) => r.runUuid),
            );
            if (overlap) void pulumi.log.warn(`${name}: ${overlap}`, component);
        });
    }

    const state: pulumi.Inputs = Object.fromEntries([...TARGET_KEYS, ...BEHAVIOUR_KEYS, ...OUTPUT_KEYS].map((k) => [k, out[k]]));
    state.intentId = intent.id;
    const wanted = inputs.waitForCompletion;
    if (wanted !== undefined && wanted !== false) {
        const wait = new Step(
            RUN_GROUP_WAIT,
            name,
            {
                runGroupId: out.newRunGroupId,
                projectId: inputs.projectId,
                region: out.region,
                ...(inputs.waitTimeoutSeconds !== undefined ? { timeoutSeconds: inputs.waitTimeoutSeconds } : {}),
                // A computed waitForCompletion decides at deployment time.
                ...(wanted === true ? {} : { enabled: wanted }),
                status: undefined,
                runStatusCounts: undefined,
                endTime: undefined,
            },
            { parent: component, version, ...(options.customTimeouts ? { customTimeouts: options.customTimeouts } : {}) },
        );
        // Consumers of these outputs start once the group finished, as when create itself waited.
        const w = wait as unknown as Outputs;
        state.newRunGroupId = w.runGroupId;
        state.status = w.status;
        state.runStatusCounts = w.runStatusCounts;
    }
    component.finish(state);
    return { urn: component.urn, state };
}
