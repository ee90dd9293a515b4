// Conformance: the official Tencent Cloud Python SDK (tencentcloud-sdk-python-omics + -common,
// pinned in scripts/setup/python-peers/sdk-requirements.txt, installed by
// scripts/setup/python-peers.sh) makes signed calls to the emulator, and gets the same answers as
// the official Node SDK. Neither client was written here, and they differ in ways the emulator
// must absorb exactly as Tencent's gateway does:
//   - the Python SDK signs `host:127.0.0.1:PORT` (Host verbatim, port included) and the service
//     `omics`; the Node SDK signs the host without the port and the service `127`;
//   - the Python SDK sends `{"Limit": 5}` (json.dumps spacing), so the payload hash must be taken
//     over the raw bytes, never over re-serialized JSON;
//   - the Python SDK only recognizes an error answer when Content-Type is exactly
//     `application/json` (or `text/plain`); with e.g. `application/json; charset=utf-8` it would
//     silently treat every error as a success;
//   - the Python SDK's models warn ("fileds are useless") about every response field they do not
//     know, which catches misspelled or invented field names.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { type ConformanceFixture, REGION, SETUP_TIMEOUT_MS, startConformanceFixture, useConformanceFixture } from "./support/fixture";
import { nodeCall, nodeClient, type NodeOutcome, type PyResult, pythonCall, pythonCalls, REPO_ROOT, RUN_GROUP_ID, shape, UUID_V4 } from "./support/peers";

function withoutRequestId(r: Record<string, any> | null | undefined): Record<string, any> {
    const { RequestId: _ignored, ...rest } = r ?? {};
    return rest;
}

/** A successful Python call, with the conformance checks every success must pass. */
function pyOk(r: PyResult): Record<string, any> {
    assert.equal(r.ok, true, `Python SDK call ${r.action} failed: ${r.exception} ${r.code ?? ""} ${r.message ?? ""}`);
    assert.equal(r.response?.status, 200);
    assert.ok(r.raw, `${r.action}: the answer has no Response object`);
    assert.match(String(r.raw!.RequestId), UUID_V4, `${r.action}: RequestId must be a UUID v4`);
    assert.deepEqual(r.uselessFields, [], `${r.action}: the official Python model does not know these response fields: ${r.uselessFields}`);
    // The SDK's typed model saw the same values the wire carried (for every field it knows).
    for (const [k, v] of Object.entries(r.typed ?? {})) {
        if (v !== null && typeof v !== "object") assert.deepEqual(v, r.raw![k], `${r.action}.${k}: typed model differs from wire`);
    }
    return r.raw!;
}

function nodeOk(o: NodeOutcome, action: string): Record<string, any> {
    assert.equal(o.ok, true, `Node SDK call ${action} failed: ${o.code} ${o.message}`);
    return o.response!;
}

/** An error the Python SDK raised as TencentCloudSDKException, parsed from a Tencent error envelope. */
function pyErr(r: PyResult, code: string): void {
    assert.equal(r.ok, false, `${r.action}: expected ${code}, got success ${JSON.stringify(r.raw)}`);
    assert.equal(r.exception, "TencentCloudSDKException", `${r.action}: ${r.exception}: ${r.message}`);
    assert.equal(r.code, code, `${r.action}: code (message: ${r.message})`);
    assert.match(String(r.requestId), UUID_V4, `${r.action}: the exception carries no RequestId`);
    assert.ok(r.message && r.message.length > 0, `${r.action}: empty error message`);
    assert.equal(r.response?.status, 200, "Tencent answers errors with HTTP 200");
}

