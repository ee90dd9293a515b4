/**
 * CreateEnvironment: a new KUBERNETES environment, `INITIALIZING` (not available) until the
 * emulator's `environmentSeconds` pass (the same clock as runs: at once in `immediate` mode), then
 * `RUNNING` and available. It gets a default volume like every environment.
 */
import { catalogErrors, errors } from "../errors";
import { catalog, denyReadOnly } from "./catalogCommon";
import { environmentDetails } from "../state/catalog";
import { uuid } from "../state/ids";
import type { ActionHandler } from "./types";
import type { Schema } from "./validate";

/** Seconds an environment spends INITIALIZING or DELETING (realtime/manual clocks; emulator assumption). */
export const ENVIRONMENT_SECONDS = 5;

const STORAGE_TYPES = ["SD", "HP", "TB", "TP"] as const;

const CONFIG_SCHEMA: Schema = {
    VPCOption: {
        kind: "object",
        required: true,
        fields: {
            VPCId: { kind: "string" },
            SubnetId: { kind: "string" },
            SubnetZone: { kind: "string" },
            VPCCIDRBlock: { kind: "string" },
            SubnetCIDRBlock: { kind: "string" },
        },
    },
    ClusterOption: {
        kind: "object",
        required: true,
        fields: {
            Zone: { kind: "string", required: true, nonEmpty: true },
            Type: { kind: "string", required: true, enum: ["KUBERNETES"] },
            ServiceCidr: { kind: "string" },
            ResourceQuota: { kind: "object", fields: { CPULimit: { kind: "string" }, MemoryLimit: { kind: "string" }, Pods: { kind: "string" } } },
            LimitRange: { kind: "object", fields: { MaxCPU: { kind: "string" }, MaxMemory: { kind: "string" } } },
            SystemNodeInstanceType: { kind: "string" },
            SystemNodeCount: { kind: "integer", min: 1 },
            AutoUpgradeClusterLevel: { kind: "boolean" },
        },
    },
    DatabaseOption: { kind: "object", required: true, fields: { Zone: { kind: "string", required: true, nonEmpty: true } } },
    StorageOption: {
        kind: "object",
        required: true,
        fields: {
            StorageType: { kind: "string", required: true, enum: STORAGE_TYPES },
            Zone: { kind: "string", required: true, nonEmpty: true },
            Capacity: { kind: "integer", min: 1 },
            EnableAutoScaleUp: { kind: "boolean" },
            MetaType: { kind: "string", enum: ["basic", "enhanced"] },
        },
    },
    CVMOption: {
        kind: "object",
        required: true,
        fields: { Zone: { kind: "string", required: true, nonEmpty: true }, InstanceType: { kind: "string", required: true, nonEmpty: true } },
    },
    SecurityGroupOption: { kind: "object", fields: { SecurityGroupId: { kind: "string", required: true, nonEmpty: true } } },
};

export const createEnvironment: ActionHandler = {
    name: "CreateEnvironment",
    mutates: true,
    schema: {
        Name: { kind: "string", required: true, nonEmpty: true, maxLength: 60 },
        Config: { kind: "object", required: true, fields: CONFIG_SCHEMA },
        Description: { kind: "string", maxLength: 500 },
        IsDefault: { kind: "boolean" },
    },
    handle(ctx, params) {
        const { store, region } = ctx;
        denyReadOnly(ctx, "CreateEnvironment");
        const name = params.Name as string;
        if (Object.values(store.state.environments).some((e) => e.Region === region && !e.emu.deleted && e.Name === name)) {
            throw catalogErrors.duplicateName(`an environment named ${name} already exists in ${region}`);
        }
        const config = params.Config as Record<string, Record<string, unknown>>;
        for (const part of ["ClusterOption", "DatabaseOption", "StorageOption", "CVMOption"]) {
            const zone = String(config[part]?.Zone);
            if (!zone.startsWith(`${region}-`)) {
                throw errors.invalidParameterValue(`The value \`${zone}\` of parameter \`Config.${part}.Zone\` is not a zone of ${region} (e.g. ${region}-3).`);
            }
        }
        const env = store.addEnvironment(region, { name, available: false, status: "INITIALIZING" });
        env.Description = (params.Description as string | undefined) ?? "";
        env.Message = "creating the environment's cluster, database and storage";
        if (params.IsDefault === true) {
            for (const e of Object.values(store.state.environments)) if (e.Region === region) e.IsDefault = false;
            env.IsDefault = true;
        }
        const d = environmentDetails(env);
        d.LastWorkflowUuid = uuid();
        d.CfsStorageType = String(config.StorageOption?.StorageType);
        d.readyAtMs = store.now() + ENVIRONMENT_SECONDS * 1000;
        catalog(store); // derives its default volume
        return { EnvironmentId: env.EnvironmentId, WorkflowUuid: d.LastWorkflowUuid };
    },
};
