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
import { DEFAULT_ENDPOINT, DEFAULT_STS_ENDPOINT, isLoopbackHost, parseEndpoint } from "./endpoint";
import { assumedRoleSource, roleFromConfig, roleFromEnvironment, DEFAULT_SESSION_DURATION, type AssumeRoleSpec } from "./assumeRole";
import { readSharedProfile, type SharedProfile } from "./sharedProfile";
import { clearSecrets, registerSecret } from "../shared/scrub";

/** ConfigReader is the part of the dynamic provider's `req.config` used here. */
export interface ConfigReader {
    get(key: string): string | undefined;
}

/** Settings are what every API call needs. */
export interface Settings {
    /** region is the default region (tencentcloud:region, TENCENTCLOUD_REGION, or the shared profile's). */
    region?: string;
    endpoint: Endpoint;
    /** stsEndpoint is where a role is assumed (sts.tencentcloudapi.com, or the emulator's). */
    stsEndpoint: Endpoint;
    /**
     * retryLimit is how many times a run lineage may be retried (tencentcloud-omics:retryLimit,
     * TENCENTCLOUD_OMICS_RETRY_LIMIT). Tencent documents that a limit exists, not its value: the
     * default, 3, is the emulator's assumption.
     */
    retryLimit: number;
    /**
     * listingSettleSeconds is how long after an earlier attempt Tencent's listings may still omit
     * the group it made (tencentcloud-omics:listingSettleSeconds,
     * TENCENTCLOUD_OMICS_LISTING_SETTLE_SECONDS). Tencent documents no bound; before a recovery
     * concludes "no earlier attempt exists", at least this long has passed since that attempt.
     */
    listingSettleSeconds: number;
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
    profile: "tencentcloud:profile",
    sharedCredentialsDir: "tencentcloud:sharedCredentialsDir",
    assumeRole: "tencentcloud:assumeRole",
    endpoint: "tencentcloud-omics:endpoint",
    stsEndpoint: "tencentcloud-omics:stsEndpoint",
    retryLimit: "tencentcloud-omics:retryLimit",
    listingSettleSeconds: "tencentcloud-omics:listingSettleSeconds",
} as const;

/** The default settle time of listings (seconds): Tencent documents none; see Settings.listingSettleSeconds. */
export const DEFAULT_LISTING_SETTLE_SECONDS = 10;

/** The default retry limit per lineage: the emulator's assumption (Tencent documents none). */
export const DEFAULT_RETRY_LIMIT = 3;

let generation = 0;

/**
 * resolveSettings combines stack config (may be empty), the environment and Tencent's shared
 * profile. Precedence, as in pulumi-tencentcloud:
 *
 * 1. base credentials: stack config keys; else TENCENTCLOUD_SECRET_ID/KEY; else the shared profile
 *    (`tencentcloud:profile` / TENCENTCLOUD_PROFILE, in `tencentcloud:sharedCredentialsDir` /
 *    TENCENTCLOUD_SHARED_CREDENTIALS_DIR, default `~/.tccli/default.credential`); else the SDK's
 *    own chain (~/.tencentcloud/credentials, TKE OIDC role, CVM role);
 * 2. a role to assume on top of them: `tencentcloud:assumeRole`; else TENCENTCLOUD_ASSUME_ROLE_*;
 *    else the profile's `role-arn`;
 * 3. region: `tencentcloud:region`; else TENCENTCLOUD_REGION; else the profile's `.configure`.
 */
