// Runs the `omics-emulator` bin as a child process, the way a user starts it in a terminal.
"use strict";
const path = require("node:path");
const { spawn } = require("node:child_process");

/**
 * Starts lib/emulator/cli.js with `args`, resolves once it printed its URL line.
 * @returns {Promise<{url: string, stop(): Promise<number|null>}>}
 */
function startEmulatorProcess(repoRoot, args) {
    const child = spawn(process.execPath, [path.join(repoRoot, "lib", "emulator", "cli.js"), ...args], {
        stdio: ["ignore", "pipe", "inherit"],
    });
    return new Promise((resolve, reject) => {
        let buffered = "";
        const onData = (chunk) => {
            buffered += chunk;
            const m = /(http:\/\/[^\s]+)/.exec(buffered);
            if (m) {
                child.stdout.off("data", onData);
                child.stdout.on("data", (d) => process.stderr.write(`[emulator] ${d}`));
                resolve({
                    url: m[1].replace(/\/$/, ""),
                    stop: () =>
                        new Promise((done) => {
                            if (child.exitCode !== null) return done(child.exitCode);
                            child.once("exit", (code) => done(code));
                            child.kill("SIGTERM");
                        }),
                });
            }
        };
        child.stdout.setEncoding("utf8");
        child.stdout.on("data", onData);
        child.once("error", reject);
        child.once("exit", (code) => reject(new Error(`the emulator exited with ${code} before printing its URL`)));
    });
}

module.exports = { startEmulatorProcess };
