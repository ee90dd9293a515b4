/**
 * The dynamic providers of pulumi-tencentcloud-omics. The serialized `__provider` text in every
 * resource's state (sdk/providerShim.ts) requires this module by package name and installs the
 * provider of its resource type, so upgrading the package upgrades the code that `refresh` and
 * `destroy` run for resources recorded by older versions.
 */
import type * as pulumi from "@pulumi/pulumi";
import { configureFrom } from "./config/settings";
import { startHostGuards } from "./host/guards";
import { check } from "./runRetry/check";
import { diffRunRetry } from "./runRetry/diff";
import { create } from "./runRetry/create";
import { read, remove, update } from "./runRetry/lifecycle";
import { runRetryIntentProvider } from "./intent/provider";
import { runGroupWaitProvider } from "./wait/provider";
import type { Bag } from "./shared/values";

/** runRetryProvider implements `pulumi-nodejs:dynamic/omics:RunRetry` (also what 0.1.0 state loads). */
export const runRetryProvider = {
    /** Reads stack config (and the environment) into this process's memory; makes no call. */
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        configureFrom(req.config);
        startHostGuards();
    },
    check: (olds: Bag, news: Bag) => check(olds ?? {}, news ?? {}),
    diff: async (_id: string, olds: Bag, news: Bag) => diffRunRetry(olds ?? {}, news ?? {}),
    create: (inputs: Bag) => create(inputs),
    read: (id: string, props?: Bag) => read(id, props ?? {}),
    update: (id: string, olds: Bag, news: Bag) => update(id, olds ?? {}, news ?? {}),
    delete: (id: string, props: Bag) => remove(id, props ?? {}),
} satisfies pulumi.dynamic.ResourceProvider<Bag, Bag>;

export { runRetryIntentProvider, runGroupWaitProvider };

/** The resource types of this package, by the type name in their token. */
export type OmicsResourceType = "RunRetry" | "RunRetryIntent" | "RunGroupWait";

/** providerFor returns the provider of a resource type (what each serialized shim loads). */
export function providerFor(type: OmicsResourceType): pulumi.dynamic.ResourceProvider<Bag, Bag> {
    switch (type) {
        case "RunRetry":
            return runRetryProvider;
        case "RunRetryIntent":
            return runRetryIntentProvider;
        case "RunGroupWait":
            return runGroupWaitProvider;
    }
}

export { OmicsApiError, isOmicsApiError, toOmicsError } from "./omics/errors";
export { RunRetryInitError } from "./runRetry/partial";
