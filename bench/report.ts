/**
 * The benchmark's report: docs/bench.md (tables, targets) and docs/bench.svg (time against N).
 * Everything here is computed from the measured samples; the hand-written analysis of what limits
 * each figure lives in bench/analysis.md and is appended as it is.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../test/e2e/support/engine";
import { STEPS, type BenchResults, type CellResults, type StepName } from "./model";
import { showSeconds, summarize } from "./stats";

const median = (xs: number[]): number => summarize(xs).median;
const ms = (cell: CellResults, step: StepName, who: "ours" | "base" | "base2" | "plugin"): number[] => (cell.steps[step][who] ?? []).map((r) => r.ms);
const hasPlugin = (cell: CellResults): boolean => STEPS.some((s) => (cell.steps[s].plugin ?? []).length > 0);

/** Median calls per action of the RunRetry stack in a step, e.g. `DescribeRunGroups 2, RetryRuns 200`. */
function callsOf(cell: CellResults, step: StepName): Record<string, number> {
    const samples = cell.steps[step].ours;
    const actions = [...new Set(samples.flatMap((s) => Object.keys(s.calls)))].sort();
    return Object.fromEntries(actions.map((a) => [a, median(samples.map((s) => s.calls[a] ?? 0))]));
}

const showCalls = (c: Record<string, number>): string =>
    Object.entries(c)
        .map(([a, n]) => `${a} ${n}`)
        .join(", ") || "none";
const nonRetry = (c: Record<string, number>): number =>
    Object.entries(c)
        .filter(([a]) => a !== "RetryRuns")
        .reduce((t, [, n]) => t + n, 0);
const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}x` : "n/a");

function cellTable(cell: CellResults): string[] {
    const plugin = hasPlugin(cell);
    const rows = [
        `| step | RunRetry (N) | do-nothing (N) | ratio | do-nothing (2N) | ratio to 2N | ${plugin ? "plugin, Python (N) | its ratio | " : ""}API calls (RunRetry stack, median) | provider peak memory |`,
        `| --- | --- | --- | --- | --- | --- | ${plugin ? "--- | --- | " : ""}--- | --- |`,
    ];
    for (const step of STEPS) {
        const ours = summarize(ms(cell, step, "ours"));
        const base = summarize(ms(cell, step, "base"));
        const base2 = summarize(ms(cell, step, "base2"));
        const peaks = cell.steps[step].ours.map((r) => r.providerPeakMiB ?? 0).filter((x) => x > 0);
        const viaPlugin = plugin ? summarize(ms(cell, step, "plugin")) : undefined;
        const pluginCells = viaPlugin ? `${showSeconds(viaPlugin)} | ${ratio(viaPlugin.median, base.median)} | ` : "";
        rows.push(
            `| \`${step}\` | ${showSeconds(ours)} | ${showSeconds(base)} | ${ratio(ours.median, base.median)} | ${showSeconds(base2)} | ${ratio(ours.median, base2.median)} | ${pluginCells}${showCalls(callsOf(cell, step))} | ${peaks.length ? `${median(peaks)} MiB` : "-"} |`,
        );
    }
    return rows;
}

interface Target {
    what: string;
    limit: string;
    measured: string;
    ok: boolean;
    /** The same comparison against 2N do-nothing resources (a RunRetry is two resources). */
    vs2N?: string;
}

