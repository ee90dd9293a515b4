// Links between the repository's Markdown files stay valid: every relative link of a tracked
// Markdown file (README, docs/, examples/, emulator/, ...) names a file or folder that exists, and
// a `#fragment` names a heading of the file it points to. External links are not fetched.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..", "..");
const SKIP = new Set(["node_modules", "lib", ".tools", ".git", "api"]);

function markdownFiles(dir: string): string[] {
    const out: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (SKIP.has(entry.name)) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) out.push(...markdownFiles(full));
        else if (entry.name.endsWith(".md")) out.push(full);
    }
    return out;
}

/** The text a reader sees as prose: fenced blocks and inline code removed. */
const prose = (text: string): string => text.replace(/^\s*```[\s\S]*?^\s*```/gm, "").replace(/`[^`\n]*`/g, "");

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(text: string): Set<string> {
    const seen = new Map<string, number>();
    const out = new Set<string>();
    for (const m of text.replace(/^\s*```[\s\S]*?^\s*```/gm, "").matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
        const base = (m[1] as string)
            .toLowerCase()
            .replace(/[^\p{L}\p{N}\s_-]/gu, "")
            .replace(/\s/g, "-");
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        out.add(n === 0 ? base : `${base}-${n}`);
    }
    return out;
}

describe("lint: Markdown links", () => {
    it("every relative link names an existing file, and every fragment a heading", () => {
        const broken: string[] = [];
        for (const file of markdownFiles(repoRoot)) {
            const text = fs.readFileSync(file, "utf8");
            for (const m of prose(text).matchAll(/\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g)) {
                const link = m[1] as string;
                if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:, ...
                const [target = "", fragment] = link.split("#");
                const resolved = target === "" ? file : path.resolve(path.dirname(file), decodeURIComponent(target));
                const where = `${path.relative(repoRoot, file)}: ${link}`;
                if (!fs.existsSync(resolved)) broken.push(`${where} (no such file)`);
                else if (fragment !== undefined && resolved.endsWith(".md") && !anchorsOf(fs.readFileSync(resolved, "utf8")).has(fragment))
                    broken.push(`${where} (no such heading)`);
            }
        }
        assert.deepEqual(broken, []);
    });

    it("anchors follow GitHub's rule", () => {
        assert.deepEqual(
            [...anchorsOf("# A b\n## Exactly once\n## `customTimeouts`\n## A b\n```\n# not a heading\n```\n")],
            ["a-b", "exactly-once", "customtimeouts", "a-b-1"],
        );
    });
});
