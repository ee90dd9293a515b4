/**
 * Fault rules (`/_emulator/faults`): an error code, an HTTP status, latency, or a dropped
 * connection ("before" processing, or "after": processed and persisted, then the connection is
 * destroyed without an answer), and two timing effects that watch the client: `holdMs` (held
 * before processing; a client that leaves meanwhile gets nothing processed) and `answerDelayMs`
 * (processed, then the answer waits; a client that leaves meanwhile loses the answer).
 * Per action or for all, limited by a count and/or a probability drawn from a seeded generator
 * (same seed + same requests = same decisions). The first matching rule wins.
 */
import { randomUUID } from "node:crypto";
import { errors } from "../errors";
import { isFaultSeed, MAX_FAULT_SEED, randomSeed, SeededRandom } from "./random";

/** Upper bound of `holdMs` and `answerDelayMs` (10 minutes). */
export const MAX_TIMING_MS = 600_000;

/** A rule as posted to `POST /_emulator/faults`. */
export interface FaultSpec {
    /** Only this action (e.g. `RetryRuns`); all actions when absent. */
    action?: string;
    /** Answer this Tencent error instead of processing. */
    error?: { code: string; message?: string };
    /** Answer this HTTP status (e.g. 503) with a non-Tencent body instead of processing. */
    httpStatus?: number;
    /** Wait this long before going on (combines with the other effects). */
    latencyMs?: number;
    /** Destroy the connection: "before" processing, or "after" processing (state changed). */
    drop?: "before" | "after";
    /**
     * Hold the request this long before processing it. If the client's connection closes
     * meanwhile, nothing is processed (log outcome `client-gone`): "the request never reached
     * Tencent" when a client process is killed while it waits. 0..600000.
     */
    holdMs?: number;
    /**
     * Process the request (state changed and persisted), then wait this long before writing the
     * answer. If the client went away meanwhile, the log outcome is `answer-lost` (the state stays
     * changed): "applied, answer not yet arrived". 0..600000. Not with `drop: "before"`.
     */
    answerDelayMs?: number;
    /** Apply to this many matching requests, then the rule is removed. Unlimited when absent. */
    count?: number;
    /** Apply with this probability (0..1) to each matching request. @default 1 */
    probability?: number;
}

/** A stored rule. */
export interface FaultRule extends FaultSpec {
    id: string;
    /** How many requests it has applied to. */
    hits: number;
}

/** Check a posted rule; throws InvalidParameter/InvalidParameterValue naming the field. */
export function validateFaultSpec(body: unknown): FaultSpec {
    if (body === null || typeof body !== "object" || Array.isArray(body)) throw errors.invalidParameter("fault must be a JSON object");
    const b = body as Record<string, unknown>;
    const known = ["action", "error", "httpStatus", "latencyMs", "drop", "holdMs", "answerDelayMs", "count", "probability"];
    for (const k of Object.keys(b)) if (!known.includes(k)) throw errors.unknownParameter(`unknown fault field ${k}`);
    if (b.action !== undefined && typeof b.action !== "string") throw errors.invalidParameter("action must be a string");
    if (b.error !== undefined) {
        const e = b.error as Record<string, unknown>;
        if (e === null || typeof e !== "object" || typeof e.code !== "string" || e.code === "") {
            throw errors.invalidParameter("error must be {code: string, message?: string}");
        }
        if (e.message !== undefined && typeof e.message !== "string") throw errors.invalidParameter("error.message must be a string");
    }
    if (b.httpStatus !== undefined && (typeof b.httpStatus !== "number" || !Number.isInteger(b.httpStatus) || b.httpStatus < 400 || b.httpStatus > 599)) {
        throw errors.invalidParameterValue("httpStatus must be an integer from 400 to 599");
    }
    if (b.latencyMs !== undefined && (typeof b.latencyMs !== "number" || b.latencyMs < 0 || b.latencyMs > 120_000)) {
        throw errors.invalidParameterValue("latencyMs must be a number from 0 to 120000");
    }
    for (const k of ["holdMs", "answerDelayMs"] as const) {
        const v = b[k];
        if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > MAX_TIMING_MS)) {
            throw errors.invalidParameterValue(`${k} must be a number from 0 to ${MAX_TIMING_MS}`);
        }
    }
    if (b.drop !== undefined && b.drop !== "before" && b.drop !== "after") throw errors.invalidParameterValue("drop must be before or after");
    if (b.drop === "before" && b.answerDelayMs !== undefined) {
        throw errors.invalidParameterValue("answerDelayMs cannot combine with drop: before (no answer is written)");
    }
    if (b.count !== undefined && (typeof b.count !== "number" || !Number.isInteger(b.count) || b.count < 1)) {
        throw errors.invalidParameterValue("count must be a positive integer");
    }
    if (b.probability !== undefined && (typeof b.probability !== "number" || b.probability < 0 || b.probability > 1)) {
        throw errors.invalidParameterValue("probability must be a number from 0 to 1");
    }
    const effects = [b.error, b.httpStatus, b.drop].filter((x) => x !== undefined).length;
    if (effects > 1) throw errors.invalidParameterValue("a fault takes at most one of error, httpStatus, drop");
    const timings = [b.latencyMs, b.holdMs, b.answerDelayMs].filter((x) => x !== undefined).length;
    if (effects === 0 && timings === 0) {
        throw errors.missingParameter("a fault needs error, httpStatus, drop, latencyMs, holdMs or answerDelayMs");
    }
    return b as FaultSpec;
}

export class FaultRegistry {
    private rules: FaultRule[] = [];
    private random: SeededRandom;

    /** @param seed seed of the probability draws; a random one when absent (see {@link seed}). */
    constructor(seed: number = randomSeed()) {
        this.random = new SeededRandom(seed);
    }

    /** The seed in use (print it to replay a run with the same fault decisions). */
    get seed(): number {
        return this.random.seed;
    }

    /** Use this seed and start its sequence from the beginning. */
    reseed(seed: number): void {
        if (!isFaultSeed(seed)) throw errors.invalidParameterValue(`seed must be an integer from 0 to ${MAX_FAULT_SEED}`);
        this.random = new SeededRandom(seed);
    }

    /** Start the current seed's sequence again (used by reset). */
    restart(): void {
        this.random = new SeededRandom(this.random.seed);
    }

    add(spec: FaultSpec): FaultRule {
        const rule: FaultRule = { ...spec, id: randomUUID(), hits: 0 };
        this.rules.push(rule);
        return rule;
    }

    list(): FaultRule[] {
        return this.rules.map((r) => ({ ...r }));
    }

    clear(): void {
        this.rules = [];
    }

    /**
     * The first rule matching `action` that fires (counts it, removes exhausted rules). One draw
     * from the seeded generator per matching rule that has a probability, in rule order, so the
     * decisions depend only on the seed, the rules and the sequence of requests.
     */
    take(action: string): FaultRule | undefined {
        for (const rule of this.rules) {
            if (rule.action !== undefined && rule.action !== action) continue;
            if (rule.probability !== undefined && this.random.next() >= rule.probability) continue;
            rule.hits += 1;
            if (rule.count !== undefined && rule.hits >= rule.count) this.rules = this.rules.filter((r) => r !== rule);
            return { ...rule };
        }
        return undefined;
    }
}
