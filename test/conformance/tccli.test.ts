// Conformance: tccli, the Tencent Cloud CLI (pinned in scripts/setup/python-peers/tccli-requirements.txt,
// installed in its own venv by scripts/setup/python-peers.sh), against the emulator.
//
// How tccli reaches a local http endpoint (read from tccli 3.1.189.1's source,
// tccli/services/omics/omics_client.py): `--endpoint` is passed unchanged as HttpProfile.endpoint
// and tccli sets no protocol (so the SDK default, https). With a bare `127.0.0.1:PORT` it would
// speak TLS; with `--endpoint http://127.0.0.1:PORT` the SDK sees a URL with a hostname and uses it
// as is, so plain http on loopback works. The SDK then also puts that whole string in the Host
// header and signs it: `host:http://127.0.0.1:PORT`. The emulator must verify the Host header as
// sent for tccli's signatures to pass. `--version 2022-11-28` avoids needing a tccli configure file;
// credentials go through TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY, HOME is a throwaway dir.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { REGION, useConformanceFixture } from "./support/fixture";
import { nodeCall, REPO_ROOT, RUN_GROUP_ID, shape, tccli, type TccliResult, UUID_V4 } from "./support/peers";

/**
 * tccli prints the SDK's response model serialized with every known field, absent ones as null;
 * the Node SDK returns the wire JSON. Absent and null are the same answer: drop nulls on both sides.
 */
function dropNulls(v: any): any {
    if (Array.isArray(v)) return v.map(dropNulls);
    if (v && typeof v === "object") {
        const out: Record<string, any> = {};
        for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = dropNulls(x);
        return out;
    }
    return v;
}

function withoutRequestId(r: Record<string, any> | undefined): Record<string, any> {
    const { RequestId: _ignored, ...rest } = r ?? {};
    return dropNulls(rest);
}

function cliOk(r: TccliResult, what: string): Record<string, any> {
    assert.equal(r.code, 0, `tccli ${what} exited ${r.code}: ${r.stderr.slice(-1500)}`);
    assert.ok(r.json && typeof r.json === "object", `tccli ${what} printed no JSON: ${r.stdout.slice(0, 500)}`);
    assert.match(String(r.json.RequestId), UUID_V4, `tccli ${what}: RequestId`);
    return r.json;
}

function cliErr(r: TccliResult, code: string): void {
    assert.notEqual(r.code, 0, `tccli should fail with ${code}; printed ${r.stdout.slice(0, 500)}`);
    assert.ok(r.error, `tccli printed no TencentCloudSDKException: ${r.stderr.slice(-1500)}`);
    assert.equal(r.error!.code, code, `message: ${r.error!.message}`);
    assert.match(r.error!.requestId, UUID_V4);
}

