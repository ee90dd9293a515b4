// TC3-HMAC-SHA256 vectors computed by the official Python SDK's own signing code
// (AbstractClient._build_req_inter with the SDK's clock pinned; see peers/python_sdk_peer.py,
// mode "sign"), then replayed byte for byte to the emulator over raw HTTP.
//
// 1. A fixed vector (timestamp 1700000000) pins what the SDK produces, and checks that it is the
//    algorithm documented in shared/omics-api.md (re-derived below from the document, not from
//    the emulator's code).
// 2. The emulator's verifier accepts the SDK's exact bytes inside the ±5 min window, rejects them
//    outside it (AuthFailure.SignatureExpire), and rejects them when the body or the Host changes
//    (AuthFailure.SignatureFailure). Timestamps here are relative to the wall clock, because that is
//    what SDKs sign with; the emulator's manual state clock is not involved.
import { strict as assert } from "node:assert";
import { createHash, createHmac } from "node:crypto";
import * as http from "node:http";
import { REGION, SETUP_TIMEOUT_MS, useConformanceFixture } from "./support/fixture";
import { ensurePeers, hostPort, type PeerManifest, pythonSign, type SignedRequest, UUID_V4 } from "./support/peers";

// A vector-only key pair: not a credential of anything, never printed.
const VECTOR = { secretId: "AKIDOMICSVECTOR00000000000000000000", secretKey: "omics-conformance-vector-key-0000" };
const FIXED_TS = 1700000000; // 2023-11-14T22:13:20Z
const FIXED_PARAMS = { Limit: 5, Filters: [{ Name: "Name", Values: ["项目"] }] };
// What tencentcloud-sdk-python-common 3.1.195 produced for the vector below (host omics.tencentcloudapi.com).
const FIXED_SIGNATURE = "0aa0c752072f52648642c0c42628a4b66eeea212fca46e3e51cbc84f584f4505";

/**
 * TC3-HMAC-SHA256 exactly as written in shared/omics-api.md ("Protocol"): canonical headers are
 * lower-cased `key:value` lines, sorted, at least content-type and host (`extra` adds more).
 */
function documentedSignature(o: {
    secretKey: string;
    timestamp: number;
    service: string;
    contentType: string;
    host: string;
    body: string;
    extra?: Record<string, string>;
}): string {
    const sha = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
    const hmac = (k: string | Buffer, m: string) => createHmac("sha256", k).update(m, "utf8").digest();
    const headers: Record<string, string> = { "content-type": o.contentType, host: o.host, ...(o.extra ?? {}) };
    const names = Object.keys(headers).sort();
    const canonicalHeaders = names.map((n) => `${n}:${headers[n]}\n`).join("");
    const canonical = ["POST", "/", "", canonicalHeaders, names.join(";"), sha(o.body)].join("\n");
    const date = new Date(o.timestamp * 1000).toISOString().slice(0, 10);
    const toSign = ["TC3-HMAC-SHA256", String(o.timestamp), `${date}/${o.service}/tc3_request`, sha(canonical)].join("\n");
    const kSigning = hmac(hmac(hmac(`TC3${o.secretKey}`, date), o.service), "tc3_request");
    return createHmac("sha256", kSigning).update(toSign, "utf8").digest("hex");
}

function signatureOf(req: SignedRequest): string {
    return /Signature=([0-9a-f]{64})$/.exec(req.headers.Authorization)![1];
}

/** Sends a request exactly as the SDK built it (headers and body bytes) and returns the Response object. */
function replay(url: string, req: SignedRequest, override: { body?: string; host?: string } = {}): Promise<{ status: number; body: any }> {
    const u = new URL(url);
    const body = Buffer.from(override.body ?? req.body, "utf8");
    const headers: Record<string, string | number> = { ...req.headers, "Content-Length": body.length };
    if (override.host) headers.Host = override.host;
    return new Promise((resolve, reject) => {
        const r = http.request({ host: u.hostname, port: Number(u.port), method: "POST", path: "/", headers }, (res) => {
            let text = "";
            res.on("data", (d) => (text += d));
            res.on("end", () => {
                try {
                    resolve({ status: res.statusCode ?? 0, body: JSON.parse(text).Response });
                } catch {
                    reject(new Error(`non-JSON answer (${res.statusCode}): ${text.slice(0, 300)}`));
                }
            });
        });
        r.on("error", reject);
        r.end(body);
    });
}

