/** Atomic persistence of the state file: write a temporary file, fsync it, rename it over. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { EmulatorState } from "./model";

/** Write `state` to `file` atomically (synchronously, so it is on disk before we answer). */
export function writeStateAtomic(file: string, state: EmulatorState): void {
    const dir = path.dirname(file);
    fs.mkdirSync(dir, { recursive: true });
    const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
    const fd = fs.openSync(tmp, "w");
    try {
        fs.writeSync(fd, JSON.stringify(state, null, 2));
        fs.fsyncSync(fd);
    } finally {
        fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
}

/** Read a state file; `undefined` when it does not exist. Throws on a corrupt file. */
export function readState(file: string): EmulatorState | undefined {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw e;
    }
    const parsed = JSON.parse(text) as EmulatorState;
    if (parsed === null || typeof parsed !== "object" || parsed.version !== 1) {
        throw new Error(`state file ${file} is not an omics-emulator state (version 1)`);
    }
    return parsed;
}
