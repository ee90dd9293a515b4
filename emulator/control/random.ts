/**
 * A small seeded pseudo-random generator for fault probabilities, so that a seed and the same
 * sequence of requests give the same fault decisions (a failing run can be replayed).
 *
 * Not for anything secret: a Weyl sequence (a 32-bit counter stepped by an odd constant, the
 * golden ratio times 2^32) passed through a 32-bit avalanche mix (xor-shift / multiply rounds,
 * the MurmurHash3 finaliser constants). Every 32-bit state is visited once per 2^32 draws and
 * each output bit depends on every state bit, which is plenty for coin flips in tests.
 */
import { randomInt } from "node:crypto";

/** Largest accepted seed (seeds are unsigned 32-bit integers). */
export const MAX_FAULT_SEED = 0xffff_ffff;

/** True for an integer 0..2^32-1. */
export function isFaultSeed(v: unknown): v is number {
    return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= MAX_FAULT_SEED;
}

/** A seed drawn from the OS generator (the default when none is given). */
export function randomSeed(): number {
    return randomInt(0, MAX_FAULT_SEED + 1);
}

export class SeededRandom {
    private state: number;

    constructor(readonly seed: number) {
        if (!isFaultSeed(seed)) throw new RangeError(`seed must be an integer from 0 to ${MAX_FAULT_SEED}, got ${String(seed)}`);
        this.state = seed;
    }

    /** The next number in [0, 1). */
    next(): number {
        this.state = (this.state + 0x9e37_79b9) >>> 0;
        let z = this.state;
        z = Math.imul(z ^ (z >>> 16), 0x85eb_ca6b);
        z = Math.imul(z ^ (z >>> 13), 0xc2b2_ae35);
        z = (z ^ (z >>> 16)) >>> 0;
        return z / 0x1_0000_0000;
    }
}
