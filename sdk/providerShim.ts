import type * as pulumi from "@pulumi/pulumi";

/** Stands in for every method until configure has installed the real ones. */
const notConfigured = (): never => {
    throw new Error("pulumi-tencentcloud-omics: the dynamic provider host did not call configure; use @pulumi/pulumi >= 3.139 in the program");
};

/**
 * The object serialized into every RunRetry's state as `__provider`.
 *
 * The dynamic-provider host deserializes it once per process and calls `configure` before any
 * other method (@pulumi/pulumi >= 3.139). `configure` requires the installed package by name
 * (resolved from the Pulumi program's directory) and installs the real provider's methods on this
 * very object, so the serialized text captures no module, client or credential and stays far
 * under 2 KB (checked by a unit test), and upgrading the package upgrades the code that later
 * `refresh`/`delete` run for resources created by older versions. The other methods share one
 * placeholder so closure serialization writes it once. Nothing else may be referenced from these
 * functions: serialization would copy it into state.
 *
 * @internal
 */
export const providerShim: pulumi.dynamic.ResourceProvider = {
    configure(this: Record<string, unknown>, req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        const real = require("pulumi-tencentcloud-omics/provider").runRetryProvider;
        Object.assign(this, real);
        return real.configure(req);
    },
    check: notConfigured,
    diff: notConfigured,
    create: notConfigured,
    read: notConfigured,
    update: notConfigured,
    delete: notConfigured,
};
