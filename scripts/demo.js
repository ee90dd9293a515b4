#!/usr/bin/env node
// `npm run demo`: the whole product on one machine, offline.
//  1. installs dependencies, builds, and makes sure the real Pulumi engine exists;
//  2. starts the Omics emulator (a separate process) and seeds a failed run group;
//  3. creates a fresh local stack of the root project (examples/quickstart) pointed at it;
//  4. `pulumi preview --diff`, then `pulumi up`;
//  5. shows the new run group as the emulator sees it, runs `pulumi up` again to show that an
//     unchanged program makes no RetryRuns call, and stops the emulator cleanly.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { setup, repoRoot } = require("./setup");
const { run } = require("./lib/run");
const { step } = require("./lib/log");
const { startEmulatorProcess } = require("./lib/emulator-process");

const demoDir = path.join(repoRoot, ".tools", "demo");
const STACK = "demo";

async function main() {
    await setup();
    const { ensureEngine } = require("./engine/ensure-engine");
    const engine = await ensureEngine();
    const { EmulatorControl, DEMO_CREDENTIALS } = require(path.join(repoRoot, "lib", "emulator"));

    // A fresh demo every time: new emulator state, new local backend.
    fs.rmSync(demoDir, { recursive: true, force: true });
    fs.mkdirSync(path.join(demoDir, "state"), { recursive: true });
    fs.mkdirSync(path.join(demoDir, "home"), { recursive: true });

    step("starting the Omics emulator");
    const emulator = await startEmulatorProcess(repoRoot, ["--port", "0", "--clock", "realtime", "--state", path.join(demoDir, "emulator-state.json")]);
    let emulatorStopped = false;
    const stopEmulator = async () => {
        if (emulatorStopped) return;
        emulatorStopped = true;
        const code = await emulator.stop();
        step(`emulator stopped (exit code ${code})`);
    };
    process.once("SIGINT", () => stopEmulator().then(() => process.exit(130)));
    try {
        const control = new EmulatorControl(emulator.url);
        const seeded = await control.seedFailedRunGroup({ region: "ap-guangzhou", runs: 3, failedRuns: 2 });
        step(
            `emulator at ${emulator.url}; seeded run group ${seeded.RunGroupId} with ${seeded.FailedRunUuids.length} failed runs of ${seeded.RunUuids.length}`,
        );

        const env = {
            ...process.env,
            ...engine.env,
            PULUMI_BACKEND_URL: `file://${path.join(demoDir, "state")}`,
            PULUMI_HOME: path.join(demoDir, "home"),
            PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "omics-demo-passphrase",
        };
        const configFile = path.join(demoDir, `Pulumi.${STACK}.yaml`);
        const pulumi = (args, opts = {}) => run(engine.pulumi, [...args, "--non-interactive"], { cwd: repoRoot, env, ...opts });
        const withConfig = ["--stack", STACK, "--config-file", configFile];

        await pulumi(["stack", "init", STACK]);
        await pulumi(["config", "set", "runGroupId", seeded.RunGroupId, ...withConfig]);
        await pulumi(["config", "set", "tencentcloud:region", "ap-guangzhou", ...withConfig]);
        await pulumi(["config", "set", "tencentcloud-omics:endpoint", emulator.url, ...withConfig]);
        await pulumi(["config", "set", "--plaintext", "tencentcloud:secretId", DEMO_CREDENTIALS.secretId, ...withConfig]);
        await pulumi(["config", "set", "--secret", "tencentcloud:secretKey", DEMO_CREDENTIALS.secretKey, ...withConfig]);

        step("pulumi preview --diff");
        await pulumi(["preview", "--diff", ...withConfig]);
        step("pulumi up");
        await pulumi(["up", "--yes", "--skip-preview", ...withConfig]);

        const { stdout } = await pulumi(["stack", "output", "newRunGroupId", "--stack", STACK], { capture: true });
        const newRunGroupId = stdout.trim();
        const { RunGroups } = await describeRunGroup(emulator.url, DEMO_CREDENTIALS, newRunGroupId);
        const group = RunGroups[0];
        step(`the emulator's view of the new run group ${newRunGroupId}:`);
        console.log(
            JSON.stringify(
                {
                    RunGroupId: group.RunGroupId,
                    Name: group.Name,
                    Status: group.Status,
                    TotalRun: group.TotalRun,
                    RunStatusCounts: group.RunStatusCounts,
                    CreateTime: group.CreateTime,
                },
                null,
                2,
            ),
        );

        step("pulumi up again: same inputs, so nothing to do and no RetryRuns call");
        await pulumi(["up", "--yes", "--skip-preview", ...withConfig]);
        const retries = await control.requests("RetryRuns");
        step(`RetryRuns calls the emulator received in total: ${retries.length}`);
        step(`done; the stack's state is in ${path.relative(repoRoot, demoDir)} (run \`npm run demo\` again for a fresh one)`);
    } finally {
        await stopEmulator();
    }
}

/** Reads the group through the official SDK, as any Tencent client would. */
function describeRunGroup(url, credentials, runGroupId) {
    const { Client } = require("tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_client");
    const client = new Client({
        credential: { secretId: credentials.secretId, secretKey: credentials.secretKey },
        region: "ap-guangzhou",
        profile: { httpProfile: { endpoint: url.replace(/^http:\/\//, ""), protocol: "http://" } },
    });
    return client.DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [runGroupId] }] });
}

main().catch((err) => {
    console.error(`[omics] demo failed: ${err.message}`);
    process.exit(1);
});
