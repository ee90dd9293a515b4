/**
 * The Pulumi package schema of the `tencentcloud-omics` provider plugin: the one source of the
 * plugin's documentation. `getSchema` serves it, `npm run gen:schema` writes it to
 * plugin/schema.json (committed; a unit test fails when the file is stale), and the generated SDKs
 * (sdks/) take every doc comment from it.
 */
import { REGIONS, MAX_WAIT_SECONDS } from "../provider/runRetry/validate";
import { DEFAULT_LISTING_SETTLE_SECONDS, DEFAULT_RETRY_LIMIT } from "../provider/config/settings";

/** The package name: type tokens are `tencentcloud-omics:index:<Type>`. */
export const PACKAGE = "tencentcloud-omics";
export const token = (type: string): string => `${PACKAGE}:index:${type}`;

export const RUN_RETRY = token("RunRetry");
export const RUN_RETRY_RECORD = token("RunRetryRecord");
export const RUN_RETRY_INTENT = token("RunRetryIntent");
export const RUN_GROUP_WAIT = token("RunGroupWait");

type Prop = Record<string, unknown>;
const str = (description: string, extra: Prop = {}): Prop => ({ type: "string", description, ...extra });
const bool = (description: string, extra: Prop = {}): Prop => ({ type: "boolean", description, ...extra });
const int = (description: string, extra: Prop = {}): Prop => ({ type: "integer", description, ...extra });
const ref = (type: string, description: string): Prop => ({ $ref: `#/types/${token(type)}`, description });
const any = (description: string): Prop => ({ $ref: "pulumi.json#/Any", description });
const strings = (description: string): Prop => ({ type: "array", items: { type: "string" }, description });
const counts = (description: string): Prop => ({ type: "object", additionalProperties: { type: "integer" }, description });

const REGION_LIST = REGIONS.map((r) => `\`${r}\``).join(", ");

/** What a RunRetry retries: a change replaces it (a new RetryRuns). */
const retryTargetInputs: Record<string, Prop> = {
    runGroupId: str(
        "The run group to retry, e.g. `run-ashamed-bleak-doggy-247963`. Its failed runs are retried (or only `runUuids`, when given). " +
            "At least one of `runGroupId` and `runUuids` is required. Changing it replaces the resource (a new retry).",
    ),
    runUuids: strings(
        "Limits the retry to these runs (UUID v4). Order and duplicates do not matter. At least one of `runGroupId` and `runUuids` is required. " +
            "Default: every failed run of the group. Changing the set replaces the resource.",
    ),
    projectId: str(
        "The Omics project holding the run group, e.g. `prj-aggressive-lime-porcupine-752427`. Default: the region's default project. Changing it replaces the resource.",
    ),
    wdlOption: ref(
        "WdlOption",
        "Overrides the WDL running option of the retry. Mutually exclusive with `nfOption`. Default: the retried group's option. Changing it replaces the resource.",
    ),
    nfOption: ref(
        "NfOption",
        "Overrides the Nextflow option of the retry. Mutually exclusive with `wdlOption`. Default: the retried group's option. Changing it replaces the resource.",
    ),
    region: str(
        `The Tencent Cloud region of the run group, one of ${REGION_LIST}. Default: the provider's \`region\` (\`tencentcloud-omics:region\`, else \`TENCENTCLOUD_REGION\`); ` +
            "once a retry is recorded, an unset region keeps the region it was made in. Changing it replaces the resource.",
    ),
    triggers: any("Arbitrary values; changing any of them replaces the resource, which is the deliberate way to retry the same runs again."),
};