export function resolveSettings(config: ConfigReader | undefined, env: NodeJS.ProcessEnv): Settings {
    const get = (key: string): string | undefined => {
        const v = config?.get(key);
        return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
    };
    const errors: string[] = [];
    const attempt = <T>(fn: () => T): T | undefined => {
        try {
            return fn();
        } catch (e) {
            errors.push((e as Error).message);
            return undefined;
        }
    };

    let endpoint = DEFAULT_ENDPOINT;
    const rawEndpoint = get(CONFIG_KEYS.endpoint);
    const envEndpoint = env.TENCENTCLOUD_OMICS_ENDPOINT?.trim();
    if (rawEndpoint) endpoint = attempt(() => parseEndpoint(rawEndpoint, CONFIG_KEYS.endpoint)) ?? endpoint;
    else if (envEndpoint) endpoint = attempt(() => parseEndpoint(envEndpoint, "TENCENTCLOUD_OMICS_ENDPOINT")) ?? endpoint;
    // STS goes where Omics goes when that is a local emulator (which serves both), else to Tencent's.
    let stsEndpoint = isLoopbackHost(endpoint.host.replace(/:\d+$/, "")) ? endpoint : DEFAULT_STS_ENDPOINT;
    const rawSts = get(CONFIG_KEYS.stsEndpoint) ?? (env.TENCENTCLOUD_OMICS_STS_ENDPOINT?.trim() || undefined);
    if (rawSts)
        stsEndpoint =
            attempt(() => parseEndpoint(rawSts, get(CONFIG_KEYS.stsEndpoint) ? CONFIG_KEYS.stsEndpoint : "TENCENTCLOUD_OMICS_STS_ENDPOINT")) ?? stsEndpoint;

    const id = get(CONFIG_KEYS.secretId);
    const key = get(CONFIG_KEYS.secretKey);
    const token = get(CONFIG_KEYS.securityToken);
    registerSecret(key);
    registerSecret(token);

    const profileName = get(CONFIG_KEYS.profile) ?? (env.TENCENTCLOUD_PROFILE?.trim() || undefined);
    const profileDir = get(CONFIG_KEYS.sharedCredentialsDir) ?? (env.TENCENTCLOUD_SHARED_CREDENTIALS_DIR?.trim() || undefined);
    const fromEnv = fromEnvironment(env);
    const keysGiven = (id && key) || (fromEnv !== undefined && !("error" in fromEnv));
    let profile: SharedProfile | undefined;
    // The profile is read when it may be needed: no keys given, or a named profile (for its region or role).
    if (!keysGiven || profileName || profileDir) {
        profile = attempt(() =>
            readSharedProfile({
                ...(profileName ? { profile: profileName } : {}),
                ...(profileDir ? { dir: profileDir } : {}),
                explicit: !!(profileName || profileDir),
            }),
        );
    }

    let base: CredentialSource;
    if (id && key) {
        base = fixedSource({ secretId: id, secretKey: key, ...(token ? { token } : {}) }, "stack config (tencentcloud:secretId/secretKey)");
    } else {
        if (id || key) {
            errors.push(
                `only one of ${CONFIG_KEYS.secretId} and ${CONFIG_KEYS.secretKey} is set in stack config; set both (or neither, to use the environment or a profile)`,
            );
        }
        if (fromEnv && "error" in fromEnv) {
            errors.push(fromEnv.error);
            base = sdkChainSource(env);
        } else if (fromEnv) {
            base = fixedSource(fromEnv, "environment (TENCENTCLOUD_SECRET_ID/SECRET_KEY)");
        } else if (profile?.secretId && profile.secretKey) {
            base = fixedSource(
                { secretId: profile.secretId, secretKey: profile.secretKey, ...(profile.token ? { token: profile.token } : {}) },
                `profile file ${profile.credentialFile}`,
            );
        } else {
            if (profile && (profile.secretId || profile.secretKey)) errors.push(`${profile.credentialFile} needs both secretId and secretKey`);
            base = sdkChainSource(env);
        }
    }

    let role: AssumeRoleSpec | undefined = attempt(() => roleFromConfig(get(CONFIG_KEYS.assumeRole))) ?? attempt(() => roleFromEnvironment(env));
    if (!role && profile?.roleArn && profile.roleSessionName) {
        role = {
            roleArn: profile.roleArn,
            sessionName: profile.roleSessionName,
            sessionDuration: DEFAULT_SESSION_DURATION,
            source: `profile file ${profile.credentialFile}`,
        };
    }
    const credentials = role ? assumedRoleSource(base, role, stsEndpoint) : base;

    const region = get(CONFIG_KEYS.region) ?? (env.TENCENTCLOUD_REGION?.trim() || undefined) ?? profile?.region;
    /** A number from stack config, else the environment, within bounds; a bad value is an error naming where it came from. */
    const numberSetting = (key: string, envName: string, fallback: number, ok: (n: number) => boolean, what: string): number => {
        const fromConfig = get(key);
        const raw = fromConfig ?? (env[envName]?.trim() || undefined);
        if (raw === undefined) return fallback;
        const n = Number(raw);
        if (ok(n)) return n;
        errors.push(`${fromConfig ? key : envName} must be ${what}, got ${JSON.stringify(raw)}`);
        return fallback;
    };
    const retryLimit = numberSetting(
        CONFIG_KEYS.retryLimit,
        "TENCENTCLOUD_OMICS_RETRY_LIMIT",
        DEFAULT_RETRY_LIMIT,
        (n) => Number.isInteger(n) && n >= 1 && n <= 100,
        "a whole number from 1 to 100",
    );
    const listingSettleSeconds = numberSetting(
        CONFIG_KEYS.listingSettleSeconds,
        "TENCENTCLOUD_OMICS_LISTING_SETTLE_SECONDS",
        DEFAULT_LISTING_SETTLE_SECONDS,
        (n) => Number.isFinite(n) && n >= 0 && n <= 600,
        "a number of seconds from 0 to 600",
    );
    generation += 1;
    return {
        ...(region ? { region } : {}),
        endpoint,
        stsEndpoint,
        retryLimit,
        listingSettleSeconds,
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
