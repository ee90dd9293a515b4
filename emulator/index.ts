/**
 * Local Tencent Cloud Omics API emulator: the TC3-signed API 3.0 protocol, a run-group state
 * machine, STS AssumeRole for temporary credentials, and a `/_emulator/` control plane for
 * fixtures, faults, time and roles.
 */
export { startEmulator, DEMO_CREDENTIALS } from "./emulator";
export type { EmulatorOptions, RunningEmulator } from "./emulator";
export type { EmulatorCredential } from "./http/context";
export { EmulatorControl, EmulatorControlError } from "./control/client";
export type { InflightMatch } from "./control/client";
export type { FaultRule, FaultSpec } from "./control/faults";
export type { InflightPhase, InflightRequest } from "./control/inflight";
export type { RequestLogEntry, RequestOutcome } from "./control/requestLog";
export type { AssumedRole, RoleSpec } from "./state/identities";
export type { SeedLookalikeOptions, SeedLookalikeResult } from "./state/lookalike";
export type { SeedFailedRunGroupOptions, SeedFailedRunGroupResult, SeedFile } from "./state/seed";
export type { ClockMode } from "./state/clock";
export { DEFAULT_BEHAVIOUR, COPYABLE_RUN_FIELDS } from "./state/behaviour";
export type { Behaviour, CopyableRunField, ListingOrder, RetriedGroupName, RetryOption, TimeGranularity } from "./state/behaviour";
export type * from "./state/model";
export { OMICS_REGIONS } from "./state/model";
export { ErrorCodes, OmicsEmulatorError, isOmicsEmulatorError } from "./errors";
export type { ErrorCode } from "./errors";
export { tc3Authorization, tc3Signature } from "./http/signature";
export type { SignInput } from "./http/signature";
