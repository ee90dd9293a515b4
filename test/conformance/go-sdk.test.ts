// Conformance: the official Tencent Cloud Go SDK against the emulator, as a third client no one
// here wrote. The Go module proxy reachable here serves the SDK's `tencentcloud/common` module
// (pinned in test/conformance/peers/go/go.mod) but not the `tencentcloud/omics` product module
// (404 on its version list), so the peer calls each action through the SDK's generic
// CommonClient (`common.NewCommonClient` + `tchttp.NewCommonRequest("omics", "2022-11-28", action)`):
// the same signer, transport and error parsing as the typed client. Like the Python SDK, it signs
// `host:127.0.0.1:PORT` (port included) and the service `omics`, and sends compact JSON.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { type ConformanceFixture, REGION, SETUP_TIMEOUT_MS, startConformanceFixture, useConformanceFixture } from "./support/fixture";
import { type GoResult, goCall, goCalls, nodeCall, nodeClient, pythonCalls, REPO_ROOT, RUN_GROUP_ID, shape, UUID_V4 } from "./support/peers";

function withoutRequestId(r: Record<string, any> | undefined): Record<string, any> {
    const { RequestId: _ignored, ...rest } = r ?? {};
    return rest;
}

function goOk(r: GoResult): Record<string, any> {
    assert.equal(r.ok, true, `Go SDK ${r.action} failed: ${r.exception} ${r.code ?? ""} ${r.message ?? ""}`);
    assert.equal(r.response?.status, 200);
    assert.ok(r.raw && !r.raw.Error, `${r.action}: no Response`);
    assert.match(String(r.raw!.RequestId), UUID_V4);
    return r.raw!;
}

function goErr(r: GoResult, code: string): void {
    assert.equal(r.ok, false, `${r.action}: expected ${code}, got success`);
    assert.equal(r.exception, "TencentCloudSDKError", `${r.exception}: ${r.message}`);
    assert.equal(r.code, code, `message: ${r.message}`);
    assert.match(String(r.requestId), UUID_V4);
}

describe("conformance: official Go SDK (CommonClient) against the emulator", function () {
    let fx: ConformanceFixture;

    before(async function () {
        this.timeout(SETUP_TIMEOUT_MS + 60_000);
        fx = await startConformanceFixture();
        assert.ok(fx.peers.go, "the Go SDK peer was not built (no Go toolchain on this machine?)");
    });
    after(async () => {
        await fx?.close();
    });
    this.timeout(60_000);

    it("the project's setup built the peer against the pinned SDK module", () => {
        const mod = fs.readFileSync(path.join(REPO_ROOT, "test/conformance/peers/go/go.mod"), "utf8");
        const pinned = /^require github\.com\/tencentcloud\/tencentcloud-sdk-go\/tencentcloud\/common (v\S+)$/m.exec(mod)![1];
        assert.equal(fx.peers.go!.packages["github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"], pinned);
    });

    it("its signature (host:port, service omics, compact JSON) is accepted", async () => {
        const r = await goCall(fx.peers!, fx.creds, fx.url, REGION, { action: "DescribeProjects", params: { Limit: 5 } });
        assert.equal(r.request?.headers.Host, new URL(fx.url).host);
        assert.match(r.request!.headers.Authorization, /\/omics\/tc3_request, SignedHeaders=content-type;host, Signature=/);
        assert.equal(r.request?.body, '{"Limit":5}');
        goOk(r);
    });

    it("RetryRuns, all three call shapes: same answer shape as the Node SDK, the new group exists", async () => {
        const shapes = [
            (s: any) => ({ ProjectId: s.ProjectId, RunGroupId: s.RunGroupId }),
            (s: any) => ({ ProjectId: s.ProjectId, RunUuids: [s.FailedRunUuids[0]] }),
            (s: any) => ({ ProjectId: s.ProjectId, RunGroupId: s.RunGroupId, RunUuids: [s.FailedRunUuids[0]] }),
        ];
        for (const params of shapes) {
            const [sGo, sNode] = [await fx.seed(), await fx.seed()];
            const go = goOk(await goCall(fx.peers, fx.creds, fx.url, REGION, { action: "RetryRuns", params: params(sGo) }));
            const node = (await nodeCall(fx.node, "RetryRuns", params(sNode))).response;
            assert.deepEqual(shape(go), shape(node));
            assert.match(go.RunGroupId, RUN_GROUP_ID);
            assert.notEqual(go.RunGroupId, sGo.RunGroupId);
            const d = goOk(
                await goCall(fx.peers, fx.creds, fx.url, REGION, {
                    action: "DescribeRunGroups",
                    params: { ProjectId: sGo.ProjectId, Filters: [{ Name: "RunGroupId", Values: [go.RunGroupId] }] },
                }),
            );
            assert.equal(d.TotalCount, 1);
        }
    });

    it("read actions return exactly what the Node SDK gets", async () => {
        const seed = await fx.seed();
        const filters = [{ Name: "RunGroupId", Values: [seed.RunGroupId] }];
        const calls = [
            { action: "DescribeRunGroups", params: { ProjectId: seed.ProjectId, Filters: filters } },
            { action: "DescribeRuns", params: { ProjectId: seed.ProjectId, Filters: filters } },
            { action: "GetRunStatus", params: { ProjectId: seed.ProjectId, RunUuid: seed.FailedRunUuids[0] } },
            { action: "DescribeProjects", params: { Limit: 100 } },
            { action: "DescribeEnvironments", params: { Limit: 100 } },
        ];
        const results = await goCalls(fx.peers, fx.creds, fx.url, REGION, calls);
        for (let i = 0; i < calls.length; i++) {
            const go = goOk(results[i]);
            const node = await nodeCall(fx.node, calls[i].action, calls[i].params);
            assert.deepEqual(withoutRequestId(go), withoutRequestId(node.response), `${calls[i].action}: Go and Node answers differ`);
        }
        assert.equal(results[0].raw!.RunGroups[0].Status, "COMPLETE_ERROR");
        assert.equal(results[1].raw!.TotalCount, 3);
        assert.equal(results[2].raw!.Metadata.Status, "EXECUTOR_ERROR");
    });

    it("TerminateRunGroup on a running retry", async () => {
        const seed = await fx.seed();
        const retry = goOk(
            await goCall(fx.peers, fx.creds, fx.url, REGION, { action: "RetryRuns", params: { ProjectId: seed.ProjectId, RunGroupId: seed.RunGroupId } }),
        );
        const t = goOk(
            await goCall(fx.peers, fx.creds, fx.url, REGION, {
                action: "TerminateRunGroup",
                params: { ProjectId: seed.ProjectId, RunGroupId: retry.RunGroupId },
            }),
        );
        assert.deepEqual(Object.keys(t), ["RequestId"]);
    });

    it("errors come back as TencentCloudSDKError with Tencent's code and a RequestId (same codes as Node)", async () => {
        const seed = await fx.seed();
        const missing = { ProjectId: seed.ProjectId, RunGroupId: "run-absent-grey-mole-000001" };
        const [wrongKey, region, notFound] = await goCalls(fx.peers, fx.creds, fx.url, REGION, [
            { action: "DescribeProjects", params: {}, key: "wrong" },
            { action: "DescribeProjects", params: {}, region: "ap-nowhere-1" },
            { action: "RetryRuns", params: missing },
        ]);
        goErr(wrongKey, "AuthFailure.SignatureFailure");
        goErr(region, "UnsupportedRegion");
        goErr(notFound, "ResourceNotFound.RunGroupNotExist");
        assert.equal((await nodeCall(nodeClient(fx.creds, fx.url, "ap-nowhere-1"), "DescribeProjects", {})).code, "UnsupportedRegion");
        assert.equal((await nodeCall(fx.node, "RetryRuns", missing)).code, "ResourceNotFound.RunGroupNotExist");
    });
});