describe("conformance: tccli (Tencent Cloud CLI) against the emulator", function () {
    const fx = useConformanceFixture();
    this.timeout(60_000);

    it("the project's setup installed exactly the pinned tccli", () => {
        const pins = fs.readFileSync(path.join(REPO_ROOT, "scripts/setup/python-peers/tccli-requirements.txt"), "utf8");
        assert.equal(fx.peers.tccli.packages.tccli, /^tccli==(\S+)$/m.exec(pins)![1]);
        assert.equal(fx.peers.tccli.packages["tencentcloud-sdk-python"], /^tencentcloud-sdk-python==(\S+)$/m.exec(pins)![1]);
    });

    it("DescribeProjects: same data as the Node SDK", async () => {
        const cli = cliOk(await tccli(fx.peers, fx.creds, fx.url, REGION, "DescribeProjects", { Limit: 100 }), "DescribeProjects");
        const node = (await nodeCall(fx.node, "DescribeProjects", { Limit: 100 })).response;
        assert.deepEqual(withoutRequestId(cli), withoutRequestId(node));
        assert.ok(cli.TotalCount >= 1, "a default project per region");
    });

    it("DescribeEnvironments: same data as the Node SDK", async () => {
        const cli = cliOk(await tccli(fx.peers, fx.creds, fx.url, REGION, "DescribeEnvironments", {}), "DescribeEnvironments");
        const node = (await nodeCall(fx.node, "DescribeEnvironments", {})).response;
        assert.deepEqual(withoutRequestId(cli), withoutRequestId(node));
    });

    it("DescribeRunGroups, DescribeRuns, GetRunStatus on a seeded failed group: same data as the Node SDK", async () => {
        const seed = await fx.seed();
        const filters = [{ Name: "RunGroupId", Values: [seed.RunGroupId] }];
        const groups = cliOk(
            await tccli(fx.peers, fx.creds, fx.url, REGION, "DescribeRunGroups", { ProjectId: seed.ProjectId, Filters: filters }),
            "DescribeRunGroups",
        );
        assert.equal(groups.TotalCount, 1);
        assert.equal(groups.RunGroups[0].Status, "COMPLETE_ERROR");
        assert.deepEqual(
            withoutRequestId(groups),
            withoutRequestId((await nodeCall(fx.node, "DescribeRunGroups", { ProjectId: seed.ProjectId, Filters: filters })).response),
        );

        const runs = cliOk(await tccli(fx.peers, fx.creds, fx.url, REGION, "DescribeRuns", { ProjectId: seed.ProjectId, Filters: filters }), "DescribeRuns");
        assert.equal(runs.TotalCount, 3);
        assert.deepEqual(
            withoutRequestId(runs),
            withoutRequestId((await nodeCall(fx.node, "DescribeRuns", { ProjectId: seed.ProjectId, Filters: filters })).response),
        );

        const status = cliOk(
            await tccli(fx.peers, fx.creds, fx.url, REGION, "GetRunStatus", { ProjectId: seed.ProjectId, RunUuid: seed.FailedRunUuids[0] }),
            "GetRunStatus",
        );
        assert.equal(status.Metadata.Status, "EXECUTOR_ERROR");
    });

    it("RetryRuns, all three call shapes, then TerminateRunGroup on the new group", async () => {
        const shapes = [
            (s: any) => ({ ProjectId: s.ProjectId, RunGroupId: s.RunGroupId }),
            (s: any) => ({ ProjectId: s.ProjectId, RunUuids: [s.FailedRunUuids[0]] }),
            (s: any) => ({ ProjectId: s.ProjectId, RunGroupId: s.RunGroupId, RunUuids: [s.FailedRunUuids[0]] }),
        ];
        for (const params of shapes) {
            const seedCli = await fx.seed();
            const seedNode = await fx.seed();
            const cli = cliOk(await tccli(fx.peers, fx.creds, fx.url, REGION, "RetryRuns", params(seedCli)), "RetryRuns");
            const node = (await nodeCall(fx.node, "RetryRuns", params(seedNode))).response;
            assert.deepEqual(shape(dropNulls(cli)), shape(dropNulls(node)));
            assert.match(cli.RunGroupId, RUN_GROUP_ID);
            assert.notEqual(cli.RunGroupId, seedCli.RunGroupId);
            const term = cliOk(
                await tccli(fx.peers, fx.creds, fx.url, REGION, "TerminateRunGroup", { ProjectId: seedCli.ProjectId, RunGroupId: cli.RunGroupId }),
                "TerminateRunGroup",
            );
            assert.deepEqual(Object.keys(term), ["RequestId"]);
        }
    });

    it("wrong secret key -> AuthFailure.SignatureFailure", async () => {
        const wrong = { secretId: fx.creds.secretId, secretKey: `${fx.creds.secretKey.split("").reverse().join("")}x` };
        cliErr(await tccli(fx.peers, wrong, fx.url, REGION, "DescribeProjects"), "AuthFailure.SignatureFailure");
    });

    it("unknown region -> UnsupportedRegion", async () => {
        cliErr(await tccli(fx.peers, fx.creds, fx.url, "ap-nowhere-1", "DescribeProjects"), "UnsupportedRegion");
    });

    it("RetryRuns on a missing run group -> ResourceNotFound.RunGroupNotExist", async () => {
        const seed = await fx.seed();
        cliErr(
            await tccli(fx.peers, fx.creds, fx.url, REGION, "RetryRuns", { ProjectId: seed.ProjectId, RunGroupId: "run-absent-grey-mole-000001" }),
            "ResourceNotFound.RunGroupNotExist",
        );
    });
});
