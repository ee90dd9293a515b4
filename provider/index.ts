/**
 * The RunRetry dynamic provider. The serialized shim in every resource's state (sdk/providerShim)
 * requires this module by package name and forwards each call here.
 */
import type * as pulumi from "@pulumi/pulumi";
import { configureFrom } from "./config/settings";
import { check } from "./runRetry/check";
import { diffRunRetry } from "./runRetry/diff";
import { create } from "./runRetry/create";
import { read, remove, update } from "./runRetry/lifecycle";

type Bag = Record<string, unknown>;

/** runRetryProvider implements `pulumi-nodejs:dynamic/omics:RunRetry`. */
export const runRetryProvider = {
    /** Reads stack config (and the environment) into this process's memory; makes no call. */
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        configureFrom(req.config);
    },
    check: (olds: Bag, news: Bag) => check(olds ?? {}, news ?? {}),
    diff: async (_id: string, olds: Bag, news: Bag) => diffRunRetry(olds ?? {}, news ?? {}),
    create: (inputs: Bag) => create(inputs),
    read: (id: string, props?: Bag) => read(id, props ?? {}),
    update: (id: string, olds: Bag, news: Bag) => update(id, olds ?? {}, news ?? {}),
    delete: (id: string, props: Bag) => remove(id, props ?? {}),
} satisfies pulumi.dynamic.ResourceProvider<Bag, Bag>;

export { OmicsApiError, isOmicsApiError, toOmicsError } from "./omics/errors";
export { RunRetryInitError } from "./runRetry/partial";