function targets(r: BenchResults): Target[] {
    const out: Target[] = [];
    const find = (rtt: number, n: number): CellResults | undefined => r.cells.find((c) => c.rtt === rtt && c.n === n);
    const big = Math.max(...r.cells.map((c) => c.n));
    const at = (rtt: number) => find(rtt, big);
    const p100 = at(100) ?? at(Math.max(...r.cells.map((c) => c.rtt)));
    if (p100) {
        const o = median(ms(p100, "preview", "ours"));
        const b = median(ms(p100, "preview", "base"));
        out.push({
            what: `preview of ${big} at ${p100.rtt} ms`,
            limit: "≤ 1.5x the do-nothing preview",
            measured: ratio(o, b),
            ok: o <= 1.5 * b,
            vs2N: ratio(o, median(ms(p100, "preview", "base2"))),
        });
    }
    const z = at(0);
    if (z) {
        const o = median(ms(z, "up --skip-preview", "ours"));
        const floor = (big / 20) * 1000 + median(ms(z, "up --skip-preview", "base"));
        const floor2 = (big / 20) * 1000 + median(ms(z, "up --skip-preview", "base2"));
        out.push({
            what: `up --skip-preview of ${big} at 0 ms`,
            limit: `≤ 1.15 x (${big}/20 s + do-nothing up) = ${((1.15 * floor) / 1000).toFixed(1)} s`,
            measured: `${(o / 1000).toFixed(1)} s (${ratio(o, floor)} of the floor)`,
            ok: o <= 1.15 * floor,
            vs2N: `${ratio(o, floor2)} of (${big}/20 s + 2N do-nothing up)`,
        });
        const calls = nonRetry(callsOf(z, "up --skip-preview"));
        out.push({
            what: `API calls other than RetryRuns, up --skip-preview of ${big}`,
            limit: `≤ N/10 + 5 = ${big / 10 + 5}`,
            measured: String(calls),
            ok: calls <= big / 10 + 5,
        });
        if (p100 && p100.rtt !== 0) {
            const o100 = median(ms(p100, "up --skip-preview", "ours"));
            const floor100 = (big / 20) * 1000 + median(ms(p100, "up --skip-preview", "base"));
            out.push({
                what: `up --skip-preview of ${big} at ${p100.rtt} ms`,
                limit: `≤ 1.15 x (${big}/20 s + do-nothing up at ${p100.rtt} ms) + 2 s = ${((1.15 * floor100 + 2000) / 1000).toFixed(1)} s`,
                measured: `${(o100 / 1000).toFixed(1)} s`,
                ok: o100 <= 1.15 * floor100 + 2000,
            });
        }
    }
    for (const cell of r.cells.filter((c) => c.n === big)) {
        const o = median(ms(cell, "refresh", "ours"));
        const b = median(ms(cell, "refresh", "base"));
        out.push({
            what: `refresh of ${big} at ${cell.rtt} ms`,
            limit: "≤ 1.3x the do-nothing refresh",
            measured: ratio(o, b),
            ok: o <= 1.3 * b,
            vs2N: ratio(o, median(ms(cell, "refresh", "base2"))),
        });
        const calls = Object.values(callsOf(cell, "refresh")).reduce((t, n) => t + n, 0);
        out.push({
            what: `refresh calls, ${big} at ${cell.rtt} ms`,
            limit: `≤ N/50 + 5 = ${big / 50 + 5}`,
            measured: String(calls),
            ok: calls <= big / 50 + 5,
        });
        for (const step of ["no-op preview", "no-op up"] as const) {
            const os = median(ms(cell, step, "ours"));
            const bs = median(ms(cell, step, "base"));
            const c = Object.values(callsOf(cell, step)).reduce((t, n) => t + n, 0);
            out.push({
                what: `${step} of ${big} at ${cell.rtt} ms`,
                limit: "≤ 1.1x the do-nothing one, zero calls",
                measured: `${ratio(os, bs)}, ${c} calls`,
                ok: os <= 1.1 * bs && c === 0,
                vs2N: ratio(os, median(ms(cell, step, "base2"))),
            });
        }
        if (hasPlugin(cell)) {
            // The plugin path (a Python program) against the dynamic path, each as a ratio to the same do-nothing N stack.
            for (const step of ["up --skip-preview", "no-op up"] as const) {
                const base = median(ms(cell, step, "base"));
                const dyn = median(ms(cell, step, "ours"));
                const plug = median(ms(cell, step, "plugin"));
                out.push({
                    what: `plugin path: ${step} of ${big} at ${cell.rtt} ms`,
                    limit: "≤ the dynamic path's ratio to the do-nothing one",
                    measured: `${ratio(plug, base)} (dynamic ${ratio(dyn, base)})`,
                    ok: plug <= dyn,
                });
            }
        }
        const extra = median(cell.stateBytes.ours) - median(cell.stateBytes.base);
        out.push({
            what: `state per RunRetry beyond a do-nothing resource (N ${big}, ${cell.rtt} ms)`,
            limit: "≤ 4 KB",
            measured: `${(extra / 1024).toFixed(2)} KB`,
            ok: extra <= 4096,
        });
    }
    return out;
}

