// A do-nothing dynamic resource whose create sleeps, for measuring what the engine and the
// dynamic-provider host do when `pulumi up` is interrupted (test/e2e/signals.test.ts,
// docs/reliability.md). Everything the provider does is appended as JSON lines to `markerFile`,
// so a test can see whether the create is still running after the CLI died.
//
// Config: sleepSeconds (number), markerFile (absolute path), count (resources, default 1),
// stopOnCancel (true: the create ends as soon as the engine's Cancel RPC arrives),
// failFirstAfter (seconds; the first resource's create fails after that long, default never).
import * as pulumi from "@pulumi/pulumi";

interface SleeperInputs {
    label: string;
    sleepSeconds: number;
    markerFile: string;
    stopOnCancel: boolean;
    /** Throw after this many seconds instead of finishing (a failing sibling), 0 = never. */
    failAfterSeconds: number;
}

// Only `require` and the arguments are used inside the methods: closure serialization copies
// whatever a method references into state, and this provider must stay self-contained.
const sleeperProvider: pulumi.dynamic.ResourceProvider = {
    async create(inputs: SleeperInputs): Promise<pulumi.dynamic.CreateResult> {
        const fs = require("node:fs") as typeof import("node:fs");
        const log = (kind: string, extra: Record<string, unknown> = {}): void => {
            const line = { t: Date.now(), kind, label: inputs.label, pid: process.pid, ...extra };
            fs.appendFileSync(inputs.markerFile, `${JSON.stringify(line)}\n`);
        };
        // /proc/self/stat: "pid (comm) state ppid pgrp session ..."; comm may hold spaces.
        const stat = fs.readFileSync("/proc/self/stat", "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");

        // The host's gRPC server looks a handler up per call through Server.prototype
        // ._retrieveHandler, so wrapping that method of the very @grpc/grpc-js instance the host
        // loaded shows every RPC, Cancel included (the host's own cancel handler does nothing).
        type Hooked = { cancelledAt?: number; hooked?: boolean; markerFiles: Set<string> };
        const g = globalThis as unknown as { __sleeperHook?: Hooked };
        g.__sleeperHook ??= { markerFiles: new Set<string>() };
        const hook: Hooked = g.__sleeperHook;
        hook.markerFiles.add(inputs.markerFile);
        if (!hook.hooked) {
            const key = Object.keys(require.cache).find((k) => k.endsWith("/@grpc/grpc-js/build/src/server.js"));
            const server = key ? (require.cache[key]?.exports as { Server?: { prototype: Record<string, unknown> } } | undefined)?.Server : undefined;
            const original = server?.prototype._retrieveHandler as ((this: unknown, path: string) => unknown) | undefined;
            if (server && original) {
                server.prototype._retrieveHandler = function (this: unknown, rpcPath: string): unknown {
                    if (rpcPath === "/pulumirpc.ResourceProvider/Cancel") hook.cancelledAt ??= Date.now();
                    for (const file of hook.markerFiles) {
                        fs.appendFileSync(file, `${JSON.stringify({ t: Date.now(), kind: "rpc", path: rpcPath, pid: process.pid })}\n`);
                    }
                    return original.call(this, rpcPath);
                };
                hook.hooked = true;
            }
            log("hook", { installed: hook.hooked === true, grpcServerModule: key ?? null });
            // The engine holds the write end of the plugin's stdin (the shell script passes it
            // on to node) and never writes to it: end-of-file means the CLI process is gone.
            process.stdin.on("end", () => {
                for (const file of hook.markerFiles) {
                    fs.appendFileSync(file, `${JSON.stringify({ t: Date.now(), kind: "stdin-eof", pid: process.pid })}\n`);
                }
            });
            process.stdin.resume();
        }

        log("start", { ppid: Number(fields[1]), pgid: Number(fields[2]), argv: process.argv, sleepSeconds: inputs.sleepSeconds });
        for (let i = 1; i <= inputs.sleepSeconds; i++) {
            await new Promise((resolve) => setTimeout(resolve, 1000));
            log("tick", { i });
            if (inputs.failAfterSeconds > 0 && i >= inputs.failAfterSeconds) {
                log("failed");
                throw new Error(`sleeper ${inputs.label}: failing on purpose after ${i} s`);
            }
            if (inputs.stopOnCancel && hook.cancelledAt !== undefined) {
                log("stopped", { cancelledAt: hook.cancelledAt });
                throw new Error(`sleeper ${inputs.label}: the engine cancelled the update`);
            }
        }
        log("done");
        return { id: `${inputs.label}-${process.pid}-${Date.now()}`, outs: { ...inputs } };
    },
    async delete(): Promise<void> {
        // Nothing exists outside the state.
    },
};

class Sleeper extends pulumi.dynamic.Resource {
    constructor(name: string, args: SleeperInputs, opts?: pulumi.CustomResourceOptions) {
        super(sleeperProvider, name, args, opts, "e2e", "Sleeper");
    }
}

const config = new pulumi.Config();
const sleepSeconds = config.requireNumber("sleepSeconds");
const markerFile = config.require("markerFile");
const count = config.getNumber("count") ?? 1;
const stopOnCancel = config.getBoolean("stopOnCancel") ?? false;
const failFirstAfter = config.getNumber("failFirstAfter") ?? 0;

const sleepers = Array.from(
    { length: count },
    (_, i) => new Sleeper(`s${i}`, { label: `s${i}`, sleepSeconds, markerFile, stopOnCancel, failAfterSeconds: i === 0 ? failFirstAfter : 0 }),
);

export const ids = sleepers.map((s) => s.id);
