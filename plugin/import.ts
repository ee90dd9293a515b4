/**
 * `pulumi import tencentcloud-omics:index:RunRetryRecord <name> <newRunGroupId>`: the read of a
 * retry that has no state yet.
 */
import type * as provider from "@pulumi/pulumi/provider";

/** importRetry rebuilds a RunRetryRecord's inputs and state from the group it names. */
export async function importRetry(id: string, name: string): Promise<provider.ReadResult> {
    throw new Error(`RunRetryRecord "${name}": importing ${id} is not supported by this version of the plugin yet`);
}
