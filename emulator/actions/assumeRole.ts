/**
 * STS AssumeRole (service `sts`, version 2018-08-13): a temporary credential for a configured
 * role. Parameters and answer as documented; which error code answers which condition is an
 * emulator assumption where Tencent lists the codes without conditions (see emulator/README.md).
 */
import { errors } from "../errors";
import { EXTERNAL_ID_PATTERN } from "../state/identities";
import type { ActionHandler } from "./types";

/** Default and largest DurationSeconds (documented: default 7200, maximum 43200). */
export const DEFAULT_DURATION_SECONDS = 7200;
export const MAX_DURATION_SECONDS = 43_200;
/** RoleSessionName as documented: 2..128 of `[\w+=,.@_-]`. */
const SESSION_NAME = /^[\w+=,.@-]{2,128}$/;

/** Regions AssumeRole lists (Tencent's AssumeRole page). */
export const STS_REGIONS: readonly string[] = [
    "ap-bangkok",
    "ap-beijing",
    "ap-chengdu",
    "ap-chongqing",
    "ap-guangzhou",
    "ap-guangzhou-open",
    "ap-hangzhou-ec",
    "ap-hongkong",
    "ap-jinan-ec",
    "ap-mumbai",
    "ap-nanjing",
    "ap-seoul",
    "ap-shanghai",
    "ap-shanghai-fsi",
    "ap-shenzhen-fsi",
    "ap-singapore",
    "ap-taipei",
    "ap-tianjin",
    "ap-tokyo",
    "eu-frankfurt",
    "eu-moscow",
    "na-ashburn",
    "na-siliconvalley",
    "na-toronto",
];

/** A session policy must be URL-encoded CAM policy JSON without `principal` (it is not evaluated further). */
function checkPolicy(policy: string): void {
    let doc: unknown;
    try {
        doc = JSON.parse(decodeURIComponent(policy));
    } catch {
        throw errors.stsPolicyFormatError("The parameter `Policy` must be URL-encoded CAM policy JSON.");
    }
    if (doc === null || typeof doc !== "object" || Array.isArray(doc) || !Array.isArray((doc as { statement?: unknown }).statement)) {
        throw errors.stsPolicyFormatError("The parameter `Policy` must be a CAM policy object with a `statement` array.");
    }
    for (const st of (doc as { statement: unknown[] }).statement) {
        if (st !== null && typeof st === "object" && "principal" in st) {
            throw errors.stsPolicyInvalid("A session policy must not contain a `principal` element.");
        }
    }
}

export const assumeRole: ActionHandler = {
    name: "AssumeRole",
    mutates: false,
    logsResponse: true,
    schema: {
        RoleArn: { kind: "string", required: true },
        RoleSessionName: { kind: "string", required: true },
        DurationSeconds: { kind: "integer" },
        Policy: { kind: "string" },
        ExternalId: { kind: "string" },
        Tags: {
            kind: "objectArray",
            maxItems: 50,
            fields: { Key: { kind: "string", required: true, maxLength: 128 }, Value: { kind: "string", required: true, maxLength: 256 } },
        },
        SourceIdentity: { kind: "string" },
        SerialNumber: { kind: "string" },
        TokenCode: { kind: "string" },
    },
    handle(ctx, params) {
        const roleArn = params.RoleArn as string;
        const sessionName = params.RoleSessionName as string;
        if (!SESSION_NAME.test(sessionName)) {
            throw errors.stsParamError("The parameter `RoleSessionName` must be 2 to 128 characters of letters, digits and =,.@_-.");
        }
        const externalId = params.ExternalId as string | undefined;
        if (externalId !== undefined && !EXTERNAL_ID_PATTERN.test(externalId)) {
            throw errors.stsParamError("The parameter `ExternalId` must be 2 to 128 characters of letters, digits and =,.@:/-_.");
        }
        const duration = (params.DurationSeconds as number | undefined) ?? DEFAULT_DURATION_SECONDS;
        if (duration > MAX_DURATION_SECONDS) {
            throw errors.stsOverTimeError(`The parameter \`DurationSeconds\` ${duration} exceeds the maximum ${MAX_DURATION_SECONDS}.`);
        }
        const min = ctx.identities.minDurationSeconds;
        if (duration < min) throw errors.stsParamError(`The parameter \`DurationSeconds\` must be at least ${min}, got ${duration}.`);
        if (params.Policy !== undefined) checkPolicy(params.Policy as string);
        const tags = (params.Tags as { Key: string }[] | undefined) ?? [];
        if (new Set(tags.map((t) => t.Key)).size !== tags.length) throw errors.stsParamError("The parameter `Tags` repeats a tag key.");

        const role = ctx.identities.role(roleArn);
        if (!role) throw errors.roleNotFound(`The role ${roleArn} does not exist.`);
        if (role.trustedSecretIds && !role.trustedSecretIds.includes(ctx.principalSecretId)) {
            throw errors.unauthorizedOperation(`SecretId ${ctx.principalSecretId} is not a principal of the trust policy of ${roleArn}.`);
        }
        if (role.externalId !== undefined && externalId !== role.externalId) {
            throw errors.unauthorizedOperation(`The trust policy of ${roleArn} requires a matching \`ExternalId\`.`);
        }
        const cred = ctx.identities.issue({
            role,
            sessionName,
            principalSecretId: ctx.principalSecretId,
            durationSeconds: duration,
            nowMs: Date.now(),
        });
        const expiredTime = cred.expiresAtMs / 1000;
        return {
            Credentials: { Token: cred.token, TmpSecretId: cred.secretId, TmpSecretKey: cred.secretKey },
            ExpiredTime: expiredTime,
            Expiration: new Date(cred.expiresAtMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
        };
    },
};
