// The CI-file linters installed by scripts/setup/ci-linters.sh (pinned, in .tools/ci-linters),
// run on a file and reported as exit code plus findings.
import { execFile, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../support/engine";

interface Tool {
    bin: string;
    version: string;
}
export interface CiLinters {
    checkJsonschema: Tool;
    shellcheck: Tool;
    actionlint: Tool;
}

export interface LintResult {
    code: number;
    /** One line per finding (tool-specific text). */
    findings: string[];
    output: string;
}

/** Runs the setup script (instant when current) and returns the installed linters. */
export function ensureCiLinters(): Promise<CiLinters> {
    return new Promise((resolve, reject) => {
        execFile(
            "bash",
            [path.join(repoRoot, "scripts", "setup", "ci-linters.sh"), "--quiet"],
            { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
            (err, _stdout, stderr) => {
                if (err) return reject(new Error(`scripts/setup/ci-linters.sh failed:\n${stderr}`));
                resolve(JSON.parse(fs.readFileSync(path.join(repoRoot, ".tools", "ci-linters.json"), "utf8")) as CiLinters);
            },
        );
    });
}

function run(bin: string, args: string[], input?: string): { code: number; output: string; stdout: string } {
    const r = spawnSync(bin, args, { cwd: repoRoot, encoding: "utf8", input, timeout: 120_000 });
    if (r.error) throw r.error;
    return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}`, stdout: r.stdout };
}

/** actionlint with shellcheck on `run:` scripts; findings as "kind: message (line N)". */
export function actionlint(linters: CiLinters, file: string): LintResult {
    const r = run(linters.actionlint.bin, ["-shellcheck", linters.shellcheck.bin, "-format", "{{json .}}", "-no-color", file]);
    const parsed = r.stdout.trim() ? (JSON.parse(r.stdout) as { kind: string; message: string; line: number }[]) : [];
    return { code: r.code, findings: parsed.map((e) => `${e.kind}: ${e.message} (line ${e.line})`), output: r.output };
}

/** check-jsonschema against one of its vendored schemas (no download). */
export function checkSchema(linters: CiLinters, schema: "vendor.github-workflows" | "vendor.gitlab-ci", file: string): LintResult {
    const r = run(linters.checkJsonschema.bin, ["--builtin-schema", schema, "--output-format", "text", file]);
    const findings = r.output.split("\n").filter((l) => l.includes("::$"));
    return { code: r.code, findings, output: r.output };
}

/**
 * shellcheck of each GitLab job's shell (its `before_script` and `script`, after `extends`), as
 * the runner runs them: one bash script per job, `set -eo pipefail`, lines in order.
 */
export function shellcheckGitlabJobs(linters: CiLinters, file: string): LintResult {
    const python = path.join(path.dirname(linters.checkJsonschema.bin), "python");
    // ruamel.yaml comes with check-jsonschema: YAML to JSON without another dependency.
    const json = run(python, ["-c", "import json,sys\nfrom ruamel.yaml import YAML\nprint(json.dumps(YAML(typ='safe').load(open(sys.argv[1]))))", file]);
    if (json.code !== 0) return { code: json.code, findings: [json.output.trim()], output: json.output };
    const doc = JSON.parse(json.stdout) as Record<string, Record<string, unknown>>;
    const lines = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : []);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omics-gitlab-shell-"));
    try {
        const findings: string[] = [];
        let code = 0;
        let output = "";
        for (const [name, job] of Object.entries(doc)) {
            if (name.startsWith(".") || typeof job !== "object" || job === null || !("script" in job)) continue;
            const base = typeof job.extends === "string" ? (doc[job.extends] ?? {}) : {};
            const merged = { ...base, ...job };
            const script = ["#!/usr/bin/env bash", "set -eo pipefail", ...lines(merged.before_script), ...lines(merged.script)].join("\n");
            const scriptFile = path.join(dir, `${name}.sh`);
            fs.writeFileSync(scriptFile, `${script}\n`);
            const r = run(linters.shellcheck.bin, ["--format", "gcc", scriptFile]);
            if (r.code !== 0) code = r.code;
            output += r.output;
            findings.push(
                ...r.output
                    .split("\n")
                    .filter(Boolean)
                    .map((l) => `${name}: ${l.slice(l.indexOf(".sh:") + 4)}`),
            );
        }
        return { code, findings, output };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
