/**
 * Who may call: the configured long-term credentials, the roles AssumeRole can assume, and the
 * temporary credentials it issued. Kept in memory only (like the rate-limit windows): a restarted
 * emulator knows the configured credentials and roles again but not the temporary credentials it
 * issued before, nor roles added through the control plane.
 */
import { randomBytes, randomInt } from "node:crypto";
import { OidcProviders } from "./oidc";

/** A credential the emulator accepts. */
export interface EmulatorCredential {
    secretId: string;
    secretKey: string;
    /** When set, requests must carry this `X-TC-Token` (temporary credentials). */
    token?: string;
    /** Mutating actions answer OperationDenied for this credential. */
    readOnly?: boolean;
}

/** A role AssumeRole can assume. */
export interface RoleSpec {
    /** e.g. `qcs::cam::uin/100000000001:roleName/omics-operator` */
    roleArn: string;
    /** When set, AssumeRole must pass this `ExternalId` (the role's trust condition). */
    externalId?: string;
    /** When set, only these long-term SecretIds may assume the role (the role's trust principals). */
    trustedSecretIds?: string[];
}

/** The role and session a temporary credential came from (shown in the request log). */
export interface AssumedRole {
    roleArn: string;
    sessionName: string;
}

/** A temporary credential issued by AssumeRole. */
export interface TemporaryCredential extends EmulatorCredential {
    token: string;
    /** Real (wall-clock) time in ms after which the credential is refused. */
    expiresAtMs: number;
    assumedRole: AssumedRole;
    /** The long-term SecretId at the root of the chain that obtained it. */
    principalSecretId: string;
}

/** What a SecretId resolves to. */
export interface ResolvedCredential {
    credential: EmulatorCredential;
    /** Present for credentials issued by AssumeRole. */
    temporary?: TemporaryCredential;
}

/** Qcs role ARNs as Tencent shows them: `qcs::cam::uin/<uin>:role/<id>` or `...:roleName/<name>` (service roles have more path segments). */
export const ROLE_ARN_PATTERN = /^qcs::cam::uin\/\d+:(?:role|roleName)\/[^:\s]+$/;
/** ExternalId as documented for AssumeRole: 2..128 of `[\w+=,.@:/-]`. */
export const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,128}$/;
/** The emulator's default shortest DurationSeconds (an assumption: Tencent documents only the maximum, 43200). */
export const DEFAULT_MIN_DURATION_SECONDS = 900;

/** Check a role definition; returns a message naming the bad field, or undefined when valid. */
export function roleProblem(r: unknown): string | undefined {
    if (r === null || typeof r !== "object" || Array.isArray(r)) return "a role must be a JSON object";
    const o = r as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!["roleArn", "externalId", "trustedSecretIds"].includes(k)) return `unknown role field ${k}`;
    if (typeof o.roleArn !== "string" || !ROLE_ARN_PATTERN.test(o.roleArn)) {
        return "roleArn must look like qcs::cam::uin/<uin>:roleName/<name> or qcs::cam::uin/<uin>:role/<id>";
    }
    if (o.externalId !== undefined && (typeof o.externalId !== "string" || !EXTERNAL_ID_PATTERN.test(o.externalId))) {
        return "externalId must be 2 to 128 characters of letters, digits and =,.@:/-_+";
    }
    if (o.trustedSecretIds !== undefined && (!Array.isArray(o.trustedSecretIds) || o.trustedSecretIds.some((x) => typeof x !== "string" || x === ""))) {
        return "trustedSecretIds must be an array of SecretIds";
    }
    return undefined;
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const randomAlnum = (n: number): string => Array.from({ length: n }, () => ALNUM[randomInt(ALNUM.length)]).join("");

export class IdentityStore {
    private readonly longTerm: Map<string, EmulatorCredential>;
    private readonly roleMap = new Map<string, RoleSpec>();
    private readonly temporary = new Map<string, TemporaryCredential>();
    /** OIDC identity providers for AssumeRoleWithWebIdentity. */
    readonly oidc = new OidcProviders();

    /**
     * @param minDurationSeconds shortest DurationSeconds AssumeRole accepts (900 like Tencent; tests
     *   lower it to watch a temporary credential expire).
     */
    constructor(
        credentials: readonly EmulatorCredential[],
        roles: readonly RoleSpec[] = [],
        readonly minDurationSeconds = DEFAULT_MIN_DURATION_SECONDS,
    ) {
        this.longTerm = new Map(credentials.map((c) => [c.secretId, { ...c }]));
        for (const r of roles) this.addRole(r);
    }

    /** The credential a SecretId names (an expired temporary credential still resolves: the caller checks expiry). */
    resolve(secretId: string): ResolvedCredential | undefined {
        const long = this.longTerm.get(secretId);
        if (long) return { credential: long };
        const temp = this.temporary.get(secretId);
        return temp ? { credential: temp, temporary: temp } : undefined;
    }

    /** Add a role, replacing one with the same ARN. */
    addRole(spec: RoleSpec): RoleSpec {
        const problem = roleProblem(spec);
        if (problem) throw new Error(problem);
        const role: RoleSpec = {
            roleArn: spec.roleArn,
            ...(spec.externalId !== undefined ? { externalId: spec.externalId } : {}),
            ...(spec.trustedSecretIds !== undefined ? { trustedSecretIds: [...spec.trustedSecretIds] } : {}),
        };
        this.roleMap.set(role.roleArn, role);
        return { ...role };
    }

    role(roleArn: string): RoleSpec | undefined {
        return this.roleMap.get(roleArn);
    }

    roles(): RoleSpec[] {
        return [...this.roleMap.values()].map((r) => ({ ...r }));
    }

    /** Issue a temporary credential for `role`, valid `durationSeconds` from `nowMs` (real time). */
    issue(o: { role: RoleSpec; sessionName: string; principalSecretId: string; durationSeconds: number; nowMs: number }): TemporaryCredential {
        const expiresAtMs = (Math.floor(o.nowMs / 1000) + o.durationSeconds) * 1000;
        const cred: TemporaryCredential = {
            secretId: `AKID${randomAlnum(32)}`,
            secretKey: randomAlnum(32),
            token: randomBytes(96).toString("base64url"),
            expiresAtMs,
            assumedRole: { roleArn: o.role.roleArn, sessionName: o.sessionName },
            principalSecretId: o.principalSecretId,
        };
        this.temporary.set(cred.secretId, cred);
        return cred;
    }
}
