/** TC3 signing and Authorization parsing, cross-checked against the official Node SDK's signer. */
import * as assert from "node:assert/strict";
import Sign from "tencentcloud-sdk-nodejs/tencentcloud/common/sign";
import { parseAuthorization, tc3Authorization, utcDate, verifySignature } from "../../../emulator/http/signature";

describe("emulator TC3 signature (unit)", () => {
    const secretId = "AKIDEXAMPLE";
    const secretKey = "example-key";
    const timestamp = 1764300000;

    it("matches the official SDK's sign3 for the same request (service 127, host without port)", () => {
        const payload = { RunGroupId: "run-ashamed-bleak-doggy-247963", RunUuids: ["7b501b32-4e42-456a-9d54-aa3c9791beb0"] };
        const sdk = Sign.sign3({
            method: "POST",
            url: "http://127.0.0.1:8080/",
            payload,
            timestamp,
            service: "127",
            secretId,
            secretKey,
            multipart: false,
            boundary: undefined,
            headers: { "Content-Type": "application/json" },
        } as unknown as Parameters<typeof Sign.sign3>[0]);
        const ours = tc3Authorization(secretId, {
            method: "POST",
            path: "/",
            query: "",
            headers: { "content-type": "application/json", host: "127.0.0.1" },
            signedHeaders: ["content-type", "host"],
            payload: JSON.stringify(payload),
            timestamp,
            service: "127",
            secretKey,
        });
        assert.equal(ours, sdk);
    });

    it("parses the SDK's Authorization header", () => {
        const a = parseAuthorization(
            `TC3-HMAC-SHA256 Credential=${secretId}/2025-11-28/omics/tc3_request, SignedHeaders=content-type;host, Signature=${"a".repeat(64)}`,
        );
        assert.deepEqual(a, { secretId, date: "2025-11-28", service: "omics", signedHeaders: ["content-type", "host"], signature: "a".repeat(64) });
    });

    it("rejects malformed headers with AuthFailure.InvalidAuthorization", () => {
        const bad = [
            "",
            "HMAC abc",
            "TC3-HMAC-SHA256 Credential=a/2025-11-28/omics/tc3_request",
            `TC3-HMAC-SHA256 Credential=a/2025-11-28/omics/other, SignedHeaders=content-type;host, Signature=${"a".repeat(64)}`,
            `TC3-HMAC-SHA256 Credential=a/28-11-2025/omics/tc3_request, SignedHeaders=content-type;host, Signature=${"a".repeat(64)}`,
            `TC3-HMAC-SHA256 Credential=a/2025-11-28/omics/tc3_request, SignedHeaders=host, Signature=${"a".repeat(64)}`,
            "TC3-HMAC-SHA256 Credential=a/2025-11-28/omics/tc3_request, SignedHeaders=content-type;host, Signature=xyz",
        ];
        for (const h of bad) {
            assert.throws(
                () => parseAuthorization(h),
                (e: { code?: string }) => e.code === "AuthFailure.InvalidAuthorization",
                h,
            );
        }
    });

    it("verifies: same request ok; changed body, key, date or header fails", () => {
        const body = Buffer.from('{"Limit":1}');
        const sign = (host: string) =>
            parseAuthorization(
                tc3Authorization(secretId, {
                    method: "POST",
                    path: "/",
                    query: "",
                    headers: { "content-type": "application/json", host },
                    signedHeaders: ["content-type", "host"],
                    payload: body,
                    timestamp,
                    service: "omics",
                    secretKey,
                }),
            );
        const req = { method: "POST", path: "/", query: "", headers: { "content-type": "application/json", host: "127.0.0.1:9000" }, body };
        assert.equal(verifySignature(sign("127.0.0.1"), req, timestamp, secretKey), true);
        assert.equal(verifySignature(sign("127.0.0.1:9000"), req, timestamp, secretKey), true);
        assert.equal(verifySignature(sign("localhost"), req, timestamp, secretKey), false);
        assert.equal(verifySignature(sign("127.0.0.1"), { ...req, body: Buffer.from('{"Limit":2}') }, timestamp, secretKey), false);
        assert.equal(verifySignature(sign("127.0.0.1"), req, timestamp, "other-key"), false);
        assert.equal(verifySignature(sign("127.0.0.1"), req, timestamp + 86400, secretKey), false);
        assert.equal(verifySignature(sign("127.0.0.1"), { ...req, headers: { ...req.headers, "content-type": "text/plain" } }, timestamp, secretKey), false);
    });

    it("utcDate is the UTC day of the timestamp", () => {
        assert.equal(utcDate(0), "1970-01-01");
        assert.equal(utcDate(1764374399), "2025-11-28");
        assert.equal(utcDate(1764374400), "2025-11-29");
    });
});
