/**
 * The `__provider` text stored in the state of every resource of this package.
 *
 * Pulumi's Node dynamic-provider host evaluates this text (`require-from-string`), calls
 * `handler()` to get a provider object, caches it per text, and calls its `configure` once before
 * anything else (@pulumi/pulumi >= 3.139). `configure` requires the installed package by name
 * (resolved from the Pulumi program's directory) and installs the real provider's methods on that
 * very object. So the text captures no module, client or credential, stays a few hundred bytes
 * (instead of what closure serialization of even a tiny object produces), costs no serialization
 * time, and upgrading the package upgrades the code that later `refresh`/`destroy` run for
 * resources recorded by older versions.
 *
 * @internal
 */

/** The resource types of this package. */
export type OmicsResourceType = "RunRetry" | "RunRetryIntent" | "RunGroupWait";

/** The type token of a resource type. */
export const typeToken = (type: OmicsResourceType): string => `pulumi-nodejs:dynamic/omics:${type}`;

/** providerText is the `__provider` text of a resource type (kept short: it is stored twice per resource). */
export function providerText(type: OmicsResourceType): string {
    return (
        "exports.handler=function(){" +
        'var n=function(){throw new Error("pulumi-tencentcloud-omics: the dynamic provider host did not call configure; use @pulumi/pulumi >= 3.139")};' +
        "var p={check:n,diff:n,create:n,read:n,update:n,delete:n,configure:function(r){" +
        `var q=require("pulumi-tencentcloud-omics/provider").providerFor(${JSON.stringify(type)});` +
        "Object.assign(p,q);return q.configure(r)}};return p};"
    );
}
