/**
 * A small parameter schema: each action declares its fields; `validate` answers
 * MissingParameter (required field absent), UnknownParameter (field not in the schema),
 * InvalidParameter (wrong JSON type) or InvalidParameterValue (bad value), naming the field.
 */
import { errors } from "../errors";

export type FieldSpec =
    | { kind: "string"; required?: boolean; enum?: readonly string[]; maxLength?: number; nonEmpty?: boolean; pattern?: RegExp; patternName?: string }
    | { kind: "integer"; required?: boolean; min?: number; max?: number }
    | { kind: "boolean"; required?: boolean }
    | { kind: "stringArray"; required?: boolean; minItems?: number; maxItems?: number }
    | { kind: "object"; required?: boolean; fields: Schema }
    | { kind: "objectArray"; required?: boolean; fields: Schema; maxItems?: number };

export type Schema = Readonly<Record<string, FieldSpec>>;

/** A JSON object of parameters as received. */
export type Params = Record<string, unknown>;

const typeName = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** Validate `params` against `schema` (recursively); returns them unchanged when valid. */
export function validate(schema: Schema, params: unknown, prefix = ""): Params {
    if (params === null || typeof params !== "object" || Array.isArray(params)) {
        throw errors.invalidParameter(`${prefix ? prefix : "request body"} must be a JSON object`);
    }
    const p = params as Params;
    for (const key of Object.keys(p)) {
        if (!Object.hasOwn(schema, key)) {
            throw errors.unknownParameter(`The parameter \`${prefix}${key}\` is not recognized.`);
        }
    }
    for (const [key, spec] of Object.entries(schema)) {
        const name = `${prefix}${key}`;
        const v = p[key];
        if (v === undefined || v === null) {
            if (spec.required) throw errors.missingParameter(`The request is missing a required parameter \`${name}\`.`);
            continue;
        }
        checkField(name, spec, v);
    }
    return p;
}

function checkField(name: string, spec: FieldSpec, v: unknown): void {
    const wrong = (expected: string) => errors.invalidParameter(`The parameter \`${name}\` must be ${expected}, got ${typeName(v)}.`);
    switch (spec.kind) {
        case "string": {
            if (typeof v !== "string") throw wrong("a string");
            if (spec.nonEmpty && v === "") throw errors.invalidParameterValue(`The parameter \`${name}\` must not be empty.`);
            if (spec.maxLength !== undefined && v.length > spec.maxLength) {
                throw errors.invalidParameterValue(`The parameter \`${name}\` is longer than ${spec.maxLength} characters.`);
            }
            if (spec.pattern && !spec.pattern.test(v)) {
                throw errors.invalidParameterValue(
                    `The value \`${v}\` of parameter \`${name}\` is not ${spec.patternName ?? `of the form ${spec.pattern.source}`}.`,
                );
            }
            if (spec.enum && !spec.enum.includes(v)) {
                throw errors.invalidParameterValue(`The value \`${v}\` of parameter \`${name}\` is invalid; valid values: ${spec.enum.join(", ")}.`);
            }
            return;
        }
        case "integer": {
            if (typeof v !== "number" || !Number.isInteger(v)) throw wrong("an integer");
            if (spec.min !== undefined && v < spec.min) {
                throw errors.invalidParameterValue(`The parameter \`${name}\` must be at least ${spec.min}, got ${v}.`);
            }
            if (spec.max !== undefined && v > spec.max) {
                throw errors.invalidParameterValue(`The parameter \`${name}\` must be at most ${spec.max}, got ${v}.`);
            }
            return;
        }
        case "boolean":
            if (typeof v !== "boolean") throw wrong("a boolean");
            return;
        case "stringArray": {
            if (!Array.isArray(v)) throw wrong("an array of strings");
            v.forEach((item, i) => {
                if (typeof item !== "string") {
                    throw errors.invalidParameter(`The parameter \`${name}.${i}\` must be a string, got ${typeName(item)}.`);
                }
            });
            if (spec.minItems !== undefined && v.length < spec.minItems) {
                throw errors.invalidParameterValue(`The parameter \`${name}\` needs at least ${spec.minItems} item(s).`);
            }
            if (spec.maxItems !== undefined && v.length > spec.maxItems) {
                throw errors.invalidParameterValue(`The parameter \`${name}\` takes at most ${spec.maxItems} items.`);
            }
            return;
        }
        case "object":
            if (typeof v !== "object" || Array.isArray(v)) throw wrong("an object");
            validate(spec.fields, v, `${name}.`);
            return;
        case "objectArray": {
            if (!Array.isArray(v)) throw wrong("an array of objects");
            if (spec.maxItems !== undefined && v.length > spec.maxItems) {
                throw errors.invalidParameterValue(`The parameter \`${name}\` takes at most ${spec.maxItems} items.`);
            }
            v.forEach((item, i) => {
                if (item === null || typeof item !== "object" || Array.isArray(item)) {
                    throw errors.invalidParameter(`The parameter \`${name}.${i}\` must be an object, got ${typeName(item)}.`);
                }
                validate(spec.fields, item, `${name}.${i}.`);
            });
            return;
        }
    }
}

