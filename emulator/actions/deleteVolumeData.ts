/** DeleteVolumeData: delete a path's data on a volume (the emulator stores no data: it validates the path and lowers `Usage`). */
import { errors } from "../errors";
import { denyReadOnly } from "./catalogCommon";
import type { ActionHandler } from "./types";
import { ID_SPECS } from "./validate";
import { volumeOf } from "./volumeCommon";

export const deleteVolumeData: ActionHandler = {
    name: "DeleteVolumeData",
    mutates: true,
    schema: { VolumeId: ID_SPECS.volume, Path: { kind: "string", required: true, nonEmpty: true } },
    handle(ctx, params) {
        denyReadOnly(ctx, "DeleteVolumeData");
        const v = volumeOf(ctx.store, ctx.region, params.VolumeId as string);
        const path = params.Path as string;
        if (!path.startsWith("/") || path.split("/").includes("..")) {
            throw errors.invalidParameterValue(`The parameter \`Path\` must be an absolute path without "..", got ${path}.`);
        }
        if (path === "/") v.Usage = 0;
        else v.Usage = Math.floor(v.Usage / 2);
        return {};
    },
};
