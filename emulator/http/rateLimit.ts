/** Sliding one-second window per (action, SecretId): at most N accepted requests per second. */
export class RateLimiter {
    private readonly windows = new Map<string, number[]>();

    constructor(private readonly perSecond: number | false) {}

    /** True when the call may proceed (and counts it); false when over the limit. */
    allow(action: string, secretId: string, nowMs = Date.now()): boolean {
        if (this.perSecond === false) return true;
        const key = `${action}\u0000${secretId}`;
        const recent = (this.windows.get(key) ?? []).filter((t) => t > nowMs - 1000);
        if (recent.length >= this.perSecond) {
            this.windows.set(key, recent);
            return false;
        }
        recent.push(nowMs);
        this.windows.set(key, recent);
        return true;
    }
}
