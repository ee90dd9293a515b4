/**
 * `construct` of RunRetry (a component in the schema, so that every language's SDK and YAML get
 * one resource to declare): the same steps the TypeScript RunRetry registers (sdk/RunRetry.ts), as
 * custom resources served by this plugin, so exactly-once holds in every language:
 *
 * 1. `RunRetryIntent` records the source lineage (read-only) and is checkpointed by the engine;
 * 2. `RunRetryRecord` takes the intent's record as an input, so its create (one RetryRuns, or the
 *    adoption of an earlier, interrupted attempt's group) can only start after that checkpoint;
 * 3. with `waitForCompletion`, `RunGroupWait` (the record's child) waits for the new group as a
 *    step of its own.
 *
 * The intent and the record take the RunRetry's place in the resource tree; no component resource
 * is registered (see constructRunRetry).
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

/** Where a URN names its type RunRetry (after `::`, or after `$` behind its parents' types). */
const RUN_RETRY_TYPE_END = `${RUN_RETRY}::`;
/** The package whose provider serves the steps. */
const PACKAGE = RUN_RETRY.split(":")[0] ?? "";

/** The explicit provider of this package among those given to the RunRetry (construct passes a map by package). */
function ownProvider(providers: pulumi.ComponentResourceOptions["providers"]): pulumi.ProviderResource | undefined {
    if (!providers) return undefined;
    if (Array.isArray(providers)) return providers.find((p) => (p as unknown as { getPackage?(): string }).getPackage?.() === PACKAGE);
    return (providers as Record<string, pulumi.ProviderResource>)[PACKAGE];
}

/**
 * The options of the RunRetry, as the options of one of its steps. The steps take the RunRetry's
 * place in the tree (its parent, its provider, its protection), so an option that applies to the
 * RunRetry applies to each of them; aliases of the RunRetry become the same aliases of each step
 * (same name, the step's own type).
 */
function stepOptions(type: string, options: pulumi.ComponentResourceOptions, version: string): pulumi.CustomResourceOptions {
    type WithTrigger = pulumi.CustomResourceOptions & { replacementTrigger?: unknown };
    const given = options as WithTrigger;
    const out: WithTrigger = { version };
    if (options.parent) out.parent = options.parent;
    const provider = ownProvider(options.providers);
    if (provider) out.provider = provider;
    if (options.protect !== undefined) out.protect = options.protect;
    if (options.retainOnDelete !== undefined) out.retainOnDelete = options.retainOnDelete;
    if (options.deletedWith !== undefined) out.deletedWith = options.deletedWith;
    if (given.replacementTrigger !== undefined) out.replacementTrigger = given.replacementTrigger;
    if (options.aliases && options.aliases.length > 0) {
        out.aliases = options.aliases.map((a) => {
            if (typeof a !== "string") return a;
            // A URN alias names an earlier RunRetry: the step's earlier URN has the step's type.
            const i = a.lastIndexOf(RUN_RETRY_TYPE_END);
            if (i <= 0 || (a[i - 1] !== ":" && a[i - 1] !== "$")) return a;
            return `${a.slice(0, i)}${type}::${a.slice(i + RUN_RETRY_TYPE_END.length)}`;
        });
    }
    return out;
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
    // The first step waits for what the RunRetry depends on; the others follow it through their inputs.
    const intent = new Step(
        RUN_RETRY_INTENT,
        name,
        { ...pick(inputs, TARGET_KEYS), retryKey: undefined, record: undefined },
        { ...stepOptions(RUN_RETRY_INTENT, options, version), ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}) },
    );
    const intentOut = intent as unknown as Outputs;
    const declared = Object.fromEntries([...TARGET_KEYS, ...BEHAVIOUR_KEYS, ...OUTPUT_KEYS].map((k) => [k, undefined]));
    const record = new Step(
        RUN_RETRY_RECORD,
        name,
        { ...declared, ...pick(inputs, [...TARGET_KEYS, ...BEHAVIOUR_KEYS]), intent: intentOut.record },
        {
            ...stepOptions(RUN_RETRY_RECORD, options, version),
            // The RunRetry's inputs are the record's: these options name the same properties.
            ...(options.ignoreChanges ? { ignoreChanges: options.ignoreChanges } : {}),
            ...(options.replaceOnChanges ? { replaceOnChanges: options.replaceOnChanges } : {}),
        },
    );
    const out = record as unknown as Outputs;

    if (pulumi.runtime.isDryRun()) {
        // The plan's warnings (a likely futile retry, the lineage's last retry) and runs another
        // RunRetry of the stack also retries, as diagnostics on the RunRetry (its record), where a
        // reviewer looks.
        out.plan.apply((p) => {
            if (typeof p !== "object" || p === null) return;
            const plan = p as { warnings?: string[]; runGroupId?: string; runs?: { runUuid: string }[] };
            for (const w of plan.warnings ?? []) void pulumi.log.warn(`${name}: ${w}`, record);
            if (typeof plan.runGroupId !== "string" || !Array.isArray(plan.runs)) return;
            const overlap = overlapWarning(
                name,
                plan.runGroupId,
                plan.runs.map((r) => r.runUuid),
            );
            if (overlap) void pulumi.log.warn(`${name}: ${overlap}`, record);
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
            // The wait is the record's child, as the TypeScript RunRetry's wait is the RunRetry's; a
            // child takes its parent's provider and `protect`, not `retainOnDelete`.
            {
                parent: record,
                version,
                ...(options.retainOnDelete !== undefined ? { retainOnDelete: options.retainOnDelete } : {}),
                ...(options.customTimeouts ? { customTimeouts: options.customTimeouts } : {}),
            },
        );
        // Consumers of these outputs start once the group finished, as when create itself waited.
        const w = wait as unknown as Outputs;
        state.newRunGroupId = w.runGroupId;
        state.status = w.status;
        state.runStatusCounts = w.runStatusCounts;
    }
    // No component resource of its own: the record stands for the RunRetry (its URN is the
    // RunRetry's, a `parent` or `dependsOn` on the RunRetry means the record), as the TypeScript
    // RunRetry is itself the custom resource that makes the RetryRuns. A component would add a
    // resource, two checkpoints and an outputs checkpoint per RunRetry (docs/plugin.md, Performance).
    return { urn: record.urn, state };
}
