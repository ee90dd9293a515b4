// Progress lines for the setup scripts: one prefix, so users can tell our output from the engine's.
"use strict";

function step(message) {
    process.stderr.write(`[omics] ${message}\n`);
}

/** Runs `fn`, printing a heartbeat every `everyMs` so a long step never looks hung. */
async function withHeartbeat(label, fn, everyMs = 15000) {
    const started = Date.now();
    step(`${label} ...`);
    const timer = setInterval(() => step(`${label}: still working (${Math.round((Date.now() - started) / 1000)}s)`), everyMs);
    try {
        const result = await fn();
        step(`${label}: done in ${Math.round((Date.now() - started) / 1000)}s`);
        return result;
    } finally {
        clearInterval(timer);
    }
}

module.exports = { step, withHeartbeat };
