/**
 * Retries of Omics calls, bounded by time rather than by a small count.
 *
 * - `RequestLimitExceeded` means Tencent refused the request before applying it: every action is
 *   retried with exponential backoff and jitter, and the process-wide limiter is told to slow down
 *   (other processes may share the account's allowance).
 * - A request that certainly never left (connection refused, name not resolved) is retried for
 *   every action: nothing can have been applied.
 * - A transient failure without a usable answer (network, gateway, unreadable answer,
 *   `InternalError`) is retried only for calls marked `idempotent` (reads, TerminateRunGroup).
 *   RetryRuns is never resent here: its caller reconciles first (runRetry/recovery.ts).
 * - Everything else (Tencent's definitive answers: not found, auth, parameters, status) fails at once.
 *
 * Reads are safe to repeat, so a flaky network or a busy account should delay a deployment, not
 * stop it: the default gives each logical call five minutes.
 */
import { cancellationSignal, Cancelled, sleepUnlessCancelled } from "../host/cancellation";
import { type OmicsApiError, certainlyNotSent, isRateLimited, mayHaveBeenApplied, toOmicsError } from "./errors";
import type { Clock } from "../shared/clock";
import { systemClock } from "../shared/clock";

/** Settings of {@link withRetries}. */
export interface RetryPolicy {
    /** budgetMs bounds the time one logical call may spend retrying. @default 300000 (5 min) */
    budgetMs: number;
    /**
     * unreachableBudgetMs bounds retries of a request that never left (connection refused, host
     * not found): usually a wrong endpoint, so the user hears about it quickly. @default 15000
     */
    unreachableBudgetMs: number;
    /** baseDelayMs is the first backoff; it doubles each attempt (with up to 50% jitter). @default 250 */
    baseDelayMs: number;
    /** maxDelayMs caps one backoff. @default 8000 */
    maxDelayMs: number;
    clock: Clock;
}

/** The policy in use; tests shorten the delays. */
export const retryPolicy: RetryPolicy = {
    budgetMs: 300_000,
    unreachableBudgetMs: 15_000,
    baseDelayMs: 250,
    maxDelayMs: 8_000,
    clock: systemClock,
};

/** backoffMs is the delay before attempt `attempt + 1` (attempt counts from 1). */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">, random = Math.random): number {
    const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
    return Math.round(exp * (0.5 + random() / 2));
}

/** isTransient is true for failures worth repeating a read for. */
export function isTransient(err: OmicsApiError): boolean {
    if (err.kind === "config") return false;
    if (isRateLimited(err) || certainlyNotSent(err)) return true;
    if (err.kind === "http") return err.httpStatus === undefined || err.httpStatus >= 500 || err.httpStatus === 429 || err.httpStatus === 408;
    return mayHaveBeenApplied(err);
}

/** Hooks a caller may pass to observe the retries. */
export interface RetryHooks {
    /** onRateLimited runs after each RequestLimitExceeded (the limiter slows down here). */
    onRateLimited?: () => void;
    /** onRetry runs before each backoff, with the failure and the attempt that failed. */
    onRetry?: (err: OmicsApiError, attempt: number) => void;
}

/**
 * withRetries runs `call` (one attempt per invocation) and retries as described above until the
 * policy's time budget is spent. Whatever it finally throws is an {@link OmicsApiError}, or
 * {@link Cancelled} when the update was cancelled between attempts.
 */
export async function withRetries<T>(
    action: string,
    idempotent: boolean,
    call: () => Promise<T>,
    policy: RetryPolicy = retryPolicy,
    hooks: RetryHooks = {},
): Promise<T> {
    const start = policy.clock.now();
    const deadline = start + policy.budgetMs;
    for (let attempt = 1; ; attempt++) {
        let err: OmicsApiError;
        try {
            return await call();
        } catch (e) {
            if (e instanceof Cancelled) throw e;
            err = toOmicsError(e, action);
        }
        if (isRateLimited(err)) hooks.onRateLimited?.();
        const retryable = isRateLimited(err) || certainlyNotSent(err) || (idempotent && isTransient(err));
        if (!retryable || err.kind === "config") throw err;
        const delay = backoffMs(attempt, policy);
        const until = certainlyNotSent(err) && !isRateLimited(err) ? Math.min(deadline, start + policy.unreachableBudgetMs) : deadline;
        if (policy.clock.now() + delay > until || cancellationSignal().aborted) throw err;
        hooks.onRetry?.(err, attempt);
        await sleepUnlessCancelled(delay, policy.clock, `${action} (retrying after ${err.code ?? err.kind})`);
    }
}
