/** API 3.0 protocol: TC3 signature, common headers, envelope, bad input that must not crash. */
import * as assert from "node:assert/strict";
import * as net from "node:net";
import { DEMO_CREDENTIALS } from "../../../emulator";
import { errorCode, rawRequest, sdkError, startTestEmulator, type TestEmulator, UUID_V4 } from "./helpers";

describe("emulator protocol (TC3-HMAC-SHA256, API 3.0)", () => {
    let t: TestEmulator;
    beforeEach(async () => {
        t = await startTestEmulator({
            credentials: [{ ...DEMO_CREDENTIALS }, { secretId: "AKIDTEMPORARY", secretKey: "temp-key", token: "session-token-1" }],
        });
    });
    afterEach(async () => {
        await t.emu.stop();
    });

    it("a correctly signed raw request succeeds with HTTP 200, Response envelope and a UUID v4 RequestId", async () => {
        const r = await rawRequest(t.port, { action: "DescribeProjects" });
        assert.equal(r.status, 200);
        assert.equal(r.json.Response.Error, undefined, r.text);
        assert.match(r.json.Response.RequestId ?? "", UUID_V4);
        assert.equal(r.json.Response.TotalCount, 1);
    });

    it("each answer has a fresh RequestId", async () => {
        const a = await rawRequest(t.port);
        const b = await rawRequest(t.port);
        assert.notEqual(a.json.Response.RequestId, b.json.Response.RequestId);
    });

    it("the SDK's scope service `127` (derived from the endpoint) is accepted, as is `omics`", async () => {
        assert.equal(errorCode(await rawRequest(t.port, { service: "127" })), undefined);
        assert.equal(errorCode(await rawRequest(t.port, { service: "omics" })), undefined);
    });

    it("a tampered body gives AuthFailure.SignatureFailure", async () => {
        const r = await rawRequest(t.port, { action: "DescribeRuns", body: '{"Limit":2}', signedBody: '{"Limit":1}' });
        assert.equal(r.status, 200);
        assert.equal(errorCode(r), "AuthFailure.SignatureFailure");
        assert.match(r.json.Response.RequestId ?? "", UUID_V4);
    });

    it("a wrong key gives AuthFailure.SignatureFailure (raw and through the SDK)", async () => {
        assert.equal(errorCode(await rawRequest(t.port, { secretKey: "not-the-key" })), "AuthFailure.SignatureFailure");
        const e = await sdkError(t.client({ secretKey: "not-the-key" }).DescribeProjects({}));
        assert.equal(e.code, "AuthFailure.SignatureFailure");
        assert.match(e.requestId ?? "", UUID_V4);
    });

    it("a signed host WITH the port is accepted too (Python SDK signs the Host header verbatim), a different host is not", async () => {
        // Sign by hand with "127.0.0.1:PORT" as host.
        const { tc3Authorization } = await import("../../../emulator");
        const ts = Math.floor(Date.now() / 1000);
        const mk = (host: string) =>
            tc3Authorization(DEMO_CREDENTIALS.secretId, {
                method: "POST",
                path: "/",
                query: "",
                headers: { "content-type": "application/json", host },
                signedHeaders: ["content-type", "host"],
                payload: "{}",
                timestamp: ts,
                service: "omics",
                secretKey: DEMO_CREDENTIALS.secretKey,
            });
        const ok = await rawRequest(t.port, { timestamp: ts, headers: { Authorization: mk(`127.0.0.1:${t.port}`) } });
        assert.equal(errorCode(ok), undefined, ok.text);
        const bad = await rawRequest(t.port, { timestamp: ts, headers: { Authorization: mk("omics.tencentcloudapi.com") } });
        assert.equal(errorCode(bad), "AuthFailure.SignatureFailure");
    });

    it("an expired timestamp (more than 5 minutes off, either way) gives AuthFailure.SignatureExpire", async () => {
        const now = Math.floor(Date.now() / 1000);
        assert.equal(errorCode(await rawRequest(t.port, { timestamp: now - 301 })), "AuthFailure.SignatureExpire");
        assert.equal(errorCode(await rawRequest(t.port, { timestamp: now + 400 })), "AuthFailure.SignatureExpire");
        assert.equal(errorCode(await rawRequest(t.port, { timestamp: now - 240 })), undefined);
    });

    it("an unknown SecretId gives AuthFailure.SecretIdNotFound", async () => {
        assert.equal(errorCode(await rawRequest(t.port, { secretId: "AKIDUNKNOWN" })), "AuthFailure.SecretIdNotFound");
    });

    it("a malformed or missing Authorization gives AuthFailure.InvalidAuthorization", async () => {
        for (const a of [undefined, "Basic abc", "TC3-HMAC-SHA256 Credential=x", "TC3-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=00"]) {
            const r = await rawRequest(t.port, { headers: { Authorization: a } });
            assert.equal(errorCode(r), "AuthFailure.InvalidAuthorization", String(a));
        }
    });

    it("temporary credentials need the matching X-TC-Token (AuthFailure.TokenFailure otherwise)", async () => {
        const ok = await t.client({ secretId: "AKIDTEMPORARY", secretKey: "temp-key", token: "session-token-1" }).DescribeProjects({});
        assert.equal(ok.TotalCount, 1);
        const e1 = await sdkError(t.client({ secretId: "AKIDTEMPORARY", secretKey: "temp-key", token: "stale" }).DescribeProjects({}));
        assert.equal(e1.code, "AuthFailure.TokenFailure");
        const e2 = await sdkError(t.client({ secretId: "AKIDTEMPORARY", secretKey: "temp-key" }).DescribeProjects({}));
        assert.equal(e2.code, "AuthFailure.TokenFailure");
        assert.equal(errorCode(await rawRequest(t.port, { token: "unexpected" })), "AuthFailure.TokenFailure");
    });

    it("X-TC-Version must be 2022-11-28 (NoSuchVersion; MissingParameter when absent)", async () => {
        assert.equal(errorCode(await rawRequest(t.port, { version: "2020-01-01" })), "NoSuchVersion");
        assert.equal(errorCode(await rawRequest(t.port, { version: null })), "MissingParameter");
    });

    it("a missing or non-numeric X-TC-Timestamp gives MissingParameter / InvalidParameter", async () => {
        assert.equal(errorCode(await rawRequest(t.port, { headers: { "X-TC-Timestamp": undefined } })), "MissingParameter");
        assert.equal(errorCode(await rawRequest(t.port, { headers: { "X-TC-Timestamp": "12:00" } })), "InvalidParameter");
    });

    it("an unknown action gives InvalidAction; a missing one MissingParameter", async () => {
        assert.equal(errorCode(await rawRequest(t.port, { action: "DescribeInstances" })), "InvalidAction");
        assert.equal(errorCode(await rawRequest(t.port, { headers: { "X-TC-Action": undefined } })), "MissingParameter");
    });

    it("the region is checked: UnsupportedRegion, MissingParameter when absent; all Omics regions accepted", async () => {
        assert.equal(errorCode(await rawRequest(t.port, { region: "us-east-1" })), "UnsupportedRegion");
        assert.equal(errorCode(await rawRequest(t.port, { region: null })), "MissingParameter");
        for (const region of ["ap-beijing", "ap-shanghai", "ap-hongkong", "ap-singapore", "eu-frankfurt"]) {
            assert.equal(errorCode(await rawRequest(t.port, { region })), undefined, region);
        }
        const e = await sdkError(t.client({ region: "na-ashburn" }).DescribeProjects({}));
        assert.equal(e.code, "UnsupportedRegion");
    });

    it("malformed JSON gives InvalidParameter and the server keeps serving", async () => {
        const r = await rawRequest(t.port, { body: '{"Limit": 1,,' });
        assert.equal(errorCode(r), "InvalidParameter");
        assert.equal(errorCode(await rawRequest(t.port, { body: "[1,2]" })), "InvalidParameter");
        assert.equal(errorCode(await rawRequest(t.port, { body: "null" })), "InvalidParameter");
        assert.equal((await t.client().DescribeProjects({})).TotalCount, 1);
    });

    it("absurdly nested JSON gets a parameter error, not a crash", async () => {
        const deep = "[".repeat(200000) + "]".repeat(200000);
        assert.equal(errorCode(await rawRequest(t.port, { action: "DescribeRuns", body: `{"Filters":${deep}}` })), "InvalidParameter");
        assert.equal(errorCode(await rawRequest(t.port, { action: "DescribeRuns", body: `{"Extra":${deep}}` })), "UnknownParameter");
        assert.equal((await t.client().DescribeProjects({})).TotalCount, 1);
    });

    it("a wrong content type gives InvalidParameter", async () => {
        const r = await rawRequest(t.port, { contentType: "text/plain" });
        assert.equal(errorCode(r), "InvalidParameter");
        assert.match(r.json.Response.Error?.Message ?? "", /Content-Type/);
        assert.equal(errorCode(await rawRequest(t.port, { contentType: "application/json; charset=utf-8" })), undefined);
    });

    it("a body over the 1 MiB limit gives RequestSizeLimitExceeded; the server keeps serving", async () => {
        const big = JSON.stringify({ Filters: [{ Name: "Name", Values: ["x".repeat(1024 * 1024 + 10)] }] });
        const r = await rawRequest(t.port, { action: "DescribeRunGroups", body: big });
        assert.equal(r.status, 200);
        assert.equal(errorCode(r), "RequestSizeLimitExceeded");
        assert.equal((await t.client().DescribeProjects({})).TotalCount, 1);
    });

    it("wrong types and unknown fields give InvalidParameter / UnknownParameter naming the field", async () => {
        const c = t.client();
        const e1 = await sdkError(c.request("DescribeRunGroups", { Limit: "ten" }));
        assert.equal(e1.code, "InvalidParameter");
        assert.match(e1.message, /`Limit`/);
        const e2 = await sdkError(c.request("DescribeRuns", { Filters: [{ Name: "Status", Values: ["SUCCESS"], Extra: 1 }] }));
        assert.equal(e2.code, "UnknownParameter");
        assert.match(e2.message, /Filters\.0\.Extra/);
        const e3 = await sdkError(c.request("DescribeRuns", { Limit: 101 }));
        assert.equal(e3.code, "InvalidParameterValue");
        const e4 = await sdkError(c.request("GetRunStatus", {}));
        assert.equal(e4.code, "MissingParameter");
        assert.match(e4.message, /RunUuid/);
    });

    it("GET and other methods give UnsupportedProtocol; other paths too", async () => {
        assert.equal(errorCode(await rawRequest(t.port, { method: "PUT" })), "UnsupportedProtocol");
        assert.equal(errorCode(await rawRequest(t.port, { method: "GET", body: "" })), "UnsupportedProtocol");
        assert.equal(errorCode(await rawRequest(t.port, { path: "/v2/" })), "UnsupportedProtocol");
    });

    it("garbage bytes on the socket do not crash the server", async () => {
        await new Promise<void>((resolve) => {
            const s = net.connect(t.port, "127.0.0.1", () => s.end("\x00\x01 NOT HTTP\r\n\r\n"));
            s.on("close", () => resolve());
            s.on("error", () => resolve());
            s.resume();
        });
        const r = await rawRequest(t.port, { headers: { "X-TC-Timestamp": "soon" } });
        assert.equal(errorCode(r), "InvalidParameter");
        assert.equal((await t.client().DescribeProjects({})).TotalCount, 1);
    });

    it("the SDK's trace id is echoed in X-TC-TraceId", async () => {
        const r = await rawRequest(t.port, { headers: { "X-TC-TraceId": "trace-123" } });
        assert.equal(r.headers["x-tc-traceid"], "trace-123");
    });
});
