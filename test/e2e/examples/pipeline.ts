// examples/pipeline: the Automation API script a CI job runs, as a child process against a stack
// on the shared backend: the reviewed plan as JSON and Markdown, the exit code of each outcome,
// and `up` only with approval.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { DEMO_CREDENTIALS } from "../../../emulator";
import { retriedByHand } from "../support/byHand";
import { useCliCleanup } from "../support/cliProcess";
import { calls, countingCalls, only } from "../support/requests";
import type { ExamplesHarness } from "./harness";
import { runPipeline, runPipelineRaw, type PipelineRun } from "./pipelineScript";
import { installExample, type UserProject } from "./userProject";

const retriesConfig = (retries: Record<string, Record<string, unknown>>) => ({ value: JSON.stringify(retries) });

export function pipelineSuite(harness: () => ExamplesHarness): void {
    describe("examples/pipeline (pipeline.ts through the Automation API)", () => {
        useCliCleanup();
        let project: UserProject;
        let stack: Stack;
        let env: Record<string, string>;
        let groupA: string;
        let retriedA: string;
        const seen: PipelineRun[] = [];
        const pipeline = async (extra: string[] = [], extraEnv: Record<string, string> = {}): Promise<PipelineRun> => {
            const run = await runPipeline(project.dir, "ci", { ...env, ...extraEnv }, extra);
            seen.push(run);
            return run;
        };

        before(async () => {
            const h = harness();
            project = await installExample("pipeline");
            env = await h.childEnv();
            const seeded = await h.control.seedFailedRunGroup({ runs: 3, failedRuns: 2, retryOutcome: "EXECUTOR_ERROR" });
            groupA = seeded.RunGroupId;
            stack = await h.stackIn(project.dir, "ci", { retries: retriesConfig({ "nightly-a": { runGroupId: groupA, waitForCompletion: true } }) });
        });
        after(() => {
            // Whatever the runs printed or wrote, the key never appears (it came from the environment).
            for (const run of seen) {
                for (const text of [run.stdout, run.stderr, run.markdown ?? "", JSON.stringify(run.json ?? {})]) {
                    assert.ok(!text.includes(DEMO_CREDENTIALS.secretKey), "the secret key leaked into the pipeline's output");
                }
            }
            project?.remove();
        });

        it("preview only: exit 2, the plan as JSON (stdout and file) and as a Markdown table, no RetryRuns", async () => {
            const { result: run, calls: made } = await countingCalls(harness().control, () => pipeline(["--format", "json"]));
            assert.equal(run.code, 2, run.stderr);
            assert.deepEqual(only(made, "RetryRuns"), []);
            const json = run.json;
            assert.ok(json);
            assert.deepEqual(JSON.parse(run.stdout), json, "--format json prints the report written to --json-file");
            assert.equal(json.status, "changes-pending");
            assert.equal(json.exitCode, 2);
            assert.equal(json.approved, false);
            assert.deepEqual(
                json.retries.map((r) => [r.resource, r.action]),
                [["nightly-a", "create"]],
            );
            const plan = json.retries[0].plan;
            assert.ok(plan);
            assert.equal(plan.runGroupId, groupA);
            assert.equal(plan.summary, "2 of 3 runs failed: executor error: task exited with status 1 (2)");
            assert.equal(plan.retryLimit, 3);
            assert.equal(plan.recovery?.decision, "retry");
            assert.equal(plan.runs.length, 2);
            for (const r of plan.runs) {
                assert.equal(r.errorMessage, "executor error: task exited with status 1");
                assert.equal(r.retriesUsed, 0);
                assert.equal(r.status, "EXECUTOR_ERROR");
            }
            const md = run.markdown ?? "";
            assert.match(md, /^### Omics retries: stack `ci`$/m);
            assert.match(md, /Changes pending review/);
            assert.match(md, /^\| resource \| action \| group \| summary \| runs \| recovery \| warnings \|$/m);
            assert.match(
                md,
                /^\| `nightly-a` \| create \| `run-[^`]+` \(COMPLETE_ERROR\) \| 2 of 3 runs failed: executor error: task exited with status 1 \(2\) \| 2 \| \*\*retry\*\*: /m,
            );
            assert.match(md, /^\| resource \| run \| sample \| status \| error \| retries \|$/m);
            assert.equal((md.match(/\| executor error: task exited with status 1 \| 0 of 3 retries used \|$/gm) ?? []).length, 2, md);
        });

        it("approved (OMICS_PIPELINE_APPROVE=true): exit 0 after exactly one RetryRuns; then exit 0 with nothing to do and no API call", async () => {
            const h = harness();
            const { result: run, calls: made } = await countingCalls(h.control, () => pipeline([], { OMICS_PIPELINE_APPROVE: "true" }));
            assert.equal(run.code, 0, run.stderr);
            assert.equal(only(made, "RetryRuns").length, 1);
            assert.equal(only(made, "RetryRuns")[0].params.RunGroupId, groupA);
            assert.equal(run.json?.status, "applied");
            assert.equal(run.json?.approved, true);
            const newRunGroupIds = (run.json?.outputs?.newRunGroupIds ?? {}) as Record<string, string>;
            retriedA = newRunGroupIds["nightly-a"];
            assert.match(retriedA, /^run-/);
            assert.match(run.stdout, /^Applied: the retries below were made\.$/m, "markdown on stdout by default");
            assert.match(run.stdout, new RegExp(`"nightly-a": "${retriedA}"`));

            const again = await countingCalls(h.control, () => pipeline(["--approve"]));
            assert.equal(again.result.code, 0, again.result.stderr);
            assert.equal(again.result.json?.status, "no-changes");
            assert.deepEqual(again.result.json?.retries, []);
            assert.deepEqual(again.calls, [], "nothing to do: no API call at all");
        });

        it("a futile retry is planned with its warning, the lineage's retries used, and exit 2; a triggers bump as a replace", async () => {
            // nightly-a's runs failed again with the same error (retryOutcome), options unchanged.
            await stack.setConfig(
                "retries",
                retriesConfig({
                    "nightly-a": { runGroupId: groupA, waitForCompletion: true, triggers: { attempt: 2 } },
                    "nightly-a-again": { runGroupId: retriedA },
                }),
            );
            const { result: run, calls: made } = await countingCalls(harness().control, () => pipeline());
            assert.equal(run.code, 2, run.stderr);
            assert.deepEqual(only(made, "RetryRuns"), []);
            assert.deepEqual(
                run.json?.retries.map((r) => [r.resource, r.action]),
                [
                    ["nightly-a", "replace"],
                    ["nightly-a-again", "create"],
                ],
            );
            assert.equal(run.json?.retries[0].plan?.runGroupId, groupA, "a replacement carries its plan too");
            assert.match(run.markdown ?? "", /^\| `nightly-a` \| replace \| `run-/m);
            const plan = run.json?.retries[1].plan;
            assert.ok(plan);
            assert.equal(plan.runs.length, 2);
            assert.ok(
                plan.runs.every((r) => r.retriesUsed === 1),
                JSON.stringify(plan.runs),
            );
            assert.ok(
                (plan.warnings ?? []).some((w) => /failed again with the same error .* retrying unchanged is likely futile/.test(w)),
                JSON.stringify(plan.warnings),
            );
            const md = run.markdown ?? "";
            assert.match(md, /⚠️ sample-\d .*failed again with the same error/);
            assert.equal((md.match(/^\| `nightly-a-again` \| .* \| 1 of 3 retries used \|$/gm) ?? []).length, 2, md);
        });

        it("a second resource retrying runs the recorded one retried: the warning in JSON and Markdown, exit 2", async () => {
            await stack.setConfig(
                "retries",
                retriesConfig({ "nightly-a": { runGroupId: groupA, waitForCompletion: true }, "nightly-a-dup": { runGroupId: groupA } }),
            );
            const { result: run, calls: made } = await countingCalls(harness().control, () => pipeline());
            assert.equal(run.code, 2, run.stderr);
            assert.deepEqual(only(made, "RetryRuns"), []);
            assert.deepEqual(
                run.json?.retries.map((r) => r.resource),
                ["nightly-a-dup"],
            );
            assert.equal(run.json?.warnings.length, 1, JSON.stringify(run.json?.warnings));
            const [warning] = run.json?.warnings ?? [];
            assert.match(warning ?? "", new RegExp(`the same failed runs of ${groupA} are also retried by RunRetry "nightly-a(-dup)?" \\(2 runs: `));
            assert.match(run.markdown ?? "", /^\*\*Warnings\*\*\n\n- ⚠️ nightly-a(-dup)?: the same failed runs of /m);
        });

        it("a lineage at its retry limit: preview refused, exit 1 even with --approve, the reason in JSON and Markdown, no RetryRuns", async () => {
            const h = harness();
            const seeded = await h.control.seedFailedRunGroup({ runs: 2, failedRuns: 1, retryOutcome: "EXECUTOR_ERROR" });
            const exhausted = await retriedByHand(h.url, seeded.RunGroupId, 3);
            await stack.setConfig("retries", retriesConfig({ "nightly-a": { runGroupId: groupA, waitForCompletion: true }, late: { runGroupId: exhausted } }));
            const { result: run, calls: made } = await countingCalls(h.control, () => pipeline(["--approve"]));
            assert.equal(run.code, 1, run.stderr);
            assert.deepEqual(only(made, "RetryRuns"), []);
            assert.equal(run.json?.status, "refused");
            assert.ok(
                run.json?.errors.some((e) => /RunRetry "late": the retry limit \(3, tencentcloud-omics:retryLimit\) is reached for sample-1/.test(e)),
                JSON.stringify(run.json?.errors),
            );
            assert.match(run.markdown ?? "", /The preview failed/);
            assert.match(run.markdown ?? "", /^- .*RunRetry "late": the retry limit \(3/m);
        });

        it("invalid inputs: exit 1 naming the field, before any API call", async () => {
            await stack.setConfig(
                "retries",
                retriesConfig({ "nightly-a": { runGroupId: groupA, waitForCompletion: true }, typo: { runGroupId: "run group 7" } }),
            );
            const { result: run, calls: made } = await countingCalls(harness().control, () => pipeline(["--approve"]));
            assert.equal(run.code, 1, run.stderr);
            assert.equal(run.json?.status, "refused");
            assert.ok(
                run.json?.errors.some((e) => /runGroupId/.test(e)),
                JSON.stringify(run.json?.errors),
            );
            assert.deepEqual(made, [], "offline validation: no API call");
        });

        it("an up that fails after it started: exit 3 with Tencent's error; the next approved run applies it", async () => {
            const h = harness();
            const seeded = await h.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
            await stack.setConfig(
                "retries",
                retriesConfig({ "nightly-a": { runGroupId: groupA, waitForCompletion: true }, "nightly-c": { runGroupId: seeded.RunGroupId } }),
            );
            await h.control.addFault({
                action: "RetryRuns",
                error: { code: "FailedOperation.RetryLimitExceeded", message: "the retry limit of a run is exceeded" },
                count: 1,
            });
            try {
                const { result: run, calls: made } = await countingCalls(h.control, () => pipeline(["--approve"]));
                assert.equal(run.code, 3, run.stderr);
                assert.equal(run.json?.status, "up-failed");
                assert.deepEqual(
                    run.json?.retries.map((r) => r.resource),
                    ["nightly-c"],
                    "the plan reviewed before the up is kept",
                );
                assert.ok(
                    run.json?.errors.some((e) => /FailedOperation\.RetryLimitExceeded/.test(e)),
                    JSON.stringify(run.json?.errors),
                );
                assert.deepEqual(
                    only(made, "RetryRuns").map((c) => c.errorCode),
                    ["FailedOperation.RetryLimitExceeded"],
                );
                assert.match(run.markdown ?? "", /The update failed after it started/);
            } finally {
                await h.control.clearFaults();
            }
            await h.control.clearRequests();
            const retried = await pipeline(["--approve"]);
            assert.equal(retried.code, 0, retried.stderr);
            assert.equal(retried.json?.status, "applied");
            assert.equal(only(await calls(h.control), "RetryRuns").length, 1);
        });

        it("OIDC only (TKE_* variables, no keys): preview and up succeed through AssumeRoleWithWebIdentity; a wrong token fails clearly", async () => {
            const h = harness();
            const role = "qcs::cam::uin/100000000001:roleName/ci-pipeline";
            await h.control.addRole({ roleArn: role });
            await h.control.addOidcProvider({ providerId: "ci-oidc", roleArns: [role] });
            const tokenFile = path.join(project.dir, ".ci-token");
            fs.writeFileSync(tokenFile, await h.control.oidcToken("ci-oidc", { subject: "project/pipeline:ref:main" }));
            const home = fs.mkdtempSync(path.join(project.dir, ".home-"));
            const { TENCENTCLOUD_SECRET_ID: _id, TENCENTCLOUD_SECRET_KEY: _key, ...rest } = env;
            const oidcEnv = {
                ...rest,
                HOME: home, // no ~/.tencentcloud/credentials to fall back on
                TKE_WEB_IDENTITY_TOKEN_FILE: tokenFile,
                TKE_PROVIDER_ID: "ci-oidc",
                TKE_ROLE_ARN: role,
                TKE_REGION: "ap-guangzhou",
            };
            const seeded = await h.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
            await stack.setConfig(
                "retries",
                retriesConfig({ "nightly-a": { runGroupId: groupA, waitForCompletion: true }, oidc: { runGroupId: seeded.RunGroupId } }),
            );
            await h.control.clearRequests();
            const preview = await runPipeline(project.dir, "ci", oidcEnv);
            seen.push(preview);
            assert.equal(preview.code, 2, preview.stderr);
            assert.ok(preview.json?.retries.some((r) => r.resource === "oidc" && r.plan?.runGroupId === seeded.RunGroupId));
            const up = await runPipeline(project.dir, "ci", { ...oidcEnv, OMICS_PIPELINE_APPROVE: "true" });
            seen.push(up);
            assert.equal(up.code, 0, up.stderr);
            assert.equal(up.json?.status, "applied");
            const made = await calls(h.control);
            assert.ok(only(made, "AssumeRoleWithWebIdentity").length >= 1, "the token was exchanged at the emulator's STS");
            const retried = only(made, "RetryRuns").filter((c) => c.params.RunGroupId === seeded.RunGroupId);
            assert.equal(retried.length, 1);
            const logged = (await h.control.requests("RetryRuns")).filter(
                (c) => (c.params as { RunGroupId?: string } | undefined)?.RunGroupId === seeded.RunGroupId,
            );
            assert.equal(logged[0]?.assumedRole?.roleArn, role, "RetryRuns was signed with the role's temporary credential");

            fs.writeFileSync(tokenFile, await h.control.oidcToken("ci-oidc", { expiresInSeconds: -60 }));
            await stack.setConfig(
                "retries",
                retriesConfig({ "nightly-a": { runGroupId: groupA, waitForCompletion: true }, oidc: { runGroupId: seeded.RunGroupId, triggers: { n: 2 } } }),
            );
            const refused = await runPipeline(project.dir, "ci", oidcEnv);
            seen.push(refused);
            assert.equal(refused.code, 1, refused.stderr);
            const text = JSON.stringify(refused.json?.errors ?? []) + refused.stderr;
            assert.match(text, /AssumeRoleWithWebIdentity failed: .*web identity token expired/, text.slice(0, 3000));
        });

        it("bad arguments: exit 1 with the usage, and no engine run", async () => {
            const h = harness();
            await h.control.clearRequests();
            const badFormat = await runPipelineRaw(project.dir, ["--stack", "ci", "--format", "yaml"], env);
            assert.equal(badFormat.code, 1);
            assert.match(badFormat.stderr, /--format must be markdown or json/);
            assert.match(badFormat.stderr, /^exit codes: 0 nothing to do or applied; 1 failed/m);
            assert.equal(badFormat.stdout, "");
            const noStack = await runPipelineRaw(project.dir, [], env);
            assert.equal(noStack.code, 1);
            assert.match(noStack.stderr, /--stack is required/);
            assert.deepEqual(await calls(h.control), []);
        });
    });
}
