/**
 * The shared credentials of Tencent's CLI (`tccli configure`), as pulumi-tencentcloud and the
 * Terraform provider read them: `<dir>/<profile>.credential` (JSON: `secretId`, `secretKey`,
 * optional `token`, and optional `role-arn` + `role-session-name` for a role to assume) and
 * `<dir>/<profile>.configure` (JSON; `_sys_param.region`). `<dir>` defaults to `~/.tccli`, the
 * profile to `default`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface SharedProfile {
    /** credentialFile is the file the keys came from (for messages; never its content). */
    credentialFile: string;
    secretId?: string;
    secretKey?: string;
    token?: string;
    roleArn?: string;
    roleSessionName?: string;
    region?: string;
}

export interface ProfileRequest {
    /** profile name; `default` when unset. */
    profile?: string;
    /** directory; `~/.tccli` when unset. `~` is expanded. */
    dir?: string;
    /** explicit: the user named the profile or directory, so a missing file is an error. */
    explicit: boolean;
    home?: string;
}

function expandHome(p: string, home: string): string {
    return p === "~" ? home : p.startsWith("~/") ? path.join(home, p.slice(2)) : p;
}

function readJson(file: string): Record<string, unknown> {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new Error(`${file} is not valid JSON (${(e as Error).message.replace(/ in JSON at.*/, "")}); fix it or run \`tccli configure\` again`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`${file} must hold a JSON object`);
    return parsed as Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/**
 * readSharedProfile returns the profile, undefined when the default profile simply does not exist,
 * or throws (a message naming the file) when a named one is missing or a file is unreadable.
 */
export function readSharedProfile(req: ProfileRequest): SharedProfile | undefined {
    const home = req.home ?? os.homedir();
    const name = req.profile ?? "default";
    if (!/^[\w.@-]+$/.test(name)) throw new Error(`profile "${name}" is not a profile name (letters, digits, ".", "_", "-", "@")`);
    const dir = expandHome(req.dir ?? path.join(home, ".tccli"), home);
    const credentialFile = path.join(dir, `${name}.credential`);
    const configureFile = path.join(dir, `${name}.configure`);
    if (!fs.existsSync(credentialFile)) {
        if (req.explicit) throw new Error(`profile "${name}": ${credentialFile} does not exist (create it with \`tccli configure --profile ${name}\`)`);
        return undefined;
    }
    const cred = readJson(credentialFile);
    const out: SharedProfile = { credentialFile };
    const fields: Array<[keyof SharedProfile, string]> = [
        ["secretId", "secretId"],
        ["secretKey", "secretKey"],
        ["token", "token"],
        ["roleArn", "role-arn"],
        ["roleSessionName", "role-session-name"],
    ];
    for (const [key, json] of fields) {
        const v = str(cred[json]);
        if (v) out[key] = v;
    }
    if (fs.existsSync(configureFile)) {
        const sys = readJson(configureFile)._sys_param;
        const region = sys && typeof sys === "object" ? str((sys as Record<string, unknown>).region) : undefined;
        if (region) out.region = region;
    }
    return out;
}