/** How the retry behaves: updates in place (no API call), or never diffs. */
const retryBehaviourInputs: Record<string, Prop> = {
    waitForCompletion: bool(
        "Makes `pulumi up` wait until the new run group finishes, printing progress: the RunRetry then creates a `RunGroupWait` child that waits " +
            "as a step of its own, after the retry is recorded, so killing or cancelling the wait never endangers the retry. `newRunGroupId`, `status` " +
            "and `runStatusCounts` then resolve from that wait, once the group finished. The wait is bounded by `waitTimeoutSeconds` and by the " +
            "`create` custom timeout of the RunRetry. Default: false. Changing it updates in place (no API call).",
    ),
    waitTimeoutSeconds: int(
        `Bounds the wait of \`waitForCompletion\`: a whole number from 1 to ${MAX_WAIT_SECONDS} (7 days); a \`create\` custom timeout, when shorter, ` +
            "bounds it too. When it expires the retry stays recorded, `up` reports the error and the next `up` waits again. Default: 3600. " +
            "Changing it updates in place (no API call).",
    ),
    terminateOnDelete: bool(
        "Makes destroying (or replacing) the retry call TerminateRunGroup on the new run group when it is still running. " +
            "Default: false (delete only forgets: a retry cannot be undone). Changing it updates in place (no API call).",
    ),
    recovery: str(
        "What create does when a group appears to be the result of an earlier, interrupted attempt of this very retry (an `up` killed after RetryRuns " +
            "took effect but before the engine recorded it): `adopt` records that group when the evidence designates exactly one (and stops otherwise, " +
            "listing the candidates); `retry` always calls RetryRuns; `fail` stops whenever such a group exists. Shown in preview as `plan.recovery`. " +
            'Default: "adopt". Changing it never causes a diff.',
    ),
    adoptRunGroupId: str(
        "Picks, by hand, which earlier attempt to record as this retry, when preview listed several candidates. Changing it never causes a diff.",
    ),
};

/** Outputs of a recorded retry. */
const retryOutputs: Record<string, Prop> = {
    newRunGroupId: str(
        "The run group RetryRuns created (the RunRetryRecord's id). On a RunRetry with `waitForCompletion`, it resolves once that group finished.",
    ),
    requestId: str("The RequestId of the RetryRuns call that created the group (empty for an imported retry)."),
    retriedAt: str("When RetryRuns succeeded (ISO 8601, UTC; for an imported retry, the new group's creation time)."),
    status: str(
        "The new group's status: `SUBMITTED` when recorded, refreshed by `pulumi refresh` (`NOT_FOUND` if deleted upstream). With `waitForCompletion`, the final status the wait saw.",
    ),
    runStatusCounts: counts("The new group's runs counted by status (see `status` for when it is current)."),
    plan: ref(
        "RunRetryPlan",
        "What was found, with read-only calls, before the retry: the group, its status, the runs to retry, the review and the recovery decision. Shown in preview.",
    ),
    adopted: bool("True when an earlier, interrupted attempt's group was recorded instead of calling RetryRuns."),
};

const retryRequiredOutputs = [
    "newRunGroupId",
    "status",
    "runStatusCounts",
    "adopted",
    "region",
    "waitForCompletion",
    "waitTimeoutSeconds",
    "terminateOnDelete",
    "recovery",
];

const waitInputs: Record<string, Prop> = {
    runGroupId: str("The run group to wait for, e.g. a RunRetry's `newRunGroupId` (also the resource's id). Changing it replaces the wait."),
    projectId: str("The group's project. Default: the region's default project. Changing it replaces the wait."),
    region: str(`The group's region, one of ${REGION_LIST}. Default: the provider's \`region\`. Changing it replaces the wait.`),
    timeoutSeconds: int(
        `Bounds the wait: a whole number from 1 to ${MAX_WAIT_SECONDS} (7 days); a \`create\` custom timeout, when shorter, bounds it too. ` +
            "When it expires, `up` fails, nothing is recorded, and the next `up` waits again. Default: 3600. Changing it updates in place.",
    ),
    enabled: bool(
        "When false, create reads the group's status once instead of waiting. Changing it updates in place; turning it on while the recorded group still runs makes that update wait. Default: true.",
    ),
};

