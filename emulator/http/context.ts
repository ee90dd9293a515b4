/** Everything the HTTP handlers share: state, credentials, faults, request log, rate limiter. */
import type { FaultRegistry } from "../control/faults";
import type { RequestLog } from "../control/requestLog";
import type { Store } from "../state/store";
import type { RateLimiter } from "./rateLimit";

/** A credential the emulator accepts. */
export interface EmulatorCredential {
  secretId: string;
  secretKey: string;
  /** When set, requests must carry this `X-TC-Token` (temporary credentials). */
  token?: string;
  /** Mutating actions answer OperationDenied for this credential. */
  readOnly?: boolean;
}

export interface EmulatorContext {
  store: Store;
  credentials: ReadonlyMap<string, EmulatorCredential>;
  faults: FaultRegistry;
  log: RequestLog;
  rateLimiter: RateLimiter;
  bodyLimitBytes: number;
}
