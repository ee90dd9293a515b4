import * as assert from "node:assert/strict";
import { OmicsApiError, advice, describeError, isOmicsApiError, mayHaveBeenApplied, toOmicsError, certainlyNotSent } from "../../../provider/omics/errors";
import { clearSecrets, registerSecret, scrub } from "../../../provider/shared/scrub";

/** Builds what the official SDK throws (TencentCloudSDKHttpException's fields). */
function sdkException(message: string, fields: { code?: string; requestId?: string; httpCode?: number } = {}): Error {
    const SdkError = require("tencentcloud-sdk-nodejs/tencentcloud/common/exception/tencent_cloud_sdk_exception").default as new (
        m: string,
        r?: string,
        t?: string,
    ) => Error & Record<string, unknown>;
    const e = new SdkError(message, fields.requestId ?? "", "trace");
    if (fields.code) e.code = fields.code;
    if (fields.httpCode) e.httpCode = fields.httpCode;
    return e;
}

describe("error mapping", () => {
    afterEach(() => clearSecrets());

    it("classifies a Tencent error answer (code + RequestId) as api", () => {
        const e = toOmicsError(
            sdkException("The run group does not exist.", { code: "ResourceNotFound.RunGroupNotExist", requestId: "e2fe59bb-21e3-45de-9289-9d22a5b1bdff" }),
            "RetryRuns",
        );
        assert.equal(e.kind, "api");
        assert.equal(e.code, "ResourceNotFound.RunGroupNotExist");
        assert.equal(e.requestId, "e2fe59bb-21e3-45de-9289-9d22a5b1bdff");
        assert.equal(e.name, "OmicsApiError");
        assert.equal(
            e.message,
            "RetryRuns failed [ResourceNotFound.RunGroupNotExist]: The run group does not exist. (RequestId: e2fe59bb-21e3-45de-9289-9d22a5b1bdff)",
        );
        assert.equal(mayHaveBeenApplied(e), false);
    });

    it("classifies non-200 answers, lost answers and unreadable answers as possibly applied", () => {
        const http = toOmicsError(sdkException("Bad Gateway", { httpCode: 502 }), "RetryRuns");
        assert.equal(http.kind, "http");
        assert.equal(http.httpStatus, 502);
        assert.equal(mayHaveBeenApplied(http), true);
        const lost = toOmicsError(sdkException("request to http://127.0.0.1:9/ failed, reason: socket hang up"), "RetryRuns");
        assert.equal(lost.kind, "network");
        assert.equal(mayHaveBeenApplied(lost), true);
        const garbled = toOmicsError(new TypeError("Cannot read properties of undefined (reading 'Error')"), "RetryRuns");
        assert.equal(garbled.kind, "protocol");
        assert.equal(mayHaveBeenApplied(garbled), true);
        const internal = toOmicsError(sdkException("oops", { code: "InternalError", requestId: "r" }), "RetryRuns");
        assert.equal(mayHaveBeenApplied(internal), true, "InternalError may hide an applied request");
    });

    it("knows connection refused / name not resolved means never sent", () => {
        const refused = toOmicsError(sdkException("request to http://127.0.0.1:1/ failed, reason: connect ECONNREFUSED 127.0.0.1:1"), "RetryRuns");
        assert.equal(certainlyNotSent(refused), true);
        assert.equal(mayHaveBeenApplied(refused), false);
    });

    it("the guard works by name, across copies of the class", () => {
        const foreign = Object.assign(new Error("x"), { name: "OmicsApiError", code: "AuthFailure" });
        assert.equal(isOmicsApiError(foreign), true);
        assert.equal(isOmicsApiError(new Error("x")), false);
        assert.equal(isOmicsApiError(null), false);
        assert.equal(toOmicsError(foreign, "X"), foreign);
    });

    it("gives advice for every code of the seed page and the common ones", () => {
        const codes = [
            "AuthFailure",
            "AuthFailure.SignatureExpire",
            "AuthFailure.SecretIdNotFound",
            "AuthFailure.TokenFailure",
            "FailedOperation.RetryLimitExceeded",
            "FailedOperation.StatusNotSupported",
            "InternalError",
            "InvalidParameter",
            "InvalidParameterValue",
            "InvalidParameterValue.EnvironmentNotAvailable",
            "OperationDenied",
            "ResourceNotFound",
            "ResourceNotFound.EnvironmentNotExist",
            "ResourceNotFound.ProjectNotExist",
            "ResourceNotFound.RunGroupNotExist",
            "ResourceNotFound.RunNotExist",
            "RequestLimitExceeded",
            "UnsupportedRegion",
            "UnauthorizedOperation",
            "LimitExceeded",
            "MissingParameter",
            "ResourceUnavailable",
        ];
        const generic = advice(new OmicsApiError({ kind: "api", action: "X", code: "Something.New", message: "m" }));
        for (const code of codes) {
            const a = advice(new OmicsApiError({ kind: "api", action: "RetryRuns", code, message: "m" }));
            assert.notEqual(a, generic, code);
        }
        assert.match(advice(new OmicsApiError({ kind: "api", action: "X", code: "AuthFailure.SignatureExpire", message: "m" })), /clock/);
        assert.match(advice(new OmicsApiError({ kind: "api", action: "X", code: "FailedOperation.RetryLimitExceeded", message: "m" })), /new run group/);
    });

    it("describeError names the resource, the code, the RequestId and the next step", () => {
        const e = toOmicsError(sdkException("Unsupported status.", { code: "FailedOperation.StatusNotSupported", requestId: "rid-1" }), "RetryRuns");
        const text = describeError(e, "retry-failed-samples", "RetryRuns");
        assert.match(
            text,
            /^RunRetry "retry-failed-samples": RetryRuns: RetryRuns failed \[FailedOperation\.StatusNotSupported\]: Unsupported status\. \(RequestId: rid-1\)\. Next: RetryRuns accepts only finished groups/,
        );
    });

    it("scrubs registered secrets and secret-shaped strings from messages", () => {
        registerSecret("super-secret-key-value");
        const text = scrub("key super-secret-key-value id AKIDabcdefghijklmnop Signature=0123abcdef token: tok123456");
        assert.ok(!text.includes("super-secret-key-value"));
        assert.ok(!text.includes("AKIDabcdefghijklmnop"));
        assert.ok(!text.includes("0123abcdef"));
        assert.ok(!text.includes("tok123456"));
        const prose =
            "only one of tencentcloud:secretId and tencentcloud:secretKey is set; refresh tencentcloud:securityToken (or TENCENTCLOUD_SECURITY_TOKEN)";
        assert.equal(scrub(prose), prose, "advice text mentioning key names is left alone");
        assert.equal(scrub('{"SecretKey":"abc123def"}'), '{"SecretKey":"***"}');
        const e = toOmicsError(sdkException("bad key super-secret-key-value"), "RetryRuns");
        assert.ok(!e.message.includes("super-secret-key-value"));
    });
});