// ---- shared field specs ----------------------------------------------------------------

export const FAILURE_MODES = ["ContinueWhilePossible", "NoNewCalls"] as const;
export const NF_VERSIONS = ["22.10.7", "23.10.1"] as const;

export const RUN_OPTION_SCHEMA: Schema = {
    FailureMode: { kind: "string", required: true, enum: FAILURE_MODES },
    UseCallCache: { kind: "boolean", required: true },
    UseErrorOnHold: { kind: "boolean", required: true },
    FinalWorkflowOutputsDir: { kind: "string" },
    UseRelativeOutputPaths: { kind: "boolean" },
    AddRunInfoToOutputDir: { kind: "boolean" },
};

export const NF_OPTION_SCHEMA: Schema = {
    Config: { kind: "string" },
    Profile: { kind: "string" },
    Report: { kind: "boolean" },
    Resume: { kind: "boolean" },
    NFVersion: { kind: "string", enum: NF_VERSIONS },
    LaunchDir: { kind: "string" },
};

export const FILTERS_SPEC: FieldSpec = {
    kind: "objectArray",
    maxItems: 10,
    fields: {
        Name: { kind: "string", required: true },
        Values: { kind: "stringArray", required: true, minItems: 1, maxItems: 100 },
    },
};

export const PROJECT_ID_SPEC: FieldSpec = { kind: "string" };

/** Parameters of the project-scoped list actions (DescribeRunGroups, DescribeRuns). */
export const PROJECT_LIST_SCHEMA: Schema = {
    ProjectId: PROJECT_ID_SPEC,
    Limit: { kind: "integer", min: 1, max: 100 },
    Offset: { kind: "integer", min: 0 },
    Filters: FILTERS_SPEC,
};

// ---- ID formats (the documented examples' formats; a malformed ID is InvalidParameterValue) ----

const idSpec = (pattern: RegExp, patternName: string, required = true): FieldSpec => ({ kind: "string", required, nonEmpty: true, pattern, patternName });

export const ID_SPECS = {
    project: idSpec(/^prj-[a-z]+-[a-z]+-[a-z]+-\d{6}$/, "a project ID (prj-<adjective>-<colour>-<animal>-<6 digits>)"),
    application: idSpec(/^app-[a-z]+-[a-z]+-[a-z]+-\d{6}$/, "an application ID (app-<adjective>-<colour>-<animal>-<6 digits>)"),
    table: idSpec(/^tab-[a-z]+-[a-z]+-[a-z]+-\d{6}$/, "a table ID (tab-<adjective>-<colour>-<animal>-<6 digits>)"),
    inputTemplate: idSpec(/^in-[a-z]+-[a-z]+-[a-z]+-\d{6}$/, "an input template ID (in-<adjective>-<colour>-<animal>-<6 digits>)"),
    environment: idSpec(/^env-[0-9a-z]{8}$/, "an environment ID (env-<8 lowercase alphanumerics>)"),
    volume: idSpec(/^vol-[0-9a-z]{8}$/, "a volume ID (vol-<8 lowercase alphanumerics>)"),
    cluster: idSpec(/^hpc-[0-9a-z]{8}$/, "an HPC cluster ID (hpc-<8 lowercase alphanumerics>)"),
    node: idSpec(/^ins-[0-9a-z]{8}$/, "a node ID (ins-<8 lowercase alphanumerics>)"),
    runUuid: idSpec(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "a run UUID"),
} as const;

/** The same spec, optional. */
export const optional = (spec: FieldSpec): FieldSpec => ({ ...spec, required: false });

/** Paging of the catalogue list actions: Limit 1..100, Offset ≥ 0, Filters. */
export const PAGING_SCHEMA: Schema = {
    Limit: { kind: "integer", min: 1, max: 100 },
    Offset: { kind: "integer", min: 0 },
    Filters: FILTERS_SPEC,
};