// Found by these tests: the emulator used to answer an oversized body early with
// `Connection: close`, so Node closed the socket while the client still wrote its body and the
// official Go SDK (net/http) reported `write: broken pipe` instead of the answer (2-5 of 10 tries
// at 6-23 MB). The emulator now reads and discards the body (up to 64 MiB) before answering
// (emulator/http/body.ts drainBody); these tests keep it that way.
describe("conformance: oversized bodies through the official Go and Python SDKs", function () {
    const fx = useConformanceFixture();
    this.timeout(120_000);

    for (const mb of [6, 23]) {
        it(`a ${mb} MB request body is answered RequestSizeLimitExceeded, every time (10 tries per SDK)`, async () => {
            const uuids = Array.from({ length: Math.ceil((mb * 1e6) / 39) }, () => "7b501b32-4e42-456a-9d54-aa3c9791beb0");
            const calls = Array.from({ length: 10 }, () => ({ action: "DescribeRuns", params: { Filters: [{ Name: "RunUuid", Values: uuids }] } }));
            const go = await goCalls(fx.peers, fx.creds, fx.url, REGION, calls);
            const py = await pythonCalls(fx.peers, fx.creds, fx.url, REGION, calls);
            const tally = (rs: { code?: string }[]): Record<string, number> => {
                const t: Record<string, number> = {};
                for (const r of rs) t[r.code ?? "success"] = (t[r.code ?? "success"] ?? 0) + 1;
                return t;
            };
            const goBad = go.find((r) => r.code !== "RequestSizeLimitExceeded");
            assert.deepEqual(
                { go: tally(go), python: tally(py) },
                { go: { RequestSizeLimitExceeded: 10 }, python: { RequestSizeLimitExceeded: 10 } },
                goBad ? `Go SDK sample failure: ${goBad.code}: ${goBad.message} (${goBad.cause ?? ""})` : "",
            );
            // The emulator keeps serving afterwards.
            goOk(await goCall(fx.peers, fx.creds, fx.url, REGION, { action: "DescribeProjects", params: {} }));
        });
    }
});
