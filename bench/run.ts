/**
 * `npm run bench`: the real engine and the emulator at Tencent's 20 requests/second, N RunRetry
 * against N do-nothing dynamic resources in the same engine, at two round-trip times (the
 * emulator's latency fault), for every step a pipeline runs; and the loop of `tccli omics
 * RetryRuns` users would write instead. Writes docs/bench.md and docs/bench.svg.
 *
 *   npm run bench -- [--n 1,50,200] [--rtt 0,100] [--runs 3] [--out docs/bench.md] [--svg docs/bench.svg] [--no-tccli] [--no-plugin]
 *
 * The plugin path (on unless `--no-plugin`): the same N RunRetry from a Python program
 * (bench/programs/plugin) through the provider plugin, in the same run.
 *   npm run bench -- --from docs/bench.json     (render the report again, e.g. after editing bench/analysis.md)
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEMO_CREDENTIALS, EmulatorControl } from "../emulator";
import { Backend, repoRoot } from "../test/e2e/support/engine";
import { PulumiProject, killAllStarted } from "../test/e2e/support/cliProcess";
import { pluginEnv } from "../test/e2e/support/plugin";
import { dynamicStackConfig, pluginStackConfig } from "../test/e2e/support/stackConfig";
import { ensurePeers, tccli } from "../test/conformance/support/peers";
import { measureStep, stateBytesPerResource, type StepResult } from "./measure";
import { STEPS, type BenchResults, type CellResults, type StepName } from "./model";
import { renderMarkdown, renderSvg } from "./report";

interface Options {
    ns: number[];
    rtts: number[];
    runs: number;
    out: string;
    svg: string;
    tccli: boolean;
    plugin: boolean;
}

function parseOptions(argv: string[]): Options {
    const get = (flag: string): string | undefined => {
        const i = argv.indexOf(flag);
        return i >= 0 ? argv[i + 1] : undefined;
    };
    const list = (v: string | undefined, d: number[]): number[] =>
        v
            ? v
                  .split(",")
                  .map(Number)
                  .filter((x) => Number.isFinite(x) && x >= 0)
            : d;
    return {
        ns: list(get("--n"), [1, 50, 200]),
        rtts: list(get("--rtt"), [0, 100]),
        runs: Math.max(1, Number(get("--runs") ?? 3)),
        out: path.resolve(get("--out") ?? path.join(repoRoot, "docs", "bench.md")),
        svg: path.resolve(get("--svg") ?? path.join(repoRoot, "docs", "bench.svg")),
        tccli: !argv.includes("--no-tccli"),
        plugin: !argv.includes("--no-plugin"),
    };
}

const say = (line: string): void => console.log(`[bench] ${line}`);

/** Resets the emulator and sets the round-trip time (latency fault on every action). */
async function freshEmulator(control: EmulatorControl, rtt: number): Promise<void> {
    await control.reset();
    if (rtt > 0) await control.addFault({ latencyMs: rtt });
}

/**
 * The plugin stack's groups live in another region (so another project): the project listings
 * that planning and refresh read then hold each path's own groups only, as in separate accounts.
 */
const PLUGIN_REGION = "ap-shanghai";

async function seed(control: EmulatorControl, n: number, prefix = "bench", region = "ap-guangzhou"): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await control.seedFailedRunGroup({ runs: 2, failedRuns: 1, name: `${prefix}-${i}`, region })).RunGroupId);
    return ids;
}

/** One run of every step for one cell: RunRetry and do-nothing, alternating. */
async function runOnce(url: string, control: EmulatorControl, rtt: number, n: number, cell: CellResults, runIndex: number, withPlugin: boolean): Promise<void> {
    await freshEmulator(control, rtt);
    const groups = await seed(control, n);
    const backend = new Backend();
    try {
        const ours = await PulumiProject.create(backend, "retries", `ours${runIndex}`, {
            ...dynamicStackConfig(url),
            retries: JSON.stringify(Object.fromEntries(groups.map((g, i) => [`r${i}`, { runGroupId: g }]))),
        });
        const noop = path.join(repoRoot, "bench", "programs", "noop");
        const base = await PulumiProject.create(backend, noop, `base${runIndex}`, { count: String(n) });
        const base2 = await PulumiProject.create(backend, noop, `basetwo${runIndex}`, { count: String(2 * n) });
        const plugin = withPlugin
            ? await PulumiProject.create(
                  backend,
                  path.join(repoRoot, "bench", "programs", "plugin"),
                  `plugin${runIndex}`,
                  {
                      ...pluginStackConfig(url),
                      "tencentcloud-omics:region": PLUGIN_REGION,
                      // Groups of its own: each stack retries its groups twice (up, then up --skip-preview after destroy).
                      groups: JSON.stringify(await seed(control, n, "bench-plugin", PLUGIN_REGION)),
                  },
                  await pluginEnv(),
              )
            : undefined;
        const step = async (name: StepName, args: string[]): Promise<void> => {
            const all: Array<["ours" | "base" | "base2" | "plugin", PulumiProject]> = [
                ["ours", ours],
                ["base", base],
                ["base2", base2],
            ];
            if (plugin) all.push(["plugin", plugin]);
            // Alternate the order between runs so that drift on a shared machine does not favour one.
            const order = runIndex % 2 ? [...all].reverse() : all;
            for (const [who, project] of order) {
                const r: StepResult = await measureStep(project, control, args);
                const samples = cell.steps[name][who] ?? [];
                samples.push(r);
                cell.steps[name][who] = samples;
                say(
                    `rtt ${rtt} ms, N ${n}, run ${runIndex + 1}: ${name} ${who} ${(r.ms / 1000).toFixed(1)} s ${who === "ours" || who === "plugin" ? JSON.stringify(r.calls) : ""}`,
                );
            }
        };
        await step("preview", ["preview"]);
        await step("up", ["up", "--yes"]);
        cell.stateBytes.ours.push(await stateBytesPerResource(ours, n));
        cell.stateBytes.base.push(await stateBytesPerResource(base, n));
        await step("no-op preview", ["preview"]);
        await step("no-op up", ["up", "--yes"]);
        await step("refresh", ["refresh", "--yes"]);
        await step("destroy", ["destroy", "--yes"]);
        await step("up --skip-preview", ["up", "--yes", "--skip-preview"]);
        for (const p of [ours, base, base2, ...(plugin ? [plugin] : [])]) await p.runOk(["destroy", "--yes"], 1_800_000);
    } finally {
        killAllStarted();
        backend.cleanup();
    }
}