export function renderMarkdown(r: BenchResults, svgRelative: string): string {
    const lines: string[] = [
        "# Benchmark",
        "",
        `Generated by \`npm run bench\` on ${r.date.slice(0, 10)} (${r.runs} run(s) per figure: median, with min–max). The real`,
        "engine (the pinned CLI) and the emulator at Tencent's limit of 20 requests per second per action, its",
        "latency fault setting the round-trip time. Each step runs a stack of N `RunRetry` and, in the same run,",
        "a stack of N do-nothing dynamic resources (`bench/programs/noop`): their ratio is what this package",
        "adds to the engine's own cost. `up` includes its preview, as pipelines run it. The plugin path is the",
        "same N `RunRetry` from a Python program through the provider plugin (`bench/programs/plugin`), in the",
        "same run, against the same do-nothing stack. Machines here have 2 shared cores: compare ratios within",
        "one run, not seconds across machines.",
        "",
        `![time against N](${svgRelative})`,
        "",
        "## Targets",
        "",
        "| target | limit | measured | | against 2N do-nothing resources |",
        "| --- | --- | --- | --- | --- |",
        ...targets(r).map((t) => `| ${t.what} | ${t.limit} | ${t.measured} | ${t.ok ? "met" : "**missed**"} | ${t.vs2N ?? ""} |`),
        "",
    ];
    for (const rtt of [...new Set(r.cells.map((c) => c.rtt))]) {
        lines.push(`## ${rtt} ms round trip`, "");
        for (const cell of r.cells.filter((c) => c.rtt === rtt)) {
            lines.push(`### N = ${cell.n}`, "", ...cellTable(cell), "");
            const so = summarize(cell.stateBytes.ours);
            const sb = summarize(cell.stateBytes.base);
            lines.push(
                `State per resource (\`pulumi stack export\` bytes / N): RunRetry with its intent ${so.median} B, do-nothing ${sb.median} B, difference ${so.median - sb.median} B.`,
            );
            if (hasPlugin(cell)) {
                const compare = (step: StepName): string => {
                    const base = median(ms(cell, step, "base"));
                    const dyn = median(ms(cell, step, "ours")) / base;
                    const plug = median(ms(cell, step, "plugin")) / base;
                    return `\`${step}\` ${plug.toFixed(2)}x against the dynamic path's ${dyn.toFixed(2)}x (${plug <= dyn ? "no slower" : "slower"})`;
                };
                lines.push(
                    `Plugin path (a Python program through the provider plugin), as ratios to the same do-nothing N stack: ${compare("up --skip-preview")}; ${compare("no-op up")}.`,
                );
            }
            if (cell.tccliMs.length) {
                const t = summarize(cell.tccliMs);
                const ours = summarize(ms(cell, "up --skip-preview", "ours"));
                lines.push(
                    `A loop of ${cell.n} \`tccli omics RetryRuns\`: ${showSeconds(t)}; \`pulumi up --skip-preview\` of ${cell.n} RunRetry: ${showSeconds(ours)}.`,
                );
            }
            lines.push("");
        }
    }
    const analysis = path.join(repoRoot, "bench", "analysis.md");
    if (fs.existsSync(analysis)) lines.push(fs.readFileSync(analysis, "utf8").trim(), "");
    return lines.join("\n");
}

