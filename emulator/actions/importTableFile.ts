/**
 * ImportTableFile: import a CSV object from COS as a table. The emulator's COS is the control
 * plane's object store (`PUT /_emulator/cos/<bucket>/<key>`): the first line holds the headers,
 * every other non-empty line is a row; each column has the type given in `DataType`.
 */
import { catalogErrors, errors } from "../errors";
import { plainTime } from "../state/clock";
import { uuid, wordId } from "../state/ids";
import { catalog, denyReadOnly } from "./catalogCommon";
import type { ActionHandler } from "./types";
import { ID_SPECS } from "./validate";

export const TABLE_DATA_TYPES = ["Int", "Float", "String", "File", "Boolean", "Array[Int]", "Array[Float]", "Array[String]", "Array[File]", "Array[Boolean]"];

const SCALAR: Record<string, (v: string) => boolean> = {
    Int: (v) => /^-?\d+$/.test(v),
    Float: (v) => v.trim() !== "" && Number.isFinite(Number(v)),
    String: () => true,
    File: (v) => /^cos:\/\/[^/]+\/.+/.test(v),
    Boolean: (v) => v === "true" || v === "false",
};

/** Does `cell` hold a value of `type`? Arrays are `[a, b]` or `a;b` (emulator assumption). */
function cellMatches(type: string, cell: string): boolean {
    const m = /^Array\[(\w+)\]$/.exec(type);
    if (!m) return (SCALAR[type] as (v: string) => boolean)(cell);
    const inner = SCALAR[m[1] as string] as (v: string) => boolean;
    const items = cell
        .replace(/^\[|\]$/g, "")
        .split(/[;,]/)
        .map((s) => s.trim())
        .filter((s) => s !== "");
    return items.every(inner);
}

/** Split one CSV line (double quotes escape commas and quotes). */
export function csvLine(line: string): string[] {
    const out: string[] = [];
    let cur = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
        const ch = line[i] as string;
        if (quoted) {
            if (ch === '"' && line[i + 1] === '"') {
                cur += '"';
                i++;
            } else if (ch === '"') quoted = false;
            else cur += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ",") {
            out.push(cur);
            cur = "";
        } else cur += ch;
    }
    if (quoted) throw catalogErrors.invalidCsvFormat("The table file is not valid CSV: an unterminated quote.");
    out.push(cur);
    return out.map((s) => s.trim());
}

export const importTableFile: ActionHandler = {
    name: "ImportTableFile",
    mutates: true,
    schema: {
        ProjectId: ID_SPECS.project,
        Name: { kind: "string", required: true, nonEmpty: true, maxLength: 200 },
        CosUri: { kind: "string", required: true, nonEmpty: true },
        DataType: { kind: "stringArray", required: true, minItems: 1 },
        Description: { kind: "string", maxLength: 500 },
    },
    handle(ctx, params) {
        const { store } = ctx;
        denyReadOnly(ctx, "ImportTableFile");
        const project = store.project(ctx.region, params.ProjectId as string);
        const c = catalog(store);
        const name = params.Name as string;
        if (Object.values(c.tables).some((t) => t.ProjectId === project.ProjectId && t.Name === name)) {
            throw catalogErrors.duplicateName(`a table named ${name} already exists in project ${project.ProjectId}`);
        }
        const uri = params.CosUri as string;
        if (!/^cos:\/\/[^/]+\/.+/.test(uri)) throw catalogErrors.invalidCosKey(`The parameter \`CosUri\` must look like cos://<bucket>/<key>, got ${uri}.`);
        const content = c.cosObjects[uri];
        if (content === undefined) throw catalogErrors.cosObjectNotExist(`COS object ${uri} does not exist (put it with PUT /_emulator/cos/<bucket>/<key>)`);
        const types = params.DataType as string[];
        types.forEach((t, i) => {
            if (!TABLE_DATA_TYPES.includes(t)) {
                throw catalogErrors.unsupportedTableDataType(
                    `The value \`${t}\` of parameter \`DataType.${i}\` is not supported; valid values: ${TABLE_DATA_TYPES.join(", ")}.`,
                );
            }
        });
        const lines = content.split(/\r?\n/).filter((l) => l.trim() !== "");
        if (lines.length === 0) throw catalogErrors.emptyTableHeader(`COS object ${uri} is empty: no header line`);
        const headers = csvLine(lines[0] as string);
        if (headers.some((h) => h === "")) throw catalogErrors.emptyTableHeader("The table file has an empty column header.");
        const dup = headers.find((h, i) => headers.indexOf(h) !== i);
        if (dup !== undefined) throw catalogErrors.duplicateTableHeader(`The table file has the column header ${dup} twice.`);
        if (types.length !== headers.length) {
            throw catalogErrors.tableDataTypeLengthMismatch(`\`DataType\` has ${types.length} entries; the table file has ${headers.length} columns.`);
        }
        const rows = lines.slice(1).map((line, r) => {
            const cells = csvLine(line);
            if (cells.length !== headers.length)
                throw catalogErrors.invalidTableLength(`Row ${r + 1} has ${cells.length} cells; the header has ${headers.length}.`);
            cells.forEach((cell, i) => {
                if (!cellMatches(types[i] as string, cell)) {
                    throw catalogErrors.tableDataTypeMismatch(`Row ${r + 1}, column ${headers[i]}: \`${cell}\` is not of type ${types[i]}.`);
                }
            });
            return { TableRowUuid: uuid(), Content: cells };
        });
        if (rows.length === 0) throw errors.invalidParameterValue(`The table file ${uri} has a header but no rows.`);
        const id = wordId("tab");
        c.tables[id] = {
            TableId: id,
            ProjectId: project.ProjectId,
            Name: name,
            Description: (params.Description as string | undefined) ?? "",
            Columns: headers.map((Header, i) => ({ Header, DataType: types[i] as string })),
            CreateTime: plainTime(store.now()),
            Creator: ctx.secretId,
            CreatorId: ctx.secretId,
            Rows: rows,
        };
        return { TableId: id };
    },
};
