/** DeleteVolume: delete a volume; an environment's default volume cannot be deleted (`UnsupportedOperation`), nor one a running group mounts (`ResourceInUse`). */
import { catalogErrors } from "../errors";
import { runGroupDetails } from "../state/catalog";
import { denyReadOnly } from "./catalogCommon";
import type { ActionHandler } from "./types";
import { ID_SPECS } from "./validate";
import { volumeOf } from "./volumeCommon";

export const deleteVolume: ActionHandler = {
    name: "DeleteVolume",
    mutates: true,
    schema: { VolumeId: ID_SPECS.volume },
    handle(ctx, params) {
        denyReadOnly(ctx, "DeleteVolume");
        const v = volumeOf(ctx.store, ctx.region, params.VolumeId as string);
        if (v.IsDefault) throw catalogErrors.unsupportedOperation(`volume ${v.VolumeId} is the default volume of environment ${v.EnvironmentId}`);
        const busy = Object.values(ctx.store.state.runGroups).find(
            (g) => (g.Status === "RUNNING" || g.Status === "TERMINATING") && runGroupDetails(g)?.VolumeIds.includes(v.VolumeId),
        );
        if (busy) throw catalogErrors.resourceInUse(`volume ${v.VolumeId} is mounted by run group ${busy.RunGroupId} (${busy.Status})`);
        v.deleted = true;
        return {};
    },
};
