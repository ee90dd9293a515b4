// Child processes for the setup scripts: inherit output, fail with the command named.
"use strict";
const { spawn } = require("node:child_process");

function run(command, args, options = {}) {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { stdio: options.capture ? ["ignore", "pipe", "pipe"] : "inherit", ...options });
        let stdout = "";
        let stderr = "";
        if (options.capture) {
            child.stdout.on("data", (d) => (stdout += d));
            child.stderr.on("data", (d) => (stderr += d));
        }
        child.on("error", reject);
        child.on("close", (code) => {
            if (code === 0) {
                resolve({ stdout, stderr });
            } else {
                const tail = stderr.split("\n").slice(-20).join("\n");
                reject(new Error(`\`${command} ${args.join(" ")}\` exited with ${code}${tail ? `\n${tail}` : ""}`));
            }
        });
    });
}

module.exports = { run };