describe("conformance: official Python SDK against the emulator", function () {
    const fx = useConformanceFixture();
    this.timeout(60_000);

    it("the project's setup installed exactly the pinned SDK versions", () => {
        const pins = fs.readFileSync(path.join(REPO_ROOT, "scripts/setup/python-peers/sdk-requirements.txt"), "utf8");
        for (const name of ["tencentcloud-sdk-python-omics", "tencentcloud-sdk-python-common"]) {
            const m = new RegExp(`^${name}==(\\S+)$`, "m").exec(pins);
            assert.ok(m, `${name} is not pinned`);
            assert.equal(fx.peers.python.packages[name], m![1], `${name} installed version`);
        }
    });

    describe("protocol details the Python SDK depends on", () => {
        it("accepts the Python SDK's signature (host signed with the port, service `omics`, json.dumps spacing)", async () => {
            const r = await pythonCall(fx.peers, fx.creds, fx.url, REGION, { action: "DescribeProjects", params: { Limit: 5, Offset: 0 } });
            // Preconditions that make this test mean what it says: what the SDK really sent.
            assert.equal(r.request?.headers.Host, new URL(fx.url).host);
            assert.match(
                r.request!.headers.Authorization,
                /Credential=[^/]+\/\d{4}-\d{2}-\d{2}\/omics\/tc3_request, SignedHeaders=content-type;host, Signature=/,
            );
            assert.equal(r.request?.body, '{"Limit": 5, "Offset": 0}');
            pyOk(r);
        });

        it("answers with Content-Type exactly application/json, so the SDK can see errors", async () => {
            const [ok, err] = await pythonCalls(fx.peers, fx.creds, fx.url, REGION, [
                { action: "DescribeProjects", params: {} },
                { action: "GetRunStatus", params: { RunUuid: "00000000-0000-4000-8000-000000000000" } },
            ]);
            assert.equal(ok.response?.contentType, "application/json");
            assert.equal(err.response?.contentType, "application/json");
            assert.equal(err.ok, false, "the error answer was taken for a success by the Python SDK");
        });

        it("takes the signature timestamp against real time, not the manual state clock", async () => {
            // SDKs sign with the wall clock. Moving the emulator's simulated time (status changes)
            // must not make their signatures `AuthFailure.SignatureExpire`.
            await fx.ctl.advanceClock(3600);
            const r = await pythonCall(fx.peers, fx.creds, fx.url, REGION, { action: "DescribeEnvironments", params: {} });
            pyOk(r);
        });

        it("accepts X-TC-Language en-US as well as the SDK's default zh-CN", async () => {
            const [r] = await pythonCalls(fx.peers, fx.creds, fx.url, REGION, [{ action: "DescribeProjects", params: {} }], { language: "en-US" });
            assert.equal(r.request?.headers["X-TC-Language"], "en-US");
            pyOk(r);
        });
    });

    describe("RetryRuns: the three call shapes of Tencent's examples", () => {
        const shapes: [string, (s: any) => Record<string, unknown>][] = [
            ["Example 1: ProjectId + RunGroupId (retry the run group)", (s) => ({ ProjectId: s.ProjectId, RunGroupId: s.RunGroupId })],
            ["Example 2: ProjectId + RunUuids (retry a single run)", (s) => ({ ProjectId: s.ProjectId, RunUuids: [s.FailedRunUuids[0]] })],
            [
                "Example 3: ProjectId + RunGroupId + RunUuids (a run within the group)",
                (s) => ({ ProjectId: s.ProjectId, RunGroupId: s.RunGroupId, RunUuids: [s.FailedRunUuids[0]] }),
            ],
        ];
        for (const [title, params] of shapes) {
            it(`${title}: same answer through the Python and the Node SDK`, async () => {
                const seedPy = await fx.seed();
                const seedNode = await fx.seed();
                await fx.ctl.clearRequests();
                const py = pyOk(await pythonCall(fx.peers, fx.creds, fx.url, REGION, { action: "RetryRuns", params: params(seedPy) }));
                const node = nodeOk(await nodeCall(fx.node, "RetryRuns", params(seedNode)), "RetryRuns");
                assert.deepEqual(shape(py), shape(node), "Python and Node answers differ in shape");
                assert.deepEqual(Object.keys(py).sort(), ["RequestId", "RunGroupId"]);
                assert.match(py.RunGroupId, RUN_GROUP_ID);
                assert.notEqual(py.RunGroupId, seedPy.RunGroupId, "RetryRuns must answer with the new run group");
                assert.notEqual(py.RequestId, node.RequestId);

                // The new group really exists and belongs to the same project, seen through the Python SDK.
                const described = pyOk(
                    await pythonCall(fx.peers, fx.creds, fx.url, REGION, {
                        action: "DescribeRunGroups",
                        params: { ProjectId: seedPy.ProjectId, Filters: [{ Name: "RunGroupId", Values: [py.RunGroupId] }] },
                    }),
                );
                assert.equal(described.TotalCount, 1);
                assert.equal(described.RunGroups[0].RunGroupId, py.RunGroupId);
                assert.equal(described.RunGroups[0].ProjectId, seedPy.ProjectId);

                // The emulator logged the Python SDK's call with the parameters it really sent.
                const entries = await fx.ctl.requests("RetryRuns");
                assert.equal(entries.length, 2, "one RetryRuns from each SDK");
                const mine = entries.find((e) => e.requestId === py.RequestId);
                assert.ok(mine, "the Python SDK's call is in the request log under its RequestId");
                assert.deepEqual(mine.params, params(seedPy));
                assert.ok(!JSON.stringify(entries).includes(fx.creds.secretKey), "the request log must never hold secrets");
            });
        }
    });

    describe("read actions: the Python and the Node SDK see identical data", () => {
        let seed: any;
        before(async () => {
            seed = await fx.seed();
        });

        async function both(action: string, params: Record<string, unknown>): Promise<{ py: Record<string, any>; node: Record<string, any> }> {
            const py = pyOk(await pythonCall(fx.peers, fx.creds, fx.url, REGION, { action, params }));
            const node = nodeOk(await nodeCall(fx.node, action, params), action);
            assert.deepEqual(withoutRequestId(py), withoutRequestId(node), `${action}: Python and Node SDK answers differ`);
            return { py, node };
        }

        it("DescribeRunGroups (filter by RunGroupId)", async () => {
            const { py } = await both("DescribeRunGroups", { ProjectId: seed.ProjectId, Filters: [{ Name: "RunGroupId", Values: [seed.RunGroupId] }] });
            assert.equal(py.TotalCount, 1);
            const g = py.RunGroups[0];
            assert.equal(g.RunGroupId, seed.RunGroupId);
            assert.equal(g.Status, "COMPLETE_ERROR");
            assert.equal(g.TotalRun, 3);
            assert.ok(Array.isArray(g.RunStatusCounts));
        });

        it("DescribeRunGroups (paging: Limit/Offset, TotalCount)", async () => {
            const { py } = await both("DescribeRunGroups", { ProjectId: seed.ProjectId, Limit: 1, Offset: 0 });
            assert.equal(py.RunGroups.length, 1);
            assert.ok(py.TotalCount >= 1);
        });

        it("DescribeRuns (filter by RunGroupId)", async () => {
            const { py } = await both("DescribeRuns", { ProjectId: seed.ProjectId, Filters: [{ Name: "RunGroupId", Values: [seed.RunGroupId] }] });
            assert.equal(py.TotalCount, 3);
            assert.deepEqual(py.Runs.map((r: any) => r.RunUuid).sort(), [...seed.RunUuids].sort());
            for (const run of py.Runs) assert.match(run.RunUuid, UUID_V4);
            const failed = py.Runs.filter((r: any) => r.Status === "EXECUTOR_ERROR").map((r: any) => r.RunUuid);
            assert.deepEqual(failed.sort(), [...seed.FailedRunUuids].sort());
        });

        it("GetRunStatus (the failed run)", async () => {
            const { py } = await both("GetRunStatus", { ProjectId: seed.ProjectId, RunUuid: seed.FailedRunUuids[0] });
            assert.ok(py.Metadata, "GetRunStatus answers with Metadata");
            // The official RunMetadata model calls the run's UUID `RunId` (it has no `RunUuid`).
            assert.equal(py.Metadata.RunId, seed.FailedRunUuids[0]);
            assert.equal(py.Metadata.Status, "EXECUTOR_ERROR");
        });

        it("DescribeProjects", async () => {
            const { py } = await both("DescribeProjects", { Limit: 100 });
            assert.ok(
                py.Projects.some((p: any) => p.ProjectId === seed.ProjectId),
                "the seed's project is listed",
            );
            assert.equal(py.TotalCount, py.Projects.length);
        });

        it("DescribeEnvironments", async () => {
            const { py } = await both("DescribeEnvironments", { Limit: 100 });
            assert.ok(
                py.Environments.some((e: any) => e.EnvironmentId === seed.EnvironmentId),
                "the seed's environment is listed",
            );
            for (const e of py.Environments) assert.match(e.EnvironmentId, /^env-[0-9a-z]{8}$/);
        });
    });

    it("TerminateRunGroup: a running retry is terminated through either SDK, with the same answer", async () => {
        const [a, b] = [await fx.seed(), await fx.seed()];
        const retryA = pyOk(
            await pythonCall(fx.peers, fx.creds, fx.url, REGION, { action: "RetryRuns", params: { ProjectId: a.ProjectId, RunGroupId: a.RunGroupId } }),
        );
        const retryB = nodeOk(await nodeCall(fx.node, "RetryRuns", { ProjectId: b.ProjectId, RunGroupId: b.RunGroupId }), "RetryRuns");
        const py = pyOk(
            await pythonCall(fx.peers, fx.creds, fx.url, REGION, {
                action: "TerminateRunGroup",
                params: { ProjectId: a.ProjectId, RunGroupId: retryA.RunGroupId },
            }),
        );
        const node = nodeOk(await nodeCall(fx.node, "TerminateRunGroup", { ProjectId: b.ProjectId, RunGroupId: retryB.RunGroupId }), "TerminateRunGroup");
        assert.deepEqual(Object.keys(py), ["RequestId"]);
        assert.deepEqual(shape(py), shape(node));
        const after = pyOk(
            await pythonCall(fx.peers, fx.creds, fx.url, REGION, {
                action: "DescribeRunGroups",
                params: { ProjectId: a.ProjectId, Filters: [{ Name: "RunGroupId", Values: [retryA.RunGroupId] }] },
            }),
        );
        assert.ok(["TERMINATING", "TERMINATED"].includes(after.RunGroups[0].Status), `status after TerminateRunGroup: ${after.RunGroups[0].Status}`);
    });

    describe("request encodings only the Python SDK produces", () => {
        it("RetryRuns with a WDLOption override (nested model serialized by the SDK) is applied to the new group", async () => {
            const seed = await fx.seed();
            const WDLOption = { FailureMode: "NoNewCalls", UseCallCache: false, UseErrorOnHold: true };
            const retry = pyOk(
                await pythonCall(fx.peers, fx.creds, fx.url, REGION, {
                    action: "RetryRuns",
                    params: { ProjectId: seed.ProjectId, RunGroupId: seed.RunGroupId, WDLOption },
                }),
            );
            const d = pyOk(
                await pythonCall(fx.peers, fx.creds, fx.url, REGION, {
                    action: "DescribeRunGroups",
                    params: { ProjectId: seed.ProjectId, Filters: [{ Name: "RunGroupId", Values: [retry.RunGroupId] }] },
                }),
            );
            assert.equal(d.RunGroups[0].Option.FailureMode, "NoNewCalls");
            assert.equal(d.RunGroups[0].Option.UseCallCache, false);
            assert.equal(d.RunGroups[0].Option.UseErrorOnHold, true);
        });

        it("RetryRuns of a NEXTFLOW group with an NFOption override", async () => {
            const seed = await fx.seed({ type: "NEXTFLOW" });
            const NFOption = { NFVersion: "23.10.1", Profile: "docker", Resume: true };
            const retry = pyOk(
                await pythonCall(fx.peers, fx.creds, fx.url, REGION, {
                    action: "RetryRuns",
                    params: { ProjectId: seed.ProjectId, RunGroupId: seed.RunGroupId, NFOption },
                }),
            );
            const d = pyOk(
                await pythonCall(fx.peers, fx.creds, fx.url, REGION, {
                    action: "DescribeRunGroups",
                    params: { ProjectId: seed.ProjectId, Filters: [{ Name: "RunGroupId", Values: [retry.RunGroupId] }] },
                }),
            );
            assert.equal(d.RunGroups[0].Type, "NEXTFLOW");
            assert.equal(d.RunGroups[0].NFOption?.NFVersion, "23.10.1");
            assert.equal(d.RunGroups[0].NFOption?.Profile, "docker");
        });

        it("non-ASCII filter values: Python sends \\uXXXX escapes, Node raw UTF-8; both find the group", async () => {
            const name = `重试-組-${Date.now() % 100000}`;
            const seed = await fx.seed({ name });
            const params = { ProjectId: seed.ProjectId, Filters: [{ Name: "Name", Values: [name] }] };
            const r = await pythonCall(fx.peers, fx.creds, fx.url, REGION, { action: "DescribeRunGroups", params });
            assert.ok(r.request?.body.includes("\\u91cd\\u8bd5"), "precondition: the SDK escaped the name");
            const py = pyOk(r);
            const node = nodeOk(await nodeCall(fx.node, "DescribeRunGroups", params), "DescribeRunGroups");
            assert.equal(py.TotalCount, 1);
            assert.equal(py.RunGroups[0].Name, name);
            assert.deepEqual(withoutRequestId(py), withoutRequestId(node));
        });

        it("every documented Omics region is accepted and has its own default project", async () => {
            const regions = ["ap-beijing", "ap-guangzhou", "ap-shanghai", "ap-hongkong", "ap-singapore", "eu-frankfurt"];
            const results = await pythonCalls(
                fx.peers,
                fx.creds,
                fx.url,
                REGION,
                regions.map((region) => ({ action: "DescribeProjects", params: {}, region })),
            );
            results.forEach((r, i) => {
                const res = pyOk(r);
                assert.equal(r.request?.headers["X-TC-Region"], regions[i]);
                assert.ok(
                    res.Projects.some((p: any) => p.Region === regions[i] && p.IsDefault === true),
                    `${regions[i]}: no default project in ${JSON.stringify(res.Projects.map((p: any) => [p.Region, p.IsDefault]))}`,
                );
            });
        });

        // The Python SDK can also send GET (query string, TC3 over the query) or sign with the legacy
        // HmacSHA256 scheme (form-encoded POST). Tencent's gateway takes both; the emulator documents
        // POST + JSON + TC3 only. Whatever it answers must be a Tencent envelope the SDK understands:
        // either the right data or a TencentCloudSDKException with a code and a RequestId, never a
        // hang, a dropped connection or a body the SDK cannot parse.
        for (const [label, opts] of [
            ["GET with a TC3 signature", { reqMethod: "GET" as const }],
            ["legacy HmacSHA256 signature (form-encoded POST)", { signMethod: "HmacSHA256" as const }],
        ] as const) {
            it(`${label}: a well-formed Tencent answer either way`, async () => {
                const [r] = await pythonCalls(fx.peers, fx.creds, fx.url, REGION, [{ action: "DescribeProjects", params: { Limit: 5 } }], opts);
                if (r.ok) {
                    assert.ok(Array.isArray(pyOk(r).Projects));
                } else {
                    assert.equal(r.exception, "TencentCloudSDKException", `${r.exception}: ${r.message}`);
                    assert.notEqual(r.code, "ClientNetworkError", `no answer: ${r.message}`);
                    assert.notEqual(r.code, "ServerNetworkError", `non-200 answer: ${r.message}`);
                    assert.match(String(r.requestId), UUID_V4);
                }
            });
        }
    });

    describe("errors surface as TencentCloudSDKException with Tencent's code and a RequestId", () => {
        it("wrong secret key -> AuthFailure.SignatureFailure (same as the Node SDK)", async () => {
            const r = await pythonCall(fx.peers, fx.creds, fx.url, REGION, { action: "DescribeProjects", params: {}, key: "wrong" });
            pyErr(r, "AuthFailure.SignatureFailure");
            const wrong = nodeClient({ secretId: fx.creds.secretId, secretKey: `${fx.creds.secretKey.split("").reverse().join("")}x` }, fx.url, REGION);
            const n = await nodeCall(wrong, "DescribeProjects", {});
            assert.equal(n.code, r.code);
        });

        it("unknown region -> UnsupportedRegion (same as the Node SDK)", async () => {
            const r = await pythonCall(fx.peers, fx.creds, fx.url, REGION, { action: "DescribeProjects", params: {}, region: "ap-nowhere-1" });
            pyErr(r, "UnsupportedRegion");
            const n = await nodeCall(nodeClient(fx.creds, fx.url, "ap-nowhere-1"), "DescribeProjects", {});
            assert.equal(n.code, "UnsupportedRegion");
        });

        it("RetryRuns on a run group that does not exist -> ResourceNotFound.RunGroupNotExist", async () => {
            const seed = await fx.seed();
            const params = { ProjectId: seed.ProjectId, RunGroupId: "run-absent-grey-mole-000001" };
            const r = await pythonCall(fx.peers, fx.creds, fx.url, REGION, { action: "RetryRuns", params });
            pyErr(r, "ResourceNotFound.RunGroupNotExist");
            const n = await nodeCall(fx.node, "RetryRuns", params);
            assert.equal(n.code, r.code);
            assert.notEqual(n.requestId, r.requestId, "every answer has a fresh RequestId");
        });

        it("RetryRuns on a run group that is still running -> FailedOperation.StatusNotSupported", async () => {
            const seed = await fx.seed();
            const retry = pyOk(
                await pythonCall(fx.peers, fx.creds, fx.url, REGION, {
                    action: "RetryRuns",
                    params: { ProjectId: seed.ProjectId, RunGroupId: seed.RunGroupId },
                }),
            );
            const r = await pythonCall(fx.peers, fx.creds, fx.url, REGION, {
                action: "RetryRuns",
                params: { ProjectId: seed.ProjectId, RunGroupId: retry.RunGroupId },
            });
            pyErr(r, "FailedOperation.StatusNotSupported");
        });

        it("an error injected through the control plane reaches the SDK with its code", async () => {
            await fx.ctl.addFault({ action: "RetryRuns", error: { code: "ResourceNotFound.RunGroupNotExist", message: "injected" }, count: 1 });
            const seed = await fx.seed();
            const r = await pythonCall(fx.peers, fx.creds, fx.url, REGION, {
                action: "RetryRuns",
                params: { ProjectId: seed.ProjectId, RunGroupId: seed.RunGroupId },
            });
            pyErr(r, "ResourceNotFound.RunGroupNotExist");
            // count: 1 -> the next identical call goes through.
            pyOk(
                await pythonCall(fx.peers, fx.creds, fx.url, REGION, {
                    action: "RetryRuns",
                    params: { ProjectId: seed.ProjectId, RunGroupId: seed.RunGroupId },
                }),
            );
        });

        it("an unknown secret id -> AuthFailure.SecretIdNotFound", async () => {
            const r = await pythonCall(fx.peers, { secretId: "AKIDUNKNOWNUNKNOWNUNKNOWNUNKNOWN00", secretKey: fx.creds.secretKey }, fx.url, REGION, {
                action: "DescribeProjects",
                params: {},
            });
            pyErr(r, "AuthFailure.SecretIdNotFound");
        });
    });
});