const providerProperties: Record<string, Prop> = {
    region: str(`The default region, one of ${REGION_LIST}. Environment: \`TENCENTCLOUD_REGION\`; else the tccli profile's.`),
    secretId: str("The API key id. Environment: `TENCENTCLOUD_SECRET_ID`. Set both `secretId` and `secretKey`, or neither."),
    secretKey: str("The API key. Environment: `TENCENTCLOUD_SECRET_KEY`.", { secret: true }),
    securityToken: str("The token of temporary credentials. Environment: `TENCENTCLOUD_SECURITY_TOKEN` or `TENCENTCLOUD_SESSION_TOKEN`.", { secret: true }),
    profile: str("A `tccli configure` profile to take credentials, region and role from. Environment: `TENCENTCLOUD_PROFILE`. Default: `default`."),
    sharedCredentialsDir: str(
        "Where the profile's `<profile>.credential` and `.configure` files live. Environment: `TENCENTCLOUD_SHARED_CREDENTIALS_DIR`. Default: `~/.tccli`.",
    ),
    assumeRole: ref(
        "AssumeRole",
        "A CAM role to assume with the base credentials (STS AssumeRole). Environment: `TENCENTCLOUD_ASSUME_ROLE_ARN`, `TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME`, " +
            "`TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION`, `TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID`; else the profile's `role-arn`.",
    ),
    endpoint: str(
        "An Omics endpoint override, e.g. the local emulator (`http://` only on loopback). Environment: `TENCENTCLOUD_OMICS_ENDPOINT`. Default: `omics.tencentcloudapi.com`.",
    ),
    stsEndpoint: str(
        "Where roles are assumed. Environment: `TENCENTCLOUD_OMICS_STS_ENDPOINT`. Default: `sts.tencentcloudapi.com` (the Omics endpoint when that is a loopback emulator).",
    ),
    listingSettleSeconds: int(
        `How long (seconds, 0 to 600) after an earlier, interrupted attempt Tencent's listings may still omit the group it made: before the recovery concludes that no earlier attempt exists, at least this long has passed since that attempt (Tencent documents no bound). Environment: \`TENCENTCLOUD_OMICS_LISTING_SETTLE_SECONDS\`. Default: ${DEFAULT_LISTING_SETTLE_SECONDS}.`,
    ),
    retryLimit: int(
        `Retries allowed per run lineage, for the preview's review (Tencent documents that a limit exists, not its value). Environment: \`TENCENTCLOUD_OMICS_RETRY_LIMIT\`. Default: ${DEFAULT_RETRY_LIMIT}.`,
    ),
};

const objectType = (description: string, properties: Record<string, Prop>, required: string[] = []): Prop => ({
    type: "object",
    description,
    properties,
    ...(required.length > 0 ? { required } : {}),
});

