/**
 * STS AssumeRoleWithWebIdentity (version 2018-08-13): a temporary credential for a role, in
 * exchange for an OIDC token of a configured identity provider. Unsigned, as Tencent documents
 * (`Authorization: SKIP`, no X-TC-Token): the token is the proof. Checks, in order: parameters;
 * `RoleSessionName`; `DurationSeconds`; the provider exists (`InvalidParameter.ParamError`); the
 * token (signature, issuer, audience, expiry: `InvalidParameter.WebIdentityTokenError`); the role
 * ARN's form (`InvalidParameter.ParamError`); the role is configured (`ResourceNotFound.RoleNotFound`) and trusts the provider (`UnauthorizedOperation`).
 */
import { errors } from "../errors";
import { ROLE_ARN_PATTERN } from "../state/identities";
import { DEFAULT_DURATION_SECONDS, MAX_DURATION_SECONDS } from "./assumeRole";
import type { ActionHandler } from "./types";

const SESSION_NAME = /^[\w+=,.@-]{2,128}$/;

export const assumeRoleWithWebIdentity: ActionHandler = {
    name: "AssumeRoleWithWebIdentity",
    mutates: false,
    logsResponse: true,
    schema: {
        ProviderId: { kind: "string", required: true, nonEmpty: true },
        WebIdentityToken: { kind: "string", required: true, nonEmpty: true },
        RoleArn: { kind: "string", required: true, nonEmpty: true },
        RoleSessionName: { kind: "string", required: true },
        DurationSeconds: { kind: "integer" },
    },
    handle(ctx, params) {
        const sessionName = params.RoleSessionName as string;
        if (!SESSION_NAME.test(sessionName)) {
            throw errors.stsParamError("The parameter `RoleSessionName` must be 2 to 128 characters of letters, digits and =,.@_-.");
        }
        const duration = (params.DurationSeconds as number | undefined) ?? DEFAULT_DURATION_SECONDS;
        if (duration > MAX_DURATION_SECONDS)
            throw errors.stsOverTimeError(`The parameter \`DurationSeconds\` ${duration} exceeds the maximum ${MAX_DURATION_SECONDS}.`);
        const min = ctx.identities.minDurationSeconds;
        if (duration < min) throw errors.stsParamError(`The parameter \`DurationSeconds\` must be at least ${min}, got ${duration}.`);
        const providerId = params.ProviderId as string;
        const provider = ctx.identities.oidc.get(providerId);
        if (!provider) throw errors.stsParamError(`The identity provider ${providerId} does not exist.`);
        const claims = ctx.identities.oidc.verify(provider, params.WebIdentityToken as string);
        const roleArn = params.RoleArn as string;
        if (!ROLE_ARN_PATTERN.test(roleArn)) {
            throw errors.stsParamError(`The parameter \`RoleArn\` ${roleArn} is not a role ARN (qcs::cam::uin/<uin>:roleName/<name>).`);
        }
        const role = ctx.identities.role(roleArn);
        if (!role) throw errors.roleNotFound(`The role ${roleArn} does not exist.`);
        if (provider.roleArns && !provider.roleArns.includes(roleArn)) {
            throw errors.unauthorizedOperation(`The trust policy of ${roleArn} does not trust identity provider ${providerId}.`);
        }
        const cred = ctx.identities.issue({
            role,
            sessionName,
            principalSecretId: `oidc:${providerId}:${claims.sub}`,
            durationSeconds: duration,
            nowMs: Date.now(),
        });
        return {
            Credentials: { Token: cred.token, TmpSecretId: cred.secretId, TmpSecretKey: cred.secretKey },
            ExpiredTime: cred.expiresAtMs / 1000,
            Expiration: new Date(cred.expiresAtMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
        };
    },
};
