/** Time source and sleep, injectable so tests can use a fake clock. */
export interface Clock {
    now(): number;
    sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
