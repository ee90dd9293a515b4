/**
 * CreateVolume: a SHARED volume in an environment. Turbo specs (TB, TP) need `Capacity` (TB: at
 * least 40960 GiB in steps of 20480; TP: at least 20480 in steps of 10240, as Tencent's model
 * documents); `EnableAutoScaleUp` and `MetaType` only apply to them.
 */
import { catalogErrors, errors } from "../errors";
import { shortId } from "../state/ids";
import { catalog, denyReadOnly } from "./catalogCommon";
import type { ActionHandler } from "./types";
import { ID_SPECS } from "./validate";

const TURBO: Record<string, { min: number; step: number; bandwidth: number }> = {
    TB: { min: 40960, step: 20480, bandwidth: 1000 },
    TP: { min: 20480, step: 10240, bandwidth: 2000 },
};

export const createVolume: ActionHandler = {
    name: "CreateVolume",
    mutates: true,
    schema: {
        EnvironmentId: ID_SPECS.environment,
        Name: { kind: "string", required: true, nonEmpty: true, maxLength: 64 },
        Type: { kind: "string", required: true, enum: ["SHARED"] },
        Spec: { kind: "string", required: true, enum: ["SD", "HP", "TB", "TP"] },
        Description: { kind: "string", maxLength: 500 },
        Capacity: { kind: "integer", min: 1 },
        EnableAutoScaleUp: { kind: "boolean" },
        MetaType: { kind: "string", enum: ["basic", "enhanced"] },
    },
    handle(ctx, params) {
        const { store, region } = ctx;
        denyReadOnly(ctx, "CreateVolume");
        const envId = params.EnvironmentId as string;
        const env = store.environment(region, envId);
        if (!env) throw errors.environmentNotExist(`environment ${envId} does not exist in ${region}`);
        if (!env.Available) throw errors.environmentNotAvailable(`environment ${envId} is not available (status ${env.Status})`);
        const c = catalog(store);
        const name = params.Name as string;
        if (Object.values(c.volumes).some((v) => v.EnvironmentId === envId && !v.deleted && v.Name === name)) {
            throw catalogErrors.duplicateName(`a volume named ${name} already exists in environment ${envId}`);
        }
        const spec = params.Spec as string;
        const turbo = TURBO[spec];
        const capacity = params.Capacity as number | undefined;
        if (turbo) {
            if (capacity === undefined) throw errors.missingParameter(`The request is missing a required parameter \`Capacity\` (Spec ${spec}).`);
            if (capacity < turbo.min || (capacity - turbo.min) % turbo.step !== 0) {
                throw errors.invalidParameterValue(
                    `The parameter \`Capacity\` of a ${spec} volume must be ${turbo.min} GiB plus a multiple of ${turbo.step}, got ${capacity}.`,
                );
            }
        } else {
            for (const k of ["EnableAutoScaleUp", "MetaType"]) {
                if (params[k] !== undefined) throw errors.invalidParameterValue(`The parameter \`${k}\` applies to turbo volumes (Spec TB or TP) only.`);
            }
        }
        const id = shortId("vol");
        c.volumes[id] = {
            VolumeId: id,
            Name: name,
            Description: (params.Description as string | undefined) ?? "",
            EnvironmentId: envId,
            Type: "SHARED",
            Spec: spec,
            Capacity: capacity ?? 10240,
            Usage: 0,
            BandwidthLimit: turbo?.bandwidth ?? (spec === "HP" ? 380 : 100),
            DefaultMountPath: `/${id}`,
            IsDefault: false,
            Status: "AVAILABLE",
            AutoScaleUp: params.EnableAutoScaleUp === true,
            MetaType: (params.MetaType as string | undefined) ?? (turbo ? "basic" : ""),
            Zone: `${region}-3`,
            deleted: false,
        };
        return { VolumeId: id };
    },
};
