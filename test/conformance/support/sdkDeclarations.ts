// Reads what the official Node SDK declares for Omics 2022-11-28 from its own type declarations
// (omics_client.d.ts: the actions; omics_models.d.ts: every model and its fields), with the
// TypeScript compiler's parser. Nothing here is hand-maintained: an SDK bump changes the answer.
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const SDK_DIR = path.dirname(require.resolve("tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_client"));

export interface DeclaredField {
    name: string;
    optional: boolean;
    /** The declared type as written, e.g. `string`, `number`, `Array<RunGroup>`, `RunOption`. */
    type: string;
    deprecated: boolean;
}

function parse(file: string): ts.SourceFile {
    const p = path.join(SDK_DIR, file);
    return ts.createSourceFile(p, fs.readFileSync(p, "utf8"), ts.ScriptTarget.ES2020, true);
}

/** The action methods of the omics `Client` class, sorted. */
export function declaredActions(): string[] {
    const out: string[] = [];
    const visit = (n: ts.Node) => {
        if (ts.isClassDeclaration(n) && n.name?.text === "Client") {
            for (const m of n.members) if (ts.isMethodDeclaration(m) && m.name && ts.isIdentifier(m.name)) out.push(m.name.text);
        }
        ts.forEachChild(n, visit);
    };
    visit(parse("omics_client.d.ts"));
    return out.filter((a) => /^[A-Z]/.test(a)).sort();
}

/** Every interface of omics_models.d.ts with its fields. */
export function declaredModels(): Map<string, DeclaredField[]> {
    const models = new Map<string, DeclaredField[]>();
    const sf = parse("omics_models.d.ts");
    const visit = (n: ts.Node) => {
        if (ts.isInterfaceDeclaration(n)) {
            const fields: DeclaredField[] = [];
            for (const m of n.members) {
                if (!ts.isPropertySignature(m) || !m.type) continue;
                const jsDoc = ts.getJSDocTags(m).map((t) => t.tagName.text);
                fields.push({
                    name: m.name.getText(sf),
                    optional: m.questionToken !== undefined,
                    type: m.type.getText(sf),
                    deprecated: jsDoc.includes("deprecated"),
                });
            }
            models.set(n.name.text, fields);
        }
        ts.forEachChild(n, visit);
    };
    visit(sf);
    return models;
}

/** Problems of `value` against the model `model` (recursively): absent fields and wrong types. Records every model instance seen. */
export function checkAgainstModel(
    models: Map<string, DeclaredField[]>,
    model: string,
    value: unknown,
    where: string,
    seen: Map<string, number>,
    problems: string[],
): void {
    const fields = models.get(model);
    if (!fields) {
        problems.push(`${where}: the SDK declares no model ${model}`);
        return;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        problems.push(`${where}: expected a ${model} object, got ${JSON.stringify(value)}`);
        return;
    }
    seen.set(model, (seen.get(model) ?? 0) + 1);
    const obj = value as Record<string, unknown>;
    for (const f of fields) {
        const v = obj[f.name];
        if (v === undefined || v === null) {
            problems.push(`${where}.${f.name} (${f.type}) is absent`);
            continue;
        }
        checkType(models, f.type, v, `${where}.${f.name}`, seen, problems);
    }
}

function checkType(models: Map<string, DeclaredField[]>, type: string, v: unknown, where: string, seen: Map<string, number>, problems: string[]): void {
    const arr = /^Array<(.+)>$/.exec(type);
    if (arr) {
        if (!Array.isArray(v)) problems.push(`${where}: expected ${type}, got ${typeof v}`);
        else {
            for (const [i, item] of v.entries()) checkType(models, arr[1] as string, item, `${where}[${i}]`, seen, problems);
        }
        return;
    }
    if (type === "string" || type === "number" || type === "boolean") {
        if (typeof v !== type) problems.push(`${where}: expected ${type}, got ${JSON.stringify(v)}`);
        return;
    }
    checkAgainstModel(models, type, v, where, seen, problems);
}

/** The models reachable from `root` through its fields (itself included). */
export function reachableModels(models: Map<string, DeclaredField[]>, root: string, out = new Set<string>()): Set<string> {
    if (out.has(root) || !models.has(root)) return out;
    out.add(root);
    for (const f of models.get(root) ?? []) {
        const inner = /^Array<(.+)>$/.exec(f.type)?.[1] ?? f.type;
        reachableModels(models, inner, out);
    }
    return out;
}
