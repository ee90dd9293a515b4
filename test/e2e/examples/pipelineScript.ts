// Runs examples/pipeline's script the way its README and CI files do (`npx ts-node pipeline.ts`),
// as a child process of its own, and reads what it printed and wrote.
import * as fs from "node:fs";
import * as path from "node:path";
import { CliProcess } from "../support/cliProcess";

/** The JSON report's shape, as far as the tests read it. */
export interface PipelineJson {
    stack: string;
    status: string;
    exitCode: number;
    approved: boolean;
    changeSummary: Record<string, number>;
    retries: {
        resource: string;
        action: string;
        plan?: {
            runGroupId: string;
            summary?: string;
            retryLimit?: number;
            warnings?: string[];
            limitReached?: string;
            recovery?: { decision: string; why: string };
            runs: { runUuid: string; status: string; userDefinedId?: string; errorMessage?: string; retriesUsed?: number }[];
        };
    }[];
    errors: string[];
    warnings: string[];
    outputs?: Record<string, unknown>;
}

export interface PipelineRun {
    code: number | null;
    stdout: string;
    stderr: string;
    /** The --json-file, parsed (undefined when the script wrote none). */
    json?: PipelineJson;
    /** The --markdown-file's text. */
    markdown?: string;
}

const npx = process.platform === "win32" ? "npx.cmd" : "npx";

/**
 * `npx ts-node pipeline.ts --stack <stack> --json-file .. --markdown-file .. <extra>` in `dir`.
 * Files go to a fresh folder per run, so a run that writes nothing is seen as such.
 */
export async function runPipeline(dir: string, stack: string, env: Record<string, string>, extra: string[] = [], timeoutMs = 240_000): Promise<PipelineRun> {
    const out = fs.mkdtempSync(path.join(dir, ".pipeline-out-"));
    const jsonFile = path.join(out, "plan.json");
    const markdownFile = path.join(out, "plan.md");
    const run = new CliProcess(npx, ["ts-node", "pipeline.ts", "--stack", stack, "--json-file", jsonFile, "--markdown-file", markdownFile, ...extra], {
        cwd: dir,
        env,
    });
    try {
        const exit = await run.waitExit(timeoutMs);
        return {
            code: exit.code,
            stdout: run.stdout,
            stderr: run.stderr,
            json: fs.existsSync(jsonFile) ? (JSON.parse(fs.readFileSync(jsonFile, "utf8")) as PipelineJson) : undefined,
            markdown: fs.existsSync(markdownFile) ? fs.readFileSync(markdownFile, "utf8") : undefined,
        };
    } finally {
        run.killSurvivors();
        fs.rmSync(out, { recursive: true, force: true });
    }
}

/** Runs the script with no stack at all (argument errors): nothing but the usage and exit code. */
export async function runPipelineRaw(
    dir: string,
    args: string[],
    env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const run = new CliProcess(npx, ["ts-node", "pipeline.ts", ...args], { cwd: dir, env });
    try {
        const exit = await run.waitExit(120_000);
        return { code: exit.code, stdout: run.stdout, stderr: run.stderr };
    } finally {
        run.killSurvivors();
    }
}
