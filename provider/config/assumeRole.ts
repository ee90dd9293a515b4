/**
 * Assuming a CAM role (STS AssumeRole) on top of the base credentials, as pulumi-tencentcloud does:
 * the role comes from stack config `tencentcloud:assumeRole` ({roleArn, sessionName,
 * sessionDuration, externalId, policy}), else the environment (`TENCENTCLOUD_ASSUME_ROLE_ARN` and
 * `_SESSION_NAME`, with `_SESSION_DURATION`, `_EXTERNAL_ID`), else the shared profile's `role-arn`
 * and `role-session-name`. The temporary credentials come from the official SDK's STSCredential,
 * which also renews them before they expire.
 */
import type { DynamicCredential, Credential as SdkCredential } from "tencentcloud-sdk-nodejs-common/tencentcloud/common/interface";
import type { Endpoint } from "./endpoint";
import type { CredentialSource } from "./credentials";
import { registerSecret } from "../shared/scrub";

export interface AssumeRoleSpec {
    roleArn: string;
    sessionName: string;
    /** sessionDuration in seconds (Tencent: at most 43200). */
    sessionDuration: number;
    externalId?: string;
    policy?: string;
    /** source says where the role came from, for messages. */
    source: string;
}

/** The default session duration (pulumi-tencentcloud's and Tencent's default). */
export const DEFAULT_SESSION_DURATION = 7200;
const MAX_SESSION_DURATION = 43_200;

function duration(raw: unknown, where: string): number {
    if (raw === undefined || raw === null || raw === "" || raw === 0 || raw === "0") return DEFAULT_SESSION_DURATION;
    const n = typeof raw === "number" ? raw : Number(String(raw).trim());
    if (!Number.isInteger(n) || n < 1 || n > MAX_SESSION_DURATION)
        throw new Error(`${where}: sessionDuration must be a whole number of seconds from 1 to ${MAX_SESSION_DURATION}, got ${JSON.stringify(raw)}`);
    return n;
}

const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/** From stack config `tencentcloud:assumeRole` (a JSON object; `pulumi config set --path tencentcloud:assumeRole.roleArn ...`). */
export function roleFromConfig(raw: string | undefined): AssumeRoleSpec | undefined {
    if (raw === undefined || raw.trim() === "") return undefined;
    const where = "stack config tencentcloud:assumeRole";
    let v: unknown;
    try {
        v = JSON.parse(raw);
    } catch {
        throw new Error(`${where} must be an object, e.g. \`pulumi config set --path tencentcloud:assumeRole.roleArn qcs::cam::uin/<uin>:roleName/<name>\``);
    }
    if (v === null || typeof v !== "object" || Array.isArray(v)) throw new Error(`${where} must be an object with roleArn and sessionName`);
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
        if (!["roleArn", "sessionName", "sessionDuration", "externalId", "policy"].includes(k))
            throw new Error(`${where}: unknown field "${k}" (known: roleArn, sessionName, sessionDuration, externalId, policy)`);
    }
    const roleArn = text(o.roleArn);
    const sessionName = text(o.sessionName);
    if (!roleArn || !sessionName) throw new Error(`${where} needs roleArn and sessionName`);
    const externalId = text(o.externalId);
    const policy = text(o.policy);
    return {
        roleArn,
        sessionName,
        sessionDuration: duration(o.sessionDuration, where),
        ...(externalId ? { externalId } : {}),
        ...(policy ? { policy } : {}),
        source: where,
    };
}

/** From TENCENTCLOUD_ASSUME_ROLE_ARN / _SESSION_NAME (both needed) / _SESSION_DURATION / _EXTERNAL_ID. */
export function roleFromEnvironment(env: NodeJS.ProcessEnv): AssumeRoleSpec | undefined {
    const roleArn = text(env.TENCENTCLOUD_ASSUME_ROLE_ARN);
    const sessionName = text(env.TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME);
    if (!roleArn && !sessionName) return undefined;
    if (!roleArn || !sessionName) throw new Error("set both TENCENTCLOUD_ASSUME_ROLE_ARN and TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME to assume a role");
    const externalId = text(env.TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID);
    return {
        roleArn,
        sessionName,
        sessionDuration: duration(env.TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION, "TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION"),
        ...(externalId ? { externalId } : {}),
        source: "TENCENTCLOUD_ASSUME_ROLE_ARN",
    };
}

/**
 * assumedRoleSource wraps `base` (the credentials allowed to assume the role) in the SDK's
 * STSCredential. Every temporary key and token it hands out is registered for scrubbing.
 */
export function assumedRoleSource(base: CredentialSource, spec: AssumeRoleSpec, sts: Endpoint): CredentialSource {
    let sdk: DynamicCredential | undefined;
    const make = (): DynamicCredential => {
        const { STSCredential } =
            require("tencentcloud-sdk-nodejs-common/tencentcloud/common/credential") as typeof import("tencentcloud-sdk-nodejs-common/tencentcloud/common/credential");
        return new STSCredential(
            { credential: base, profile: { language: "en-US", httpProfile: { endpoint: sts.host, protocol: sts.protocol, reqTimeout: 30 } } },
            {
                RoleArn: spec.roleArn,
                RoleSessionName: spec.sessionName,
                DurationSeconds: spec.sessionDuration,
                ...(spec.externalId ? { ExternalId: spec.externalId } : {}),
                ...(spec.policy ? { Policy: encodeURIComponent(spec.policy) } : {}),
            },
        );
    };
    return {
        describe: `role ${spec.roleArn} (session ${spec.sessionName}, from ${spec.source}) assumed with ${base.describe}`,
        async getCredential(): Promise<SdkCredential> {
            sdk ??= make();
            let c: SdkCredential;
            try {
                c = await sdk.getCredential();
            } catch (e) {
                // The SDK wraps STS errors as "Get STS AssumeRole failed: <message>"; keep the code.
                sdk = undefined;
                throw Object.assign(new Error(`assuming role ${spec.roleArn} (from ${spec.source}) failed: ${(e as Error).message}`), {
                    code: "AssumeRoleFailed",
                });
            }
            registerSecret(c.secretId);
            registerSecret(c.secretKey);
            registerSecret(c.token);
            return c;
        },
    };
}
