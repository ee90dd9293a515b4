/**
 * The plugin's configuration: what the engine's `Configure` call carries, read through the same
 * {@link ConfigReader} the dynamic provider uses, so the sources and their precedence (config, then
 * the environment, then the tccli profile, then the SDK chain) are those of provider/config.
 *
 * The engine sends a plugin only its own package's keys: `tencentcloud-omics:region`,
 * `tencentcloud-omics:secretKey`, ... (stack config or an explicit provider's inputs). The core
 * asks for the dynamic provider's keys (`tencentcloud:region`, `tencentcloud-omics:endpoint`), so
 * the reader answers each with the plugin key of the same name.
 */
import type { ConfigReader } from "../provider/config/settings";

/** The secret marker of the engine's property values (`pulumi.runtime.specialSigKey` / `specialSecretSig`). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Removes the engine's secret wrappers (the plugin accepts secrets; their values are used in memory only). */
export function unwrapSecrets(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(unwrapSecrets);
    if (typeof v === "object" && v !== null) {
        const o = v as Record<string, unknown>;
        if (o[SIG_KEY] === SECRET_SIG) return unwrapSecrets(o.value);
        return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, unwrapSecrets(x)]));
    }
    return v;
}

/** The bare key (`region`) of a namespaced one (`tencentcloud:region`, `tencentcloud-omics:retryLimit`). */
const bareKey = (key: string): string => key.slice(key.lastIndexOf(":") + 1);

/**
 * pluginConfigReader answers the core's config keys from a Configure request: `variables`
 * (`tencentcloud-omics:config:<key>` to a string; objects as JSON) first, then `args` (the
 * provider's inputs, typed). Objects (assumeRole) are returned as JSON text, as the dynamic host
 * gives them.
 */
export function pluginConfigReader(variables: ReadonlyMap<string, string> | Record<string, string>, args: Record<string, unknown> | undefined): ConfigReader {
    const vars = variables instanceof Map ? Object.fromEntries(variables) : (variables as Record<string, string>);
    const plainArgs = (unwrapSecrets(args ?? {}) ?? {}) as Record<string, unknown>;
    return {
        get(key: string): string | undefined {
            const k = bareKey(key);
            for (const name of [`tencentcloud-omics:config:${k}`, `tencentcloud-omics:${k}`]) {
                const v = vars[name];
                if (typeof v === "string" && v !== "") return v;
            }
            const a = plainArgs[k];
            if (a === undefined || a === null || a === "") return undefined;
            return typeof a === "string" ? a : JSON.stringify(a);
        },
    };
}

/** Rewrites the dynamic provider's config key names in a message to the plugin's (`tencentcloud:x` to `tencentcloud-omics:x`). */
export function pluginKeyNames(message: string): string {
    return message.replace(/(^|[^-\w])tencentcloud:(?=\w)/g, "$1tencentcloud-omics:");
}
