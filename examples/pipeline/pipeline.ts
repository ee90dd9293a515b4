// The CI step for a stack of Omics retries (Automation API): preview, gather the reviewed plan of
// every RunRetry being created or replaced, print and write it as JSON and Markdown, and run
// `up` only when approved. See README.md for the exit codes and the CI files that call it.
//
//   npx ts-node pipeline.ts --stack prod --format markdown --markdown-file plan.md --json-file plan.json
//   npx ts-node pipeline.ts --stack prod --approve        # on the main branch: preview, then up
//
// The engine's own output goes to stderr; stdout carries only the report, so
// `... --format json > plan.json` works too. Needs the `pulumi` CLI on PATH and the stack's
// backend settings (PULUMI_BACKEND_URL or PULUMI_ACCESS_TOKEN, PULUMI_CONFIG_PASSPHRASE, ...).
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { LocalWorkspace, type OpMap, type Stack } from "@pulumi/pulumi/automation";
import { renderMarkdown } from "./review/markdown";
import { hasChanges, ReviewCollector } from "./review/plans";
import { EXIT, type ExitCode, type PipelineReport, type ReportStatus } from "./review/report";

const USAGE = `usage: pipeline.ts --stack <name> [--cwd <project dir>] [--format markdown|json]
                   [--markdown-file <path>] [--json-file <path>] [--approve]
  --approve (or OMICS_PIPELINE_APPROVE=true) runs \`up\` after the preview when it has changes.
exit codes: 0 nothing to do or applied; 1 failed (nothing changed); 2 changes pending review;
            3 up failed after it started`;

interface Options {
    stack: string;
    cwd: string;
    format: "markdown" | "json";
    markdownFile?: string;
    jsonFile?: string;
    approve: boolean;
}

class UsageError extends Error {}

/** The command line's flags, as node's parseArgs reads them (unknown flags are an error). */
function parseFlags(argv: string[]) {
    return parseArgs({
        args: argv,
        strict: true,
        allowPositionals: false,
        options: {
            stack: { type: "string" },
            cwd: { type: "string" },
            format: { type: "string", default: "markdown" },
            "markdown-file": { type: "string" },
            "json-file": { type: "string" },
            approve: { type: "boolean", default: false },
            help: { type: "boolean", default: false },
        },
    }).values;
}

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
    let values: ReturnType<typeof parseFlags>;
    try {
        values = parseFlags(argv);
    } catch (err) {
        throw new UsageError((err as Error).message);
    }
    if (values.help) throw new UsageError("");
    if (!values.stack) throw new UsageError("--stack is required");
    if (values.format !== "markdown" && values.format !== "json") throw new UsageError(`--format must be markdown or json, not ${values.format}`);
    const approvedByEnv = /^(1|true|yes)$/i.test(env.OMICS_PIPELINE_APPROVE ?? "");
    return {
        stack: values.stack,
        cwd: path.resolve(values.cwd ?? process.cwd()),
        format: values.format,
        markdownFile: values["markdown-file"],
        jsonFile: values["json-file"],
        approve: values.approve === true || approvedByEnv,
    };
}

/** The report for a run that ended before (or without) an update. */
function report(options: Options, status: ReportStatus, exitCode: ExitCode, parts: Partial<PipelineReport> = {}): PipelineReport {
    return { stack: options.stack, status, exitCode, approved: options.approve, changeSummary: {}, retries: [], errors: [], warnings: [], ...parts };
}

/** The last lines of a failed command's error output, for when the engine sent no error diagnostic. */
function tail(err: unknown, lines = 15): string[] {
    // The Automation API's CommandError carries the CLI's output; its message repeats all of it.
    const result = (err as { commandResult?: { stderr?: string; stdout?: string } }).commandResult;
    const text = result?.stderr?.trim() || result?.stdout?.trim() || (err instanceof Error ? err.message : String(err));
    return [text.trim().split("\n").slice(-lines).join("\n")];
}

/** Stack outputs as plain values, secrets hidden (the report is posted where many can read it). */
async function plainOutputs(stack: Stack): Promise<Record<string, unknown>> {
    const outputs = await stack.outputs();
    return Object.fromEntries(Object.entries(outputs).map(([k, o]) => [k, o.secret ? "[secret]" : o.value]));
}

async function runPipeline(options: Options): Promise<PipelineReport> {
    let stack: Stack;
    try {
        stack = await LocalWorkspace.selectStack({ stackName: options.stack, workDir: options.cwd });
    } catch (err) {
        return report(options, "failed", EXIT.failed, { errors: [`cannot select stack ${options.stack} in ${options.cwd}:`, ...tail(err, 5)] });
    }
    const collector = new ReviewCollector();
    const toStderr = (text: string): void => void process.stderr.write(text);
    let changeSummary: OpMap;
    try {
        const preview = await stack.preview({ onEvent: collector.onEvent, onOutput: toStderr });
        changeSummary = preview.changeSummary;
    } catch (err) {
        const found = collector.findings();
        return report(options, "refused", EXIT.failed, { ...found, errors: found.errors.length ? found.errors : tail(err) });
    }
    const found = collector.findings();
    if (!hasChanges(changeSummary)) return report(options, "no-changes", EXIT.ok, { changeSummary, ...found });
    if (!options.approve) return report(options, "changes-pending", EXIT.pendingReview, { changeSummary, ...found });

    const applying = new ReviewCollector();
    try {
        await stack.up({ onEvent: applying.onEvent, onOutput: toStderr });
    } catch (err) {
        const errors = applying.findings().errors;
        return report(options, "up-failed", EXIT.upFailed, { changeSummary, ...found, errors: errors.length ? errors : tail(err) });
    }
    return report(options, "applied", EXIT.ok, { changeSummary, ...found, outputs: await plainOutputs(stack) });
}

function write(file: string | undefined, text: string): void {
    if (!file) return;
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, text);
}

async function main(): Promise<ExitCode> {
    let options: Options;
    try {
        options = parseOptions(process.argv.slice(2), process.env);
    } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        process.stderr.write(`${err.message ? `pipeline: ${err.message}\n` : ""}${USAGE}\n`);
        return EXIT.failed;
    }
    const result = await runPipeline(options);
    const json = `${JSON.stringify(result, null, 2)}\n`;
    const markdown = renderMarkdown(result);
    write(options.jsonFile, json);
    write(options.markdownFile, markdown);
    process.stdout.write(options.format === "json" ? json : markdown);
    process.stderr.write(`pipeline: ${result.status} (exit ${result.exitCode})\n`);
    return result.exitCode;
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (err: unknown) => {
        process.stderr.write(`pipeline: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        process.exitCode = EXIT.failed;
    },
);
