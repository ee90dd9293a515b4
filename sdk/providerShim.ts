import type * as pulumi from "@pulumi/pulumi";

/** Loads the provider of the installed package (resolved from the Pulumi program's directory). */
const p = (): Required<pulumi.dynamic.ResourceProvider> =>
    require("pulumi-tencentcloud-omics/provider").runRetryProvider;

/**
 * The object serialized into every RunRetry's state as `__provider`.
 *
 * Each method requires the installed package by name when it is called, so the serialized text
 * captures no module, client or credential (about 2,000 characters, checked by a unit test), and
 * upgrading the package upgrades the code that later `refresh`/`delete` run for resources created
 * by older versions. These functions must reference nothing but `p`: closure serialization would
 * copy anything else into state.
 *
 * @internal
 */
export const providerShim: pulumi.dynamic.ResourceProvider = {
    configure: (...a) => p().configure(...a),
    check: (...a) => p().check(...a),
    diff: (...a) => p().diff(...a),
    create: (...a) => p().create(...a),
    read: (...a) => p().read(...a),
    update: (...a) => p().update(...a),
    delete: (...a) => p().delete(...a),
};
