/**
 * The provider object `main()` serves: each custom resource type of the plugin dispatched to the
 * provider core that the dynamic provider uses (provider/), and the RunRetry component built by
 * `construct` (component.ts).
 *
 * The core names resources in messages from a hidden `__resourceName` input (dynamic providers are
 * not told the URN); a plugin is told the URN, so the name is taken from it on the way in and never
 * stored.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { runGroupWaitProvider, runRetryIntentProvider } from "../provider";
import { check } from "../provider/runRetry/check";
import { create } from "../provider/runRetry/create";
import { diffRunRetry } from "../provider/runRetry/diff";
import { read, remove, update } from "../provider/runRetry/lifecycle";
import { cancelProcess } from "../provider/host/cancellation";
import type { Bag } from "../provider/shared/values";
import { constructRunRetry } from "./component";
import { importRetry } from "./import";
import { packageSchema, RUN_GROUP_WAIT, RUN_RETRY, RUN_RETRY_INTENT, RUN_RETRY_RECORD } from "./schema";
import { requestTimeoutSeconds } from "./service";

/** The type token of a URN (`urn:pulumi:<stack>::<project>::<parent types$>type::<name>`). */
export function typeOfUrn(urn: string): string {
    const qualified = urn.split("::")[2] ?? "";
    return qualified.slice(qualified.lastIndexOf("$") + 1);
}

/** The resource name of a URN. */
export function nameOfUrn(urn: string): string {
    return urn.split("::").slice(3).join("::");
}

const HIDDEN = "__resourceName";
const named = (bag: Bag | undefined, urn: string): Bag => ({ ...(bag ?? {}), [HIDDEN]: nameOfUrn(urn) });
function unnamed<T>(bag: T): T {
    if (typeof bag !== "object" || bag === null) return bag;
    const copy = { ...(bag as Bag) };
    delete copy[HIDDEN];
    return copy as T;
}

/** An error whose partial state (id, properties) must not carry the hidden name either. */
function withoutName(e: unknown): unknown {
    if (typeof e === "object" && e !== null && "properties" in e) {
        const err = e as { properties?: Bag };
        if (err.properties) err.properties = unnamed(err.properties);
    }
    return e;
}

/** The operations of one custom resource type, on bags that carry the hidden name. */
interface CustomType {
    check(olds: Bag, news: Bag): Promise<{ inputs: Bag; failures: { property: string; reason: string }[] }>;
    diff(id: string, olds: Bag, news: Bag): Promise<provider.DiffResult>;
    create(inputs: Bag): Promise<{ id: string; outs: Bag }>;
    read(id: string, props: Bag, urn: string): Promise<provider.ReadResult>;
    update(id: string, olds: Bag, news: Bag): Promise<{ outs: Bag }>;
    delete(id: string, props: Bag): Promise<void>;
}

/** True when a read comes from `pulumi import` (no state yet) rather than a refresh. */
const isImport = (props: Bag): boolean => Object.keys(props).filter((k) => k !== HIDDEN).length === 0;

const runRetryRecord: CustomType = {
    check: (olds, news) => check(olds, news),
    diff: async (_id, olds, news) => diffRunRetry(olds, news),
    create: (inputs) => create(inputs),
    read: async (id, props, urn) => {
        if (isImport(props)) return importRetry(id, nameOfUrn(urn));
        return read(id, props);
    },
    update: (id, olds, news) => update(id, olds, news),
    delete: (id, props) => remove(id, props),
};

const runRetryIntent: CustomType = {
    check: (olds, news) => runRetryIntentProvider.check(olds, news),
    diff: (id, olds, news) => runRetryIntentProvider.diff(id, olds, news),
    create: (inputs) => runRetryIntentProvider.create(inputs),
    read: (id, props) => runRetryIntentProvider.read(id, props),
    update: (id, olds, news) => runRetryIntentProvider.update(id, olds, news),
    delete: () => runRetryIntentProvider.delete(),
};

/**
 * A wait bounded by the engine's timeout too (`customTimeouts.create`/`update`): the shorter of it
 * and `timeoutSeconds` is what the core waits; the recorded `timeoutSeconds` stays the input's, so
 * the next diff sees no change.
 */
function boundedWait(inputs: Bag): Bag {
    const engineTimeout = requestTimeoutSeconds();
    if (engineTimeout <= 0) return inputs;
    const own = typeof inputs.timeoutSeconds === "number" ? inputs.timeoutSeconds : 3600;
    return { ...inputs, timeoutSeconds: Math.max(1, Math.min(own, Math.floor(engineTimeout))) };
}
const restoreTimeout = (outs: Bag, inputs: Bag): Bag => (inputs.timeoutSeconds === undefined ? outs : { ...outs, timeoutSeconds: inputs.timeoutSeconds });

const runGroupWait: CustomType = {
    check: (olds, news) => runGroupWaitProvider.check(olds, news),
    diff: (id, olds, news) => runGroupWaitProvider.diff(id, olds, news),
    create: async (inputs) => {
        const r = await runGroupWaitProvider.create(boundedWait(inputs));
        return { id: r.id, outs: restoreTimeout(r.outs, inputs) };
    },
    read: (id, props) => runGroupWaitProvider.read(id, props),
    update: async (id, olds, news) => {
        const r = await runGroupWaitProvider.update(id, olds, boundedWait(news));
        return { outs: restoreTimeout(r.outs, news) };
    },
    delete: () => runGroupWaitProvider.delete(),
};

const CUSTOM_TYPES: Record<string, CustomType> = {
    [RUN_RETRY_RECORD]: runRetryRecord,
    [RUN_RETRY_INTENT]: runRetryIntent,
    [RUN_GROUP_WAIT]: runGroupWait,
};

function customType(urn: string): CustomType {
    const type = typeOfUrn(urn);
    const t = CUSTOM_TYPES[type];
    if (!t) throw new Error(`pulumi-resource-tencentcloud-omics: unknown resource type ${type}`);
    return t;
}

/** The plugin's provider for `main()`. */
export function pluginProvider(version: string): provider.Provider {
    const schema = JSON.stringify(packageSchema(version));
    return {
        version,
        schema,
        async check(urn, olds, news) {
            const r = await customType(urn).check(named(olds, urn), named(news, urn));
            return { inputs: unnamed(r.inputs), failures: r.failures };
        },
        diff: (id, urn, olds, news) => customType(urn).diff(id, named(olds, urn), named(news, urn)),
        async create(urn, inputs) {
            try {
                const r = await customType(urn).create(named(inputs, urn));
                return { id: r.id, outs: unnamed(r.outs) };
            } catch (e) {
                throw withoutName(e);
            }
        },
        async read(id, urn, props) {
            const r = await customType(urn).read(id, named(props, urn), urn);
            return { ...r, props: unnamed(r.props), ...(r.inputs ? { inputs: unnamed(r.inputs) } : {}) };
        },
        async update(id, urn, olds, news) {
            try {
                const r = await customType(urn).update(id, named(olds, urn), named(news, urn));
                return { outs: unnamed(r.outs) };
            } catch (e) {
                throw withoutName(e);
            }
        },
        delete: (id, urn, props) => customType(urn).delete(id, named(props, urn)),
        async construct(name: string, type: string, inputs: pulumi.Inputs, options: pulumi.ComponentResourceOptions) {
            if (type !== RUN_RETRY) throw new Error(`pulumi-resource-tencentcloud-omics: unknown component type ${type}`);
            return constructRunRetry(name, inputs, options, version);
        },
        async cancel() {
            cancelProcess("the engine sent Cancel: the update is being cancelled");
        },
    };
}