describe("conformance: official Python SDK with temporary credentials (X-TC-Token)", function () {
    let fx: ConformanceFixture;
    const temp = { secretId: "AKIDOMICSCONFORMANCETEMP0000000000", secretKey: "conformance-temp-secret-key-000000", token: "conformance-session-token-000000" };

    before(async function () {
        this.timeout(SETUP_TIMEOUT_MS + 60_000);
        fx = await startConformanceFixture({ credentials: [temp] });
    });
    after(async () => {
        await fx?.close();
    });
    this.timeout(60_000);

    it("the right token is accepted", async () => {
        const r = await pythonCall(fx.peers, temp, fx.url, REGION, { action: "DescribeProjects", params: {} });
        assert.ok(r.request?.headers["X-TC-Token"], "the SDK sent X-TC-Token");
        pyOk(r);
    });

    it("a wrong token -> AuthFailure.TokenFailure", async () => {
        const r = await pythonCall(fx.peers, { ...temp, token: "not-the-session-token" }, fx.url, REGION, { action: "DescribeProjects", params: {} });
        pyErr(r, "AuthFailure.TokenFailure");
    });

    it("no token for temporary credentials -> an AuthFailure", async () => {
        const r = await pythonCall(fx.peers, { secretId: temp.secretId, secretKey: temp.secretKey }, fx.url, REGION, {
            action: "DescribeProjects",
            params: {},
        });
        assert.equal(r.ok, false);
        assert.match(String(r.code), /^AuthFailure\./);
    });
});

