/**
 * Errors of the Omics API as the provider reports them.
 *
 * One classifier, {@link toOmicsError}, turns whatever the official SDK throws into an
 * {@link OmicsApiError}. The guard {@link isOmicsApiError} tests the `name`, not `instanceof`, so it
 * holds across several loaded copies of this package (the provider runs after deserialization).
 */
import { scrub } from "../shared/scrub";

/**
 * How an error came about:
 * - `api`: Tencent answered with an error code (the request was not applied, except perhaps for
 *   `InternalError`);
 * - `http`: a non-200 HTTP answer, e.g. from a gateway (the request may or may not have been applied);
 * - `network`: no answer (not sent, or sent and the answer lost);
 * - `protocol`: an answer the SDK could not read;
 * - `config`: the provider could not make the call (credentials, endpoint, region).
 */
export type OmicsErrorKind = "api" | "http" | "network" | "protocol" | "config";

/** Fields of an {@link OmicsApiError}. */
export interface OmicsApiErrorInit {
    kind: OmicsErrorKind;
    action: string;
    message: string;
    code?: string;
    requestId?: string;
    httpStatus?: number;
}

/** OmicsApiError is a failed Omics API call (or one that could not be made). */
export class OmicsApiError extends Error {
    override readonly name = "OmicsApiError";
    /** kind says whether the server answered; see {@link OmicsErrorKind}. */
    readonly kind: OmicsErrorKind;
    /** action is the API action, e.g. `RetryRuns`. */
    readonly action: string;
    /** code is Tencent's error code, e.g. `ResourceNotFound.RunGroupNotExist`, when it answered with one. */
    readonly code?: string;
    /** requestId is the RequestId Tencent assigned, when it answered. */
    readonly requestId?: string;
    /** httpStatus is the HTTP status of a non-200 answer. */
    readonly httpStatus?: number;
    /** detail is Tencent's (scrubbed) message, without the provider's advice. */
    readonly detail: string;

    constructor(init: OmicsApiErrorInit) {
        const detail = scrub(init.message);
        const parts = [`${init.action} failed`];
        if (init.code) parts.push(`[${init.code}]`);
        if (init.httpStatus !== undefined) parts.push(`HTTP ${init.httpStatus}`);
        let message = `${parts.join(" ")}: ${detail}`;
        if (init.requestId) message += ` (RequestId: ${init.requestId})`;
        super(message);
        this.kind = init.kind;
        this.action = init.action;
        this.detail = detail;
        if (init.code !== undefined) this.code = init.code;
        if (init.requestId) this.requestId = init.requestId;
        if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    }
}

/** isOmicsApiError tells an {@link OmicsApiError} by its name (works across package copies). */
export function isOmicsApiError(e: unknown): e is OmicsApiError {
    return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "OmicsApiError";
}

/** Shape of TencentCloudSDKHttpException (the SDK does not export its type from the package root). */
interface SdkException {
    message?: unknown;
    code?: unknown;
    requestId?: unknown;
    httpCode?: unknown;
}

const NOT_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ERR_INVALID_URL|Invalid URL|EHOSTUNREACH|ENETUNREACH/;

/**
 * toOmicsError classifies anything a call to the official SDK threw.
 *
 * - `code` set: Tencent answered with an error (`api`);
 * - `httpCode` set: a non-200 answer (`http`);
 * - a TypeError or SyntaxError: the answer was unreadable (`protocol`);
 * - otherwise: no answer (`network`).
 */
export function toOmicsError(e: unknown, action: string): OmicsApiError {
    if (isOmicsApiError(e)) return e;
    const x = (typeof e === "object" && e !== null ? e : { message: String(e) }) as SdkException;
    const message = typeof x.message === "string" && x.message !== "" ? x.message : String(e);
    const requestId = typeof x.requestId === "string" && x.requestId !== "" ? x.requestId : undefined;
    if (typeof x.code === "string" && x.code !== "") {
        return new OmicsApiError({ kind: "api", action, message, code: x.code, ...(requestId ? { requestId } : {}) });
    }
    if (typeof x.httpCode === "number") {
        return new OmicsApiError({ kind: "http", action, message: message || "HTTP error", httpStatus: x.httpCode });
    }
    if (e instanceof TypeError || e instanceof SyntaxError) {
        return new OmicsApiError({ kind: "protocol", action, message: `unreadable answer: ${message}` });
    }
    return new OmicsApiError({ kind: "network", action, message });
}

/** True when the request certainly never reached Tencent (connection refused, name not resolved). */
export function certainlyNotSent(err: OmicsApiError): boolean {
    return err.kind === "config" || (err.kind === "network" && NOT_SENT.test(err.detail));
}

/**
 * True when a mutating call may have been applied although it failed: no answer, a gateway
 * answer, an unreadable answer, or Tencent's own InternalError.
 */
export function mayHaveBeenApplied(err: OmicsApiError): boolean {
    if (certainlyNotSent(err)) return false;
    if (err.kind === "api") return err.code === "InternalError" || (err.code ?? "").startsWith("InternalError.");
    return err.kind === "network" || err.kind === "http" || err.kind === "protocol";
}

/** True for RequestLimitExceeded (the request was refused before it was applied). */
export function isRateLimited(err: OmicsApiError): boolean {
    return err.code === "RequestLimitExceeded" || (err.code ?? "").startsWith("RequestLimitExceeded.");
}

/** True for a ResourceNotFound code (optionally a specific one). */
export function isNotFound(err: unknown, code?: string): boolean {
    if (!isOmicsApiError(err) || err.code === undefined) return false;
    return code === undefined ? err.code.startsWith("ResourceNotFound") : err.code === code;
}

