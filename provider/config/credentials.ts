/**
 * Where credentials come from, in order: stack config, environment variables, then the official
 * Tencent Cloud SDK's own providers (profile file, OIDC role for TKE/CI runners, CVM role). They
 * live only in this process's memory, never in inputs, outputs or state.
 */
import type { Credential as SdkCredential, DynamicCredential } from "tencentcloud-sdk-nodejs-common/tencentcloud/common/interface";
import { OmicsApiError } from "../omics/errors";
import { registerSecret, scrub } from "../shared/scrub";

/** A resolved key pair (plus token for temporary credentials). */
export interface StaticCredential {
    secretId: string;
    secretKey: string;
    token?: string;
}

/** CredentialSource produces credentials for each request (temporary ones may rotate). */
export interface CredentialSource extends DynamicCredential {
    /** describe says where the credentials come from, for messages (never the values). */
    readonly describe: string;
}

/** fixedSource wraps a key pair from stack config or the environment. */
export function fixedSource(cred: StaticCredential, describe: string): CredentialSource {
    registerSecret(cred.secretId);
    registerSecret(cred.secretKey);
    registerSecret(cred.token);
    const value: SdkCredential = { secretId: cred.secretId, secretKey: cred.secretKey, ...(cred.token ? { token: cred.token } : {}) };
    return { describe, getCredential: async () => value };
}

/** fromEnvironment reads TENCENTCLOUD_SECRET_ID / _SECRET_KEY / _SECURITY_TOKEN (or _SESSION_TOKEN). */
export function fromEnvironment(env: NodeJS.ProcessEnv): StaticCredential | { error: string } | undefined {
    const secretId = env.TENCENTCLOUD_SECRET_ID?.trim();
    const secretKey = env.TENCENTCLOUD_SECRET_KEY?.trim();
    const token = (env.TENCENTCLOUD_SECURITY_TOKEN ?? env.TENCENTCLOUD_SESSION_TOKEN)?.trim();
    if (!secretId && !secretKey) return undefined;
    if (!secretId || !secretKey) {
        return { error: `only one of TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY is set; set both` };
    }
    return { secretId, secretKey, ...(token ? { token } : {}) };
}

/** Time allowed to each SDK credential provider (the CVM one asks a metadata server). */
const SDK_PROVIDER_TIMEOUT_MS = 5000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
        timer.unref?.();
        p.then(
            (v) => {
                clearTimeout(timer);
                resolve(v);
            },
            (e: unknown) => {
                clearTimeout(timer);
                reject(e);
            },
        );
    });
}

/**
 * sdkChainSource uses the official SDK's providers, in the order of its DefaultCredentialProvider
 * (profile file `~/.tencentcloud/credentials`, OIDC role when the TKE_* variables are set, CVM
 * instance role), quietly, each bounded in time, remembering the first that works. The SDK is
 * required lazily, at the first call that needs credentials.
 */
export function sdkChainSource(env: NodeJS.ProcessEnv): CredentialSource {
    let chosen: DynamicCredential | undefined;
    const candidates = (): Array<[string, DynamicCredential]> => {
        const sdk =
            require("tencentcloud-sdk-nodejs-common/tencentcloud/common/credential") as typeof import("tencentcloud-sdk-nodejs-common/tencentcloud/common/credential");
        const list: Array<[string, DynamicCredential]> = [["profile file (~/.tencentcloud/credentials)", new sdk.ProfileCredential()]];
        if (env.TKE_ROLE_ARN && env.TKE_WEB_IDENTITY_TOKEN_FILE && env.TKE_PROVIDER_ID && env.TKE_REGION) {
            list.push(["OIDC role (TKE_ROLE_ARN)", new sdk.OIDCRoleArnCredential()]);
        }
        list.push(["CVM instance role", new sdk.CvmRoleCredential()]);
        return list;
    };
    return {
        describe: "the Tencent Cloud SDK credential chain",
        async getCredential(): Promise<SdkCredential> {
            if (chosen) return chosen.getCredential();
            const tried: string[] = [];
            for (const [label, provider] of candidates()) {
                try {
                    const c = await withTimeout(provider.getCredential(), SDK_PROVIDER_TIMEOUT_MS, label);
                    if (c.secretId && c.secretKey) {
                        registerSecret(c.secretId);
                        registerSecret(c.secretKey);
                        registerSecret(c.token);
                        chosen = provider;
                        return c;
                    }
                    tried.push(`${label}: no credentials`);
                } catch (e) {
                    tried.push(`${label}: ${scrub(e instanceof Error ? e.message : String(e))}`);
                }
            }
            throw missingCredentials(tried);
        },
    };
}

/** missingCredentials is the error when no source produced credentials. */
export function missingCredentials(tried: string[]): OmicsApiError {
    return new OmicsApiError({
        kind: "config",
        action: "credentials",
        code: "MissingCredentials",
        message:
            "no Tencent Cloud credentials found. Set `pulumi config set tencentcloud:secretId <id>` and " +
            "`pulumi config set --secret tencentcloud:secretKey <key>` (plus tencentcloud:securityToken for temporary keys), " +
            "or TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY, or a tccli profile (`tccli configure`; tencentcloud:profile, " +
            "tencentcloud:sharedCredentialsDir), or ~/.tencentcloud/credentials. Tried: stack config, environment, shared profile (~/.tccli), " +
            tried.join("; "),
    });
}
