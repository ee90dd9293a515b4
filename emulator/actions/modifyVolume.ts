/** ModifyVolume: rename a volume or change its description. */
import { catalogErrors } from "../errors";
import { catalog, denyReadOnly } from "./catalogCommon";
import type { ActionHandler } from "./types";
import { ID_SPECS } from "./validate";
import { volumeOf } from "./volumeCommon";

export const modifyVolume: ActionHandler = {
    name: "ModifyVolume",
    mutates: true,
    schema: {
        VolumeId: ID_SPECS.volume,
        Name: { kind: "string", nonEmpty: true, maxLength: 64 },
        Description: { kind: "string", maxLength: 500 },
    },
    handle(ctx, params) {
        denyReadOnly(ctx, "ModifyVolume");
        const v = volumeOf(ctx.store, ctx.region, params.VolumeId as string);
        const name = params.Name as string | undefined;
        if (name !== undefined && name !== v.Name) {
            if (Object.values(catalog(ctx.store).volumes).some((o) => o.EnvironmentId === v.EnvironmentId && !o.deleted && o.Name === name)) {
                throw catalogErrors.duplicateName(`a volume named ${name} already exists in environment ${v.EnvironmentId}`);
            }
            v.Name = name;
        }
        if (params.Description !== undefined) v.Description = params.Description as string;
        return {};
    },
};
