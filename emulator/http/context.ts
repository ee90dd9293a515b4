/** Everything the HTTP handlers share: state, identities, faults, request log, in-flight requests, rate limiter. */
import type { FaultRegistry } from "../control/faults";
import type { InflightRegistry } from "../control/inflight";
import type { RequestLog } from "../control/requestLog";
import type { IdentityStore } from "../state/identities";
import type { Store } from "../state/store";
import type { RateLimiter } from "./rateLimit";

export type { EmulatorCredential } from "../state/identities";

export interface EmulatorContext {
    store: Store;
    /** Long-term credentials, roles and the temporary credentials AssumeRole issued. */
    identities: IdentityStore;
    faults: FaultRegistry;
    log: RequestLog;
    /** API requests that arrived and are not answered yet (`GET /_emulator/requests/inflight`). */
    inflight: InflightRegistry;
    rateLimiter: RateLimiter;
    bodyLimitBytes: number;
    /** Aborted when the emulator stops: held requests are dropped, delayed answers are sent at once. */
    stopSignal: AbortSignal;
}
