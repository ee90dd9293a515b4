// The README's programs are the committed examples, which the end-to-end tests run (TypeScript,
// Python, YAML) or test with the Go SDK's mocks (Go): each README program must be its example file
// without the header comment, so the front page cannot drift from what is tested.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..", "..");
const readme = (): string => fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");

/** The README's one program per language, by the info string of its fenced block. */
const PROGRAMS: { lang: string; file: string }[] = [
    { lang: "ts", file: "examples/quickstart/index.ts" },
    { lang: "python", file: "examples/python/__main__.py" },
    { lang: "yaml", file: "examples/yaml/Pulumi.yaml" },
    { lang: "go", file: "examples/go/main.go" },
];

/** Fenced blocks that start at the beginning of a line (the README's programs), with their info string. */
function fencedBlocks(markdown: string): { lang: string; body: string }[] {
    const out: { lang: string; body: string }[] = [];
    for (const m of markdown.matchAll(/^```([\w-]*)\n([\s\S]*?)^```$/gm)) out.push({ lang: m[1] as string, body: (m[2] as string).replace(/\n$/, "") });
    return out;
}

/** An example file without its header comment (`//` or `#` lines, or a Python module docstring) and the blank lines after it. */
function withoutHeader(text: string, lang: string): string {
    const lines = text.replace(/\n+$/, "").split("\n");
    let i = 0;
    if (lang === "python" && lines[0]?.startsWith('"""')) {
        const closesOnFirst = lines[0].length > 3 && lines[0].slice(3).includes('"""');
        i = 1;
        if (!closesOnFirst) {
            while (i < lines.length && !(lines[i] as string).includes('"""')) i++;
            i++;
        }
    } else {
        const comment = lang === "yaml" || lang === "python" ? "#" : "//";
        while (i < lines.length && (lines[i] as string).startsWith(comment)) i++;
    }
    while (i < lines.length && (lines[i] as string).trim() === "") i++;
    return lines.slice(i).join("\n");
}

describe("README: the front page's programs are the tested examples", () => {
    it("the README still starts with the two commands that work on a fresh clone", () => {
        const first = fencedBlocks(readme())[0];
        assert.ok(first, "the README has no fenced block");
        assert.equal(first.lang, "sh");
        assert.match(first.body.split("\n")[0] as string, /^npm run demo\s/);
        assert.match(first.body.split("\n")[1] as string, /^npm test\s/);
    });

    for (const { lang, file } of PROGRAMS) {
        it(`the ${lang} program is ${file} without its header comment`, () => {
            const blocks = fencedBlocks(readme()).filter((b) => b.lang === lang);
            assert.equal(blocks.length, 1, `the README should have exactly one \`\`\`${lang} block (its ${file} program)`);
            const expected = withoutHeader(fs.readFileSync(path.join(repoRoot, file), "utf8"), lang);
            assert.equal(
                blocks[0]!.body,
                expected,
                `README's ${lang} program differs from ${file}: copy the file (without its header comment) into the README`,
            );
        });

        it(`the ${lang} program is complete and the README links ${file}`, () => {
            const body = fencedBlocks(readme()).find((b) => b.lang === lang)?.body ?? "";
            assert.match(body, /newRunGroupId/, "exports newRunGroupId");
            assert.match(body, /runGroupId/, "reads the group to retry");
            assert.match(body, /[Cc]onfig/, "reads stack config");
            if (lang !== "yaml") assert.match(body, /^(import|package) /m, "has its imports");
            assert.ok(readme().includes(`](${file})`), `the README links ${file}`);
        });
    }

    it("withoutHeader drops only the leading comment", () => {
        assert.equal(withoutHeader("// a\n// b\n\nimport x;\n// kept\n", "ts"), "import x;\n// kept");
        assert.equal(withoutHeader('"""Doc.\n\nMore.\n"""\nimport pulumi\n', "python"), "import pulumi");
        assert.equal(withoutHeader('"""One line."""\nimport pulumi\n', "python"), "import pulumi");
        assert.equal(withoutHeader("# a\nname: x\n", "yaml"), "name: x");
    });
});
