/**
 * What every resource checks offline about Tencent's values: the failure shape, the regions, ID
 * shapes, bounds. Shared by RunRetry's and RunGroupWait's validation.
 */

export interface Failure {
    property: string;
    reason: string;
}

/** Regions where Omics is offered (Tencent's API pages, 2026). */
export const REGIONS = ["ap-beijing", "ap-guangzhou", "ap-shanghai", "ap-hongkong", "ap-singapore", "eu-frankfurt"] as const;
export const FAILURE_MODES = ["ContinueWhilePossible", "NoNewCalls"] as const;
export const NF_VERSIONS = ["22.10.7", "23.10.1"] as const;
/** Upper bound of waitTimeoutSeconds: 7 days. */
export const MAX_WAIT_SECONDS = 7 * 24 * 3600;

/**
 * ID shapes. Offline validation checks only what is certain about Tencent's IDs (the prefix, the
 * characters, a length bound), never the word pattern of the documentation's examples
 * (`run-ashamed-bleak-doggy-247963`): whether an ID exists is the online plan's job, which reports
 * it with the code RetryRuns would answer.
 */
export const MAX_ID_LENGTH = 128;
export const RUN_GROUP_ID = /^run-[A-Za-z0-9_-]{1,124}$/;
export const PROJECT_ID = /^prj-[A-Za-z0-9_-]{1,124}$/;
/** Any RFC 4122 UUID (Tencent's examples are version 4; the version is not checked). */
export const RUN_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