const types: Record<string, Prop> = {
    [token("WdlOption")]: objectType(
        "The WDL running option (`WDLOption`, Tencent type `RunOption`) sent with RetryRuns.",
        {
            failureMode: str("`FailureMode`: what the workflow does after a call fails: `ContinueWhilePossible` or `NoNewCalls`."),
            useCallCache: bool("`UseCallCache`: reuse results of calls that already succeeded."),
            useErrorOnHold: bool("`UseErrorOnHold`: hold failed calls instead of ending them."),
            finalWorkflowOutputsDir: str("`FinalWorkflowOutputsDir`: where final outputs are copied."),
            useRelativeOutputPaths: bool("`UseRelativeOutputPaths`: keep the outputs' relative paths."),
            addRunInfoToOutputDir: bool("`AddRunInfoToOutputDir`: add run information to the output directory."),
        },
        ["failureMode", "useCallCache", "useErrorOnHold"],
    ),
    [token("NfOption")]: objectType("The Nextflow running option (`NFOption`) sent with RetryRuns; every field is optional.", {
        config: str("`Config`: Nextflow configuration text."),
        profile: str("`Profile`: Nextflow profile(s) to activate."),
        report: bool("`Report`: produce the Nextflow execution report."),
        resume: bool("`Resume`: resume from Nextflow's cache."),
        nfVersion: str('`NFVersion`: `"22.10.7"` or `"23.10.1"`.'),
        launchDir: str("`LaunchDir`: the Nextflow launch directory."),
    }),
    [token("AssumeRole")]: objectType(
        "A CAM role to assume (STS AssumeRole).",
        {
            roleArn: str("The role's ARN, e.g. `qcs::cam::uin/<uin>:roleName/<name>`."),
            sessionName: str("The role session's name."),
            sessionDuration: int("How long the temporary keys live, in seconds (default 7200)."),
            externalId: str("The role's external ID, when it requires one."),
            policy: str("A policy that further limits the assumed role."),
        },
        ["roleArn", "sessionName"],
    ),
    [token("RunRetryRecovery")]: objectType(
        "The plan's decision about an earlier, interrupted attempt of the retry.",
        {
            decision: str("`retry` calls RetryRuns; `adopt` records an earlier attempt's group instead."),
            runGroupId: str("The adopted group (decision `adopt`)."),
            createTime: str("When the adopted group was created (Tencent's clock)."),
            why: str("Why, in one sentence."),
        },
        ["decision", "why"],
    ),
    [token("RunRetryPlanRun")]: objectType(
        "One run the retry will (or did) resubmit, as seen before the retry.",
        {
            runUuid: str("The run's UUID."),
            status: str("The run's status when planned, e.g. `EXECUTOR_ERROR`."),
            userDefinedId: str("The run's user-defined ID (first column of a batch table), if any."),
            errorMessage: str("Why the run failed (Tencent's ErrorMessage, clipped to 200 characters)."),
            retriesUsed: int(
                "An ESTIMATE of the retries the run's lineage has used (Tencent reports no count): the failed runs listed with the same sample ID, input and table row in groups of the same application, name and type, minus the first.",
            ),
        },
        ["runUuid", "status"],
    ),
    [token("RunRetryPlan")]: objectType(
        "What check found, with read-only calls, when the retry was about to be created or replaced; shown in preview, never itself a cause of replacement.",
        {
            runGroupId: str("The group being retried."),
            projectId: str("The project the group belongs to."),
            groupStatus: str("The group's status when planned, e.g. `COMPLETE_ERROR`."),
            groupName: str("The group's name."),
            applicationId: str("The group's application, if any."),
            type: str("`WDL` or `NEXTFLOW`."),
            runs: { type: "array", items: { $ref: `#/types/${token("RunRetryPlanRun")}` }, description: "The runs that will be retried, sorted by UUID." },
            recovery: ref("RunRetryRecovery", "Whether an earlier, interrupted attempt of this retry exists and what happens to it."),
            summary: str("One line about the group, e.g. `2 of 4 runs failed: executor error: task exited with status 1 (2)`."),
            retryLimit: int("The limit per run lineage the estimates are compared with (the provider's `retryLimit`)."),
            warnings: strings("Why the retry may be futile; shown in preview (also as warnings on the RunRetry), not recorded."),
            limitReached: str("Which runs already used the retry limit (the preview fails unless an earlier attempt is adopted)."),
        },
        ["runGroupId", "groupStatus", "runs"],
    ),
};

const retryTargetNames = Object.keys(retryTargetInputs);

