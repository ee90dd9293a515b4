/**
 * The provider's configuration, held in this process's memory only.
 *
 * `configure` (called once per provider process by the dynamic-provider host) reads stack config;
 * anything missing falls back to the environment, and credentials finally to the SDK chain.
 * Until `configure` runs, the environment alone is used (tests, older hosts).
 */
import type { CredentialSource } from "./credentials";
import { fixedSource, fromEnvironment, sdkChainSource } from "./credentials";
import type { Endpoint } from "./endpoint";
import { DEFAULT_ENDPOINT, parseEndpoint } from "./endpoint";
import { clearSecrets, registerSecret } from "../omics/scrub";

/** ConfigReader is the part of the dynamic provider's `req.config` used here. */
export interface ConfigReader {
    get(key: string): string | undefined;
}

/** Settings are what every API call needs. */
export interface Settings {
    /** region is the default region (tencentcloud:region or TENCENTCLOUD_REGION). */
    region?: string;
    endpoint: Endpoint;
    credentials: CredentialSource;
    /** error is a configuration problem found by configure, reported by every operation. */
    error?: string;
    /** generation changes on each configure, so clients built from older settings are dropped. */
    generation: number;
}

/** Stack-config keys read by configure. */
export const CONFIG_KEYS = {
    region: "tencentcloud:region",
    secretId: "tencentcloud:secretId",
    secretKey: "tencentcloud:secretKey",
    securityToken: "tencentcloud:securityToken",
    endpoint: "tencentcloud-omics:endpoint",
} as const;

let generation = 0;

/** resolveSettings combines stack config (may be empty) and the environment. */
export function resolveSettings(config: ConfigReader | undefined, env: NodeJS.ProcessEnv): Settings {
    const get = (key: string): string | undefined => {
        const v = config?.get(key);
        return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
    };
    const errors: string[] = [];

    const region = get(CONFIG_KEYS.region) ?? (env.TENCENTCLOUD_REGION?.trim() || undefined);

    let endpoint = DEFAULT_ENDPOINT;
    const rawEndpoint = get(CONFIG_KEYS.endpoint);
    const envEndpoint = env.TENCENTCLOUD_OMICS_ENDPOINT?.trim();
    try {
        if (rawEndpoint) endpoint = parseEndpoint(rawEndpoint, CONFIG_KEYS.endpoint);
        else if (envEndpoint) endpoint = parseEndpoint(envEndpoint, "TENCENTCLOUD_OMICS_ENDPOINT");
    } catch (e) {
        errors.push((e as Error).message);
    }

    let credentials: CredentialSource;
    const id = get(CONFIG_KEYS.secretId);
    const key = get(CONFIG_KEYS.secretKey);
    const token = get(CONFIG_KEYS.securityToken);
    registerSecret(key);
    registerSecret(token);
    if (id && key) {
        credentials = fixedSource({ secretId: id, secretKey: key, ...(token ? { token } : {}) }, "stack config (tencentcloud:secretId/secretKey)");
    } else {
        if (id || key) {
            errors.push(`only one of ${CONFIG_KEYS.secretId} and ${CONFIG_KEYS.secretKey} is set in stack config; set both (or neither, to use the environment)`);
        }
        const fromEnv = fromEnvironment(env);
        if (fromEnv && "error" in fromEnv) {
            errors.push(fromEnv.error);
            credentials = sdkChainSource(env);
        } else if (fromEnv) {
            credentials = fixedSource(fromEnv, "environment (TENCENTCLOUD_SECRET_ID/SECRET_KEY)");
        } else {
            credentials = sdkChainSource(env);
        }
    }
    generation += 1;
    return {
        ...(region ? { region } : {}),
        endpoint,
        credentials,
        ...(errors.length > 0 ? { error: `provider configuration: ${errors.join("; ")}` } : {}),
        generation,
    };
}

let current: Settings | undefined;

/** configureFrom replaces the settings from a dynamic-provider config object. */
export function configureFrom(config: ConfigReader | undefined, env: NodeJS.ProcessEnv = process.env): Settings {
    clearSecrets();
    current = resolveSettings(config, env);
    return current;
}

/** settings returns the current settings (environment-only until configure runs). */
export function settings(): Settings {
    if (!current) current = resolveSettings(undefined, process.env);
    return current;
}