/** Time against N: RunRetry `up --skip-preview`, the floor (N/20 s + do-nothing up), the tccli loop; per round-trip time. */
export function renderSvg(r: BenchResults): string {
    const W = 720;
    const H = 420;
    const pad = { l: 60, r: 190, t: 30, b: 50 };
    const ns = [...new Set(r.cells.map((c) => c.n))].sort((a, b) => a - b);
    const rtts = [...new Set(r.cells.map((c) => c.rtt))].sort((a, b) => a - b);
    const series: Array<{ label: string; colour: string; dash?: string; points: Array<[number, number]> }> = [];
    const colours = ["#1f6feb", "#d1242f", "#1a7f37", "#8250df"];
    rtts.forEach((rtt, i) => {
        const cells = ns.map((n) => r.cells.find((c) => c.n === n && c.rtt === rtt)).filter((c): c is CellResults => c !== undefined);
        const colour = colours[i % colours.length] as string;
        series.push({ label: `RunRetry up, ${rtt} ms`, colour, points: cells.map((c) => [c.n, median(ms(c, "up --skip-preview", "ours")) / 1000]) });
        series.push({
            label: `floor, ${rtt} ms`,
            colour,
            dash: "2,4",
            points: cells.map((c) => [c.n, c.n / 20 + median(ms(c, "up --skip-preview", "base")) / 1000]),
        });
        if (cells.some((c) => c.tccliMs.length)) {
            series.push({
                label: `tccli loop, ${rtt} ms`,
                colour,
                dash: "8,4",
                points: cells.filter((c) => c.tccliMs.length).map((c) => [c.n, median(c.tccliMs) / 1000]),
            });
        }
    });
    const maxX = Math.max(...ns, 1);
    const maxY = Math.max(1, ...series.flatMap((s) => s.points.map(([, y]) => y))) * 1.1;
    const x = (v: number): number => pad.l + (v / maxX) * (W - pad.l - pad.r);
    const y = (v: number): number => H - pad.b - (v / maxY) * (H - pad.t - pad.b);
    const out: string[] = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
        "<title>pulumi up --skip-preview of N RunRetry against the floor and a loop of tccli omics RetryRuns, per round-trip time</title>",
        `<rect width="${W}" height="${H}" fill="white"/>`,
        `<text x="${pad.l}" y="18" font-size="14">pulumi up --skip-preview of N RunRetry vs the floor and a tccli loop (seconds)</text>`,
        `<line x1="${pad.l}" y1="${H - pad.b}" x2="${W - pad.r}" y2="${H - pad.b}" stroke="#555"/>`,
        `<line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${H - pad.b}" stroke="#555"/>`,
        `<text x="${(pad.l + W - pad.r) / 2}" y="${H - 12}" text-anchor="middle">N (resources)</text>`,
    ];
    for (const n of ns) out.push(`<text x="${x(n)}" y="${H - pad.b + 16}" text-anchor="middle">${n}</text>`);
    for (let i = 0; i <= 5; i++) {
        const v = (maxY / 5) * i;
        out.push(
            `<line x1="${pad.l - 4}" y1="${y(v)}" x2="${W - pad.r}" y2="${y(v)}" stroke="#eee"/>`,
            `<text x="${pad.l - 8}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(0)}</text>`,
        );
    }
    series.forEach((s, i) => {
        const pts = s.points.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(" ");
        out.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""} points="${pts}"/>`);
        for (const [a, b] of s.points) out.push(`<circle cx="${x(a).toFixed(1)}" cy="${y(b).toFixed(1)}" r="3" fill="${s.colour}"/>`);
        const ly = pad.t + 10 + i * 18;
        out.push(
            `<line x1="${W - pad.r + 12}" y1="${ly}" x2="${W - pad.r + 40}" y2="${ly}" stroke="${s.colour}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
            `<text x="${W - pad.r + 46}" y="${ly + 4}">${s.label}</text>`,
        );
    });
    out.push("</svg>");
    return `${out.join("\n")}\n`;
}