describe("conformance: faults, limits and retry lineage as the Python SDK sees them", function () {
    let fx: ConformanceFixture;

    before(async function () {
        this.timeout(SETUP_TIMEOUT_MS + 60_000);
        fx = await startConformanceFixture();
    });
    afterEach(async () => {
        await fx?.ctl.clearFaults();
    });
    after(async () => {
        await fx?.close();
    });
    this.timeout(60_000);

    it("an injected HTTP 503 is a non-200 answer to the SDK (ServerNetworkError), then service resumes", async () => {
        await fx.ctl.addFault({ action: "DescribeProjects", httpStatus: 503, count: 1 });
        const [first, second] = await pythonCalls(fx.peers, fx.creds, fx.url, REGION, [
            { action: "DescribeProjects", params: {} },
            { action: "DescribeProjects", params: {} },
        ]);
        assert.equal(first.ok, false);
        assert.equal(first.code, "ServerNetworkError", `${first.exception} ${first.code} ${first.message}`);
        assert.equal(first.response?.status, 503);
        pyOk(second);
    });

    it("a connection dropped before processing is a network error to the SDK and changes nothing", async () => {
        const seed = await fx.seed();
        await fx.ctl.addFault({ action: "RetryRuns", drop: "before", count: 1 });
        const r = await pythonCall(fx.peers, fx.creds, fx.url, REGION, {
            action: "RetryRuns",
            params: { ProjectId: seed.ProjectId, RunGroupId: seed.RunGroupId },
        });
        assert.equal(r.ok, false);
        assert.equal(r.code, "ClientNetworkError", `${r.exception} ${r.code} ${r.message}`);
        const groups = pyOk(
            await pythonCall(fx.peers, fx.creds, fx.url, REGION, {
                action: "DescribeRunGroups",
                params: { ProjectId: seed.ProjectId, Filters: [{ Name: "Name", Values: ["seeded-run-group"] }], Limit: 100 },
            }),
        );
        const before = groups.TotalCount;
        // Retrying now works, and creates exactly one new group.
        pyOk(await pythonCall(fx.peers, fx.creds, fx.url, REGION, { action: "RetryRuns", params: { ProjectId: seed.ProjectId, RunGroupId: seed.RunGroupId } }));
        const after = pyOk(
            await pythonCall(fx.peers, fx.creds, fx.url, REGION, {
                action: "DescribeRunGroups",
                params: { ProjectId: seed.ProjectId, Filters: [{ Name: "Name", Values: ["seeded-run-group"] }], Limit: 100 },
            }),
        );
        assert.equal(after.TotalCount, before + 1);
    });

    it("a connection dropped after processing: the SDK sees a network error, the retry did happen", async () => {
        const seed = await fx.seed();
        await fx.ctl.clearRequests();
        await fx.ctl.addFault({ action: "RetryRuns", drop: "after", count: 1 });
        const r = await pythonCall(fx.peers, fx.creds, fx.url, REGION, {
            action: "RetryRuns",
            params: { ProjectId: seed.ProjectId, RunGroupId: seed.RunGroupId },
        });
        assert.equal(r.ok, false);
        assert.equal(r.code, "ClientNetworkError", `${r.exception} ${r.code} ${r.message}`);
        const log = await fx.ctl.requests("RetryRuns");
        assert.equal(log.length, 1);
        const created = (log[0] as any).response?.RunGroupId;
        assert.ok(created, `the log records the accepted call's new RunGroupId: ${JSON.stringify(log[0])}`);
        const d = pyOk(
            await pythonCall(fx.peers, fx.creds, fx.url, REGION, {
                action: "DescribeRunGroups",
                params: { ProjectId: seed.ProjectId, Filters: [{ Name: "RunGroupId", Values: [created] }] },
            }),
        );
        assert.equal(d.TotalCount, 1, "the group created before the drop exists");
    });

    it("a run lineage retried through the Python SDK hits FailedOperation.RetryLimitExceeded after 3 retries", async () => {
        const seed = await fx.seed({ retryOutcome: "EXECUTOR_ERROR" });
        let group = seed.RunGroupId;
        for (let i = 1; i <= 3; i++) {
            const retry = pyOk(
                await pythonCall(fx.peers, fx.creds, fx.url, REGION, { action: "RetryRuns", params: { ProjectId: seed.ProjectId, RunGroupId: group } }),
            );
            await fx.ctl.advanceClock(600); // the retried runs fail again (seeded retryOutcome)
            const d = pyOk(
                await pythonCall(fx.peers, fx.creds, fx.url, REGION, {
                    action: "DescribeRunGroups",
                    params: { ProjectId: seed.ProjectId, Filters: [{ Name: "RunGroupId", Values: [retry.RunGroupId] }] },
                }),
            );
            assert.equal(d.RunGroups[0].Status, "COMPLETE_ERROR", `retry ${i} finished failed`);
            group = retry.RunGroupId;
        }
        const r = await pythonCall(fx.peers, fx.creds, fx.url, REGION, { action: "RetryRuns", params: { ProjectId: seed.ProjectId, RunGroupId: group } });
        pyErr(r, "FailedOperation.RetryLimitExceeded");
    });
});

describe("conformance: the rate limit as the Python SDK sees it", function () {
    const fx = useConformanceFixture({ rateLimitPerSecond: 2 });
    this.timeout(60_000);

    it("bursts over the limit get RequestLimitExceeded as TencentCloudSDKException with a RequestId", async () => {
        const results = await pythonCalls(
            fx.peers,
            fx.creds,
            fx.url,
            REGION,
            Array.from({ length: 8 }, () => ({ action: "DescribeProjects", params: {} })),
        );
        pyOk(results[0]);
        const limited = results.filter((r) => !r.ok);
        assert.ok(limited.length >= 1, "8 calls in a burst with a limit of 2 per second: none was limited");
        for (const r of limited) pyErr(r, "RequestLimitExceeded");
    });
});