/** What users would do instead: one `tccli omics RetryRuns` per group, one after the other. */
async function tccliLoop(url: string, control: EmulatorControl, rtt: number, n: number): Promise<number> {
    const manifest = await ensurePeers(900_000);
    await freshEmulator(control, rtt);
    const groups = await seed(control, n);
    const started = Date.now();
    for (const g of groups) {
        const r = await tccli(manifest, DEMO_CREDENTIALS, url, "ap-guangzhou", "RetryRuns", { RunGroupId: g });
        if (r.code !== 0) throw new Error(`tccli RetryRuns failed: ${r.stderr.slice(-500)}`);
    }
    return Date.now() - started;
}

export async function runBench(url: string, o: Options): Promise<BenchResults> {
    const control = new EmulatorControl(url);
    const results: BenchResults = { date: new Date().toISOString(), runs: o.runs, cells: [] };
    for (const rtt of o.rtts) {
        for (const n of o.ns) {
            const cell: CellResults = {
                rtt,
                n,
                steps: Object.fromEntries(
                    STEPS.map((s) => [
                        s,
                        { ours: [] as StepResult[], base: [] as StepResult[], base2: [] as StepResult[], ...(o.plugin ? { plugin: [] as StepResult[] } : {}) },
                    ]),
                ) as unknown as CellResults["steps"],
                stateBytes: { ours: [], base: [] },
                tccliMs: [],
            };
            results.cells.push(cell);
            for (let r = 0; r < o.runs; r++) {
                await runOnce(url, control, rtt, n, cell, r, o.plugin);
                if (o.tccli) {
                    const ms = await tccliLoop(url, control, rtt, n);
                    cell.tccliMs.push(ms);
                    say(`rtt ${rtt} ms, N ${n}, run ${r + 1}: tccli loop ${(ms / 1000).toFixed(1)} s`);
                }
                // A long run that dies late keeps what it measured: `--from` renders this file too.
                fs.writeFileSync(partialPath(o.out), JSON.stringify(results, null, 1));
            }
        }
    }
    return results;
}

/**
 * Files written into the repository are committed, and `npm test` checks every file with Biome:
 * give them Biome's layout (aligned tables, its JSON indentation) as they are written.
 */
function formatInRepo(files: string[]): void {
    const inRepo = files.filter((f) => !path.relative(repoRoot, f).startsWith(".."));
    if (inRepo.length === 0) return;
    const biome = path.join(repoRoot, "node_modules", "@biomejs", "biome", "bin", "biome");
    const r = spawnSync(process.execPath, [biome, "format", "--write", ...inRepo], { cwd: repoRoot, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`biome format of the report failed:\n${r.stderr || r.stdout}`);
}

/** Where results so far are kept while the benchmark runs (removed once the report is written). */
function partialPath(out: string): string {
    return out.replace(/\.md$/, ".partial.json");
}

/** Writes bench.json, the SVG and the Markdown report (which ends with bench/analysis.md). */
export function writeReport(results: BenchResults, out: string, svg: string): void {
    const json = out.replace(/\.md$/, ".json");
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(json, JSON.stringify(results, null, 1));
    fs.writeFileSync(svg, renderSvg(results));
    fs.writeFileSync(out, renderMarkdown(results, path.relative(path.dirname(out), svg)));
    formatInRepo([out, json]);
    say(`wrote ${path.relative(repoRoot, out)} and ${path.relative(repoRoot, svg)}`);
}

/**
 * Runs the benchmark against the emulator at `url` and writes the report. `--from <bench.json>`
 * only renders the report again from earlier results (after editing bench/analysis.md).
 */
export async function main(url: string, argv: string[]): Promise<void> {
    const o = parseOptions(argv);
    const from = argv.indexOf("--from");
    if (from >= 0) {
        const file = argv[from + 1];
        if (!file) throw new Error("--from takes the path of a bench.json written by an earlier run");
        writeReport(JSON.parse(fs.readFileSync(file, "utf8")) as BenchResults, o.out, o.svg);
        return;
    }
    say(
        `N ${o.ns.join(",")} at ${o.rtts.join(",")} ms round trip, ${o.runs} run(s) each; tccli loop ${o.tccli ? "on" : "off"}; plugin path ${o.plugin ? "on" : "off"}`,
    );
    writeReport(await runBench(url, o), o.out, o.svg);
    fs.rmSync(partialPath(o.out), { force: true });
}
