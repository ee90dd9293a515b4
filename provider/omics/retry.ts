/**
 * Retries of Omics calls.
 *
 * - `RequestLimitExceeded` means Tencent refused the request before applying it: every action is
 *   retried with exponential backoff and jitter.
 * - A failure without a usable answer (network, gateway, unreadable answer) is retried only for
 *   calls marked `idempotent` (reads, TerminateRunGroup). RetryRuns is never resent here: its
 *   caller reconciles first (see runRetry/reconcile.ts).
 */
import { OmicsApiError, certainlyNotSent, isRateLimited, mayHaveBeenApplied, toOmicsError } from "./errors";
import type { Clock } from "./rateLimiter";
import { systemClock } from "./rateLimiter";

/** Settings of {@link withRetries}. */
export interface RetryPolicy {
    /** maxAttempts counts the first attempt too. @default 6 */
    maxAttempts: number;
    /** baseDelayMs is the first backoff; it doubles each attempt (with up to 50% jitter). @default 250 */
    baseDelayMs: number;
    /** maxDelayMs caps one backoff. @default 5000 */
    maxDelayMs: number;
    clock: Clock;
}

/** The policy in use; tests shorten the delays. */
export const retryPolicy: RetryPolicy = {
    maxAttempts: 6,
    baseDelayMs: 250,
    maxDelayMs: 5000,
    clock: systemClock,
};

/** backoffMs is the delay before attempt `attempt + 1` (attempt counts from 1). */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">, random = Math.random): number {
    const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(exp * (0.5 + random() / 2));
}

/**
 * withRetries runs `call` (one attempt per invocation) and retries as described above. Whatever
 * it finally throws is an {@link OmicsApiError}.
 */
export async function withRetries<T>(
    action: string,
    idempotent: boolean,
    call: () => Promise<T>,
    policy: RetryPolicy = retryPolicy,
): Promise<T> {
    for (let attempt = 1; ; attempt++) {
        let err: OmicsApiError;
        try {
            return await call();
        } catch (e) {
            err = toOmicsError(e, action);
        }
        const retryable =
            isRateLimited(err) || (idempotent && (mayHaveBeenApplied(err) || certainlyNotSent(err)) && err.kind !== "config");
        // Answers lost on the way are retried fewer times than explicit "slow down" answers.
        const cap = isRateLimited(err) ? policy.maxAttempts : Math.min(3, policy.maxAttempts);
        if (!retryable || attempt >= cap) throw err;
        await policy.clock.sleep(backoffMs(attempt, policy));
    }
}
