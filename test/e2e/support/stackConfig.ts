// Stack config in PulumiProject.create's form (a string, or { secret }) pointing a provider at the
// emulator: the dynamic provider's keys, or the plugin's own namespace (pluginConfig's values).
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { DEMO_CREDENTIALS } from "../../../emulator";
import { pluginConfig } from "./plugin";

export type ProjectConfig = Record<string, string | { secret: string }>;

/** An Automation API config map in PulumiProject.create's form. */
function projectConfig(config: ConfigMap): ProjectConfig {
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, v.secret ? { secret: v.value } : v.value]));
}

/** Stack config (PulumiProject.create's form) pointing the provider plugin at the emulator: pluginConfig's. */
export function pluginStackConfig(url: string): ProjectConfig {
    return projectConfig(pluginConfig(url));
}

/** Stack config (PulumiProject.create's form) pointing the dynamic provider at the emulator. */
export function dynamicStackConfig(url: string): ProjectConfig {
    return {
        "tencentcloud:region": "ap-guangzhou",
        "tencentcloud-omics:endpoint": url,
        "tencentcloud:secretId": DEMO_CREDENTIALS.secretId,
        "tencentcloud:secretKey": { secret: DEMO_CREDENTIALS.secretKey },
    };
}