describe("conformance: TC3 signature vectors from the Python SDK's own signing code", function () {
    this.timeout(60_000);

    describe("fixed vector", () => {
        let peers: PeerManifest;
        let signed: SignedRequest;
        before(async function () {
            this.timeout(SETUP_TIMEOUT_MS + 60_000);
            peers = await ensurePeers(SETUP_TIMEOUT_MS);
            signed = await pythonSign(peers, VECTOR, "omics.tencentcloudapi.com", REGION, FIXED_TS, "DescribeProjects", FIXED_PARAMS);
        });

        it("the SDK signs the pinned timestamp, date and service it was given", () => {
            assert.equal(signed.headers["X-TC-Timestamp"], String(FIXED_TS));
            assert.match(
                signed.headers.Authorization,
                new RegExp(
                    `^TC3-HMAC-SHA256 Credential=${VECTOR.secretId}/2023-11-14/omics/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$`,
                ),
            );
            assert.equal(signed.headers["Content-Type"], "application/json");
            // json.dumps: spaces after separators, non-ASCII escaped as \uXXXX.
            assert.equal(signed.body, '{"Limit": 5, "Filters": [{"Name": "Name", "Values": ["\\u9879\\u76ee"]}]}');
        });

        it("the SDK's signature is the documented algorithm's and the pinned value", () => {
            const doc = documentedSignature({
                secretKey: VECTOR.secretKey,
                timestamp: FIXED_TS,
                service: "omics",
                contentType: "application/json",
                host: "omics.tencentcloudapi.com",
                body: signed.body,
            });
            assert.equal(signatureOf(signed), doc, "Python SDK vs shared/omics-api.md");
            assert.equal(signatureOf(signed), FIXED_SIGNATURE, "Python SDK output changed for the pinned vector");
        });
    });

    describe("the emulator's verifier on the SDK's exact bytes", () => {
        const fx = useConformanceFixture({ credentials: [VECTOR] });

        const sign = (offsetSeconds: number, params: Record<string, unknown> = { Limit: 5 }) =>
            pythonSign(fx.peers, VECTOR, hostPort(fx.url), REGION, Math.floor(Date.now() / 1000) + offsetSeconds, "DescribeProjects", params);

        it("the signed Host is host:port, as the Python SDK sends it", async () => {
            const req = await sign(0);
            assert.equal(req.headers.Host, hostPort(fx.url));
            const doc = documentedSignature({
                secretKey: VECTOR.secretKey,
                timestamp: Number(req.headers["X-TC-Timestamp"]),
                service: "omics",
                contentType: "application/json",
                host: hostPort(fx.url),
                body: req.body,
            });
            assert.equal(signatureOf(req), doc);
            const res = await replay(fx.url, req);
            assert.equal(res.status, 200);
            assert.equal(res.body.Error, undefined, `rejected: ${JSON.stringify(res.body.Error)}`);
            assert.ok(Array.isArray(res.body.Projects));
        });

        for (const offset of [-240, 240]) {
            it(`accepts a timestamp ${offset > 0 ? "+" : ""}${offset} s from now (inside the ±300 s window)`, async () => {
                const res = await replay(fx.url, await sign(offset));
                assert.equal(res.body.Error, undefined, `rejected: ${JSON.stringify(res.body.Error)}`);
                assert.match(res.body.RequestId, UUID_V4);
            });
        }

        for (const offset of [-420, 420]) {
            it(`answers AuthFailure.SignatureExpire ${offset > 0 ? "+" : ""}${offset} s from now`, async () => {
                const res = await replay(fx.url, await sign(offset));
                assert.equal(res.status, 200);
                assert.equal(res.body.Error?.Code, "AuthFailure.SignatureExpire");
                assert.match(res.body.RequestId, UUID_V4);
            });
        }

        it("answers AuthFailure.SignatureFailure when one body byte changes", async () => {
            const req = await sign(0);
            const res = await replay(fx.url, req, { body: req.body.replace("5", "6") });
            assert.equal(res.body.Error?.Code, "AuthFailure.SignatureFailure");
        });

        it("answers AuthFailure.SignatureFailure when the Host differs from the signed one", async () => {
            const req = await sign(0);
            const res = await replay(fx.url, req, { host: "127.0.0.2:1" });
            assert.equal(res.body.Error?.Code, "AuthFailure.SignatureFailure");
        });

        // Tencent's signature v3 page signs `content-type;host;x-tc-action` in its example, with the
        // header values lower-cased. No official SDK does that, but the gateway accepts it.
        it("accepts a request that also signs x-tc-action (lower-cased value, as in Tencent's example), and rejects it once the action changes", async () => {
            const req = await sign(0);
            const ts = Number(req.headers["X-TC-Timestamp"]);
            const date = new Date(ts * 1000).toISOString().slice(0, 10);
            const sig = documentedSignature({
                secretKey: VECTOR.secretKey,
                timestamp: ts,
                service: "omics",
                contentType: "application/json",
                host: hostPort(fx.url),
                body: req.body,
                extra: { "x-tc-action": "describeprojects" },
            });
            const auth = `TC3-HMAC-SHA256 Credential=${VECTOR.secretId}/${date}/omics/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=${sig}`;
            const signed = { ...req, headers: { ...req.headers, Authorization: auth } };
            const ok = await replay(fx.url, signed);
            assert.equal(ok.body.Error, undefined, `rejected: ${JSON.stringify(ok.body.Error)}`);
            const changed = await replay(fx.url, { ...signed, headers: { ...signed.headers, "X-TC-Action": "DescribeEnvironments" } });
            assert.equal(changed.body.Error?.Code, "AuthFailure.SignatureFailure");
        });

        it("answers AuthFailure.SignatureFailure when a signed header (Content-Type) is altered", async () => {
            const req = await sign(0);
            const res = await replay(fx.url, { ...req, headers: { ...req.headers, "Content-Type": "application/json; charset=utf-8" } });
            assert.equal(res.body.Error?.Code, "AuthFailure.SignatureFailure");
        });
    });
});