/** The whole schema (a plain JSON value). */
export function packageSchema(version: string): Record<string, unknown> {
    return {
        name: PACKAGE,
        displayName: "Tencent Cloud Omics",
        version,
        description: "Declare Tencent Cloud Omics RetryRuns as a resource: a reviewed plan in preview, exactly one RetryRuns on up, importable retries.",
        keywords: ["pulumi", "tencentcloud", "omics", "category/cloud"],
        homepage: "https://github.com/pulumi-tencentcloud-omics/pulumi-tencentcloud-omics",
        repository: "https://github.com/pulumi-tencentcloud-omics/pulumi-tencentcloud-omics",
        license: "Apache-2.0",
        publisher: "pulumi-tencentcloud-omics",
        config: { variables: providerProperties },
        provider: {
            description:
                "The tencentcloud-omics provider. Every setting also has an environment variable; credentials from the environment, a tccli profile or an assumed role never reach Pulumi state. " +
                "Precedence of the base credentials: `secretId`/`secretKey`, else `TENCENTCLOUD_SECRET_ID`/`TENCENTCLOUD_SECRET_KEY`, else the tccli profile, else the Tencent Cloud SDK's chain " +
                "(`~/.tencentcloud/credentials`, the TKE OIDC role, the CVM instance role).",
            inputProperties: providerProperties,
        },
        types,
        resources: {
            [RUN_RETRY]: {
                isComponent: true,
                description:
                    "RunRetry declares one RetryRuns call on Tencent Cloud Omics. `pulumi preview` checks the inputs offline, then (only when the retry is about to be created or replaced) " +
                    "confirms with read-only calls that the group and runs exist and can be retried, showing the reviewed `plan` (warnings appear as diagnostics). `pulumi up` calls " +
                    "RetryRuns exactly once, even when it is killed at any moment, and records the new group as `newRunGroupId`; later `up`s make no API call until an input that defines " +
                    "the retry changes (a replacement: a new retry). Destroying only forgets the retry, unless `terminateOnDelete` is set.\n\n" +
                    "It is a component in every SDK; in the stack its place is taken by the steps exactly-once needs, with its name: a `RunRetryIntent` (records the source lineage " +
                    "before the first attempt), a `RunRetryRecord` (the RetryRuns itself; the importable resource, whose URN is the RunRetry's) and, with `waitForCompletion`, a " +
                    "`RunGroupWait` (the record's child). To record a retry made outside Pulumi, import a `RunRetryRecord`: `pulumi import tencentcloud-omics:index:RunRetryRecord " +
                    "<name> <newRunGroupId>`; a RunRetry declared with that name afterwards takes it over without a RetryRuns. Put the `import` resource option " +
                    "on a RunRetryRecord, never on a RunRetry: the engine does not pass it to a component's construct, so the RunRetry would retry again.",
                inputProperties: { ...retryTargetInputs, ...retryBehaviourInputs },
                properties: {
                    ...retryTargetInputs,
                    ...retryBehaviourInputs,
                    ...retryOutputs,
                    intentId: str("The id of the RunRetryIntent child that recorded the source lineage before the first attempt."),
                },
                required: [...retryRequiredOutputs, "intentId"],
            },
            [RUN_RETRY_RECORD]: {
                description:
                    "RunRetryRecord is the RetryRuns of a RunRetry: its create sends RetryRuns once (or adopts an earlier, interrupted attempt's group), its id is the new run group. " +
                    "A RunRetry creates one as its child; declare one yourself only to import a retry made outside Pulumi: `pulumi import tencentcloud-omics:index:RunRetryRecord <name> <newRunGroupId>` " +
                    "reads the group, rebuilds the inputs from it (the source group through the lineage, the retried runs, the options) and makes no RetryRuns. An ID that is not a retry " +
                    "(a fresh submission) is refused.",
                inputProperties: {
                    ...retryTargetInputs,
                    ...retryBehaviourInputs,
                    intent: any("The RunRetryIntent's `record` (set by RunRetry; leave unset on a RunRetryRecord of your own)."),
                },
                properties: { ...retryTargetInputs, ...retryBehaviourInputs, ...retryOutputs },
                required: retryRequiredOutputs,
            },
            [RUN_RETRY_INTENT]: {
                description:
                    "RunRetryIntent records, with read-only calls and before the first attempt of a RunRetry, what the retried group's lineage looks like; the engine records it before the " +
                    "RunRetryRecord's create starts, so after a crash the next create can tell its own earlier attempt from a look-alike. A RunRetry creates one; you do not.",
                inputProperties: Object.fromEntries(retryTargetNames.map((k) => [k, retryTargetInputs[k]])),
                properties: {
                    retryKey: str("A digest of what defines the retry: a change replaces the intent, exactly when it replaces the RunRetry."),
                    runGroupId: retryTargetInputs.runGroupId,
                    projectId: retryTargetInputs.projectId,
                    region: retryTargetInputs.region,
                    record: any(
                        "The recorded state of the source lineage: intentId, recordedAt, region, projectId, sourceRunGroupId, lookalike, seenUntil, seenRecent.",
                    ),
                },
                required: ["retryKey", "record"],
            },
            [RUN_GROUP_WAIT]: {
                description:
                    "RunGroupWait waits for a run group to finish, as a step of its own: `pulumi up` polls the group (printing a line when its status or counts change) until it is " +
                    "`COMPLETE`, `COMPLETE_ERROR` or `TERMINATED`, and records that. It returns at once when the group already finished. Killed or cancelled, it records nothing and " +
                    "the next `up` waits again. The wait is bounded by `timeoutSeconds` and by the `create` custom timeout. Refresh re-reads the status; destroy only forgets.",
                inputProperties: waitInputs,
                requiredInputs: ["runGroupId"],
                properties: {
                    ...waitInputs,
                    status: str("The group's final status (or, with `enabled: false`, the status read)."),
                    runStatusCounts: counts("The group's runs counted by status."),
                    endTime: str("When the group finished (Tencent's ExecutionTime.EndTime), when known."),
                },
                required: ["runGroupId", "region", "timeoutSeconds", "enabled", "status", "runStatusCounts"],
            },
        },
        language: {
            python: {
                packageName: "pulumi_tencentcloud_omics",
                requires: { pulumi: ">=3.0.0,<4.0.0" },
                readme: "Tencent Cloud Omics RetryRuns as a Pulumi resource (RunRetry). See the project README.",
                pyproject: { enabled: true },
                respectSchemaVersion: true,
            },
            go: {
                importBasePath: "github.com/pulumi-tencentcloud-omics/pulumi-tencentcloud-omics/sdks/go/tencentcloudomics",
                packageImportAliases: {
                    "github.com/pulumi-tencentcloud-omics/pulumi-tencentcloud-omics/sdks/go/tencentcloudomics": "tencentcloudomics",
                },
                generateResourceContainerTypes: false,
                respectSchemaVersion: true,
            },
            // The Node SDK of the plugin (sdks/nodejs), for TypeScript programs that need `pulumi import` or
            // customTimeouts; the dynamic RunRetry of the npm package `pulumi-tencentcloud-omics` stays the
            // default there, hence a scoped name that cannot be taken for that package.
            nodejs: {
                packageName: "@pulumi-tencentcloud-omics/plugin-sdk",
                packageDescription:
                    "Node SDK of the tencentcloud-omics provider plugin: RunRetry (Tencent Cloud Omics RetryRuns) served by the plugin, with pulumi import and customTimeouts.",
                readme:
                    "Tencent Cloud Omics RetryRuns as a Pulumi resource (RunRetry), through the provider plugin `pulumi-resource-tencentcloud-omics`. " +
                    "Not the npm package `pulumi-tencentcloud-omics` (the dynamic provider). See the project README.",
                dependencies: { "@pulumi/pulumi": "^3.142.0" },
                // The TypeScript its build is tested with (the repository's); the codegen's default is ^4.7.0.
                typescriptVersion: "^5.9.3",
                respectSchemaVersion: true,
            },
        },
    };
}