const ADVICE: ReadonlyArray<[RegExp, string]> = [
    [/^AuthFailure\.SignatureExpire$/, "the local clock is more than 5 minutes off; fix the system time and run again."],
    [
        /^AuthFailure\.(SecretIdNotFound|SignatureFailure|InvalidSecretId)$/,
        "the credentials are wrong: check stack config tencentcloud:secretId / tencentcloud:secretKey (or TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY).",
    ],
    [
        /^AuthFailure\.TokenFailure$/,
        "the temporary credentials' token is invalid or expired: refresh tencentcloud:securityToken (or TENCENTCLOUD_SECURITY_TOKEN) together with the key pair.",
    ],
    [
        /^AuthFailure/,
        "the credentials were rejected: check tencentcloud:secretId / tencentcloud:secretKey / tencentcloud:securityToken or the TENCENTCLOUD_* environment variables.",
    ],
    [
        /^AssumeRoleFailed$/,
        "the role could not be assumed: check tencentcloud:assumeRole (or TENCENTCLOUD_ASSUME_ROLE_*, or the profile's role-arn): the role ARN, the session name, the external ID, and that the base credentials may assume that role.",
    ],
    [
        /^(UnauthorizedOperation|OperationDenied)/,
        "these credentials may not perform this action: grant the CAM permission for omics (or use other credentials) and run again.",
    ],
    [
        /^FailedOperation\.RetryLimitExceeded$/,
        "these runs were already retried the maximum number of times; submit a new run group instead (RunApplication/RunWorkflow).",
    ],
    [
        /^FailedOperation\.StatusNotSupported$/,
        "RetryRuns accepts only finished groups (COMPLETE_ERROR or TERMINATED) and failed runs (EXECUTOR_ERROR or TERMINATED): wait until the group finishes, or list only failed runs in runUuids.",
    ],
    [
        /^InvalidParameterValue\.EnvironmentNotAvailable$/,
        "the group's compute environment is not available: check it in the Omics console and run again once it is RUNNING.",
    ],
    [/^ResourceNotFound\.EnvironmentNotExist$/, "the group's compute environment no longer exists: the group cannot be retried; submit a new run group."],
    [/^ResourceNotFound\.ProjectNotExist$/, "check projectId and region (an unset projectId means the region's default project)."],
    [/^ResourceNotFound\.RunGroupNotExist$/, "check runGroupId, projectId (unset = the region's default project) and region."],
    [/^ResourceNotFound\.RunNotExist$/, "check runUuids (and that they belong to runGroupId), projectId and region."],
    [/^ResourceNotFound/, "check runGroupId, runUuids, projectId and region."],
    [/^RequestLimitExceeded/, "the API's 20 requests/second limit was still exceeded after backing off; run again later or lower `pulumi up --parallel`."],
    [
        /^UnsupportedRegion$/,
        "set region (or tencentcloud:region) to a region where Omics is offered: ap-beijing, ap-guangzhou, ap-shanghai, ap-hongkong, ap-singapore, eu-frankfurt.",
    ],
    [
        /^(InvalidParameter|InvalidParameterValue|MissingParameter|UnknownParameter)/,
        "Tencent rejected the request's parameters: correct the inputs named in the message.",
    ],
    [/^InternalError/, "a Tencent Cloud internal error; run again later, and quote the RequestId to Tencent support if it persists."],
    [/^(LimitExceeded|ResourceUnavailable|ResourceInsufficient)/, "a quota or capacity limit was hit; run again later or ask Tencent support to raise it."],
];

/** advice is the "what to do next" sentence for an error. */
export function advice(err: OmicsApiError): string {
    if (err.kind === "config") {
        return err.code === "MissingCredentials"
            ? "configure credentials as described, then run again."
            : "fix the provider configuration (stack config tencentcloud:* / tencentcloud-omics:endpoint or the TENCENTCLOUD_* environment) and run again.";
    }
    if (err.code !== undefined) {
        for (const [re, text] of ADVICE) if (re.test(err.code)) return text;
        return "see Tencent's error code documentation for this code; quote the RequestId to Tencent support if needed.";
    }
    switch (err.kind) {
        case "network":
            if (certainlyNotSent(err)) return "the endpoint could not be reached: check the network, the region and tencentcloud-omics:endpoint.";
            return err.action === "RetryRuns"
                ? "the connection failed while RetryRuns was on its way; run up again (it looks for the group before anything else)."
                : "the connection failed; run again (a read-only call is safe to repeat).";
        case "http":
            return "an HTTP error came between the provider and Tencent (proxy or gateway); run again later.";
        case "protocol":
            return "the endpoint did not answer like the Omics API: check tencentcloud-omics:endpoint.";
        case "api":
            return "see Tencent's error code documentation; quote the RequestId to Tencent support if needed.";
    }
}

/**
 * describeError renders an error for a user: who (the resource), what failed, Tencent's code and
 * RequestId, and what to do next. Secrets are scrubbed.
 */
export function describeError(err: unknown, resourceName: string | undefined, doing: string, kind = "RunRetry"): string {
    const who = resourceName ? `${kind} "${resourceName}"` : kind;
    if (isOmicsApiError(err)) {
        return scrub(`${who}: ${doing}: ${err.message}. Next: ${advice(err)}`);
    }
    const message = err instanceof Error ? err.message : String(err);
    return scrub(`${who}: ${doing}: ${message}`);
}
