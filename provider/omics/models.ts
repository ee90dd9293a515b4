/**
 * Typed requests and responses of the Omics actions the provider calls (API version 2022-11-28).
 *
 * The runtime talks to Tencent through the small `tencentcloud-sdk-nodejs-common` package (signing,
 * credentials, `CommonClient`), which has no per-service types; these mirror Tencent's published
 * models for exactly the actions and fields used here. `test/unit/provider/models.test.ts` checks
 * at compile time that they stay assignable to and from the official SDK's omics models.
 */

/** Filter narrows a list action: several filters AND, several values of one filter OR. */
export interface Filter {
    Name: string;
    Values: string[];
}

/** RunOption is the WDL running option (`WDLOption` of RetryRuns, `Option` of a run group). */
export interface RunOption {
    FailureMode: string;
    UseCallCache: boolean;
    UseErrorOnHold: boolean;
    FinalWorkflowOutputsDir?: string;
    UseRelativeOutputPaths?: boolean;
    AddRunInfoToOutputDir?: boolean;
}

/** NFOption is the Nextflow running option. */
export interface NFOption {
    Config?: string;
    Profile?: string;
    Report?: boolean;
    Resume?: boolean;
    NFVersion?: string;
    LaunchDir?: string;
}

/** ExecutionTime holds ISO 8601 times of a run or run group. */
export interface ExecutionTime {
    SubmitTime?: string;
    StartTime?: string;
    EndTime?: string;
}

/** RunStatusCount counts a group's runs in one status. */
export interface RunStatusCount {
    Status?: string;
    Count?: number;
}

/** RunGroup is one submission (a batch of runs), as DescribeRunGroups returns it. */
export interface RunGroup {
    RunGroupId?: string;
    ProjectId?: string;
    ProjectName?: string;
    ApplicationId?: string;
    ApplicationName?: string;
    ApplicationType?: string;
    EnvironmentId?: string;
    EnvironmentName?: string;
    TableId?: string;
    Name?: string;
    Description?: string;
    Status?: string;
    Type?: string;
    WorkDir?: string;
    Input?: string;
    InputType?: string;
    InputCosUri?: string;
    Option?: RunOption;
    NFOption?: NFOption;
    TotalRun?: number;
    RunStatusCounts?: RunStatusCount[];
    ExecutionTime?: ExecutionTime;
    ErrorMessage?: string;
    CreateTime?: string;
    UpdateTime?: string;
    Creator?: string;
    CreatorId?: string;
}

/** Run is one run of a group, as DescribeRuns returns it. */
export interface Run {
    RunUuid?: string;
    ProjectId?: string;
    ApplicationId?: string;
    RunGroupId?: string;
    EnvironmentId?: string;
    UserDefinedId?: string;
    TableId?: string;
    TableRowUuid?: string;
    Status?: string;
    Input?: string;
    Option?: RunOption;
    ExecutionTime?: ExecutionTime;
    ErrorMessage?: string;
    CreateTime?: string;
    UpdateTime?: string;
}

/** Environment is a compute environment, as DescribeEnvironments returns it. */
export interface Environment {
    EnvironmentId?: string;
    Name?: string;
    Description?: string;
    Region?: string;
    Type?: string;
    Status?: string;
    Available?: boolean;
    IsDefault?: boolean;
    IsManaged?: boolean;
    Message?: string;
    CreationTime?: string;
}

/** Paging and filters shared by the list actions. */
export interface ListRequest {
    ProjectId?: string;
    Limit?: number;
    Offset?: number;
    Filters?: Filter[];
}

export interface RetryRunsRequest {
    ProjectId?: string;
    RunGroupId?: string;
    RunUuids?: string[];
    WDLOption?: RunOption;
    NFOption?: NFOption;
}
export interface RetryRunsResponse {
    /** RunGroupId is the NEW run group the retry created. */
    RunGroupId?: string;
    RequestId?: string;
}

export type DescribeRunGroupsRequest = ListRequest;
export interface DescribeRunGroupsResponse {
    TotalCount?: number;
    RunGroups?: RunGroup[];
    RequestId?: string;
}

export type DescribeRunsRequest = ListRequest;
export interface DescribeRunsResponse {
    TotalCount?: number;
    Runs?: Run[];
    RequestId?: string;
}

export interface DescribeEnvironmentsRequest {
    Offset?: number;
    Limit?: number;
    Filters?: Filter[];
}
export interface DescribeEnvironmentsResponse {
    TotalCount?: number;
    Environments?: Environment[];
    RequestId?: string;
}

export interface TerminateRunGroupRequest {
    RunGroupId: string;
    ProjectId?: string;
}
export interface TerminateRunGroupResponse {
    RequestId?: string;
}

/** Request and response type of each action the provider calls. */
export interface OmicsActions {
    RetryRuns: [RetryRunsRequest, RetryRunsResponse];
    DescribeRunGroups: [DescribeRunGroupsRequest, DescribeRunGroupsResponse];
    DescribeRuns: [DescribeRunsRequest, DescribeRunsResponse];
    DescribeEnvironments: [DescribeEnvironmentsRequest, DescribeEnvironmentsResponse];
    TerminateRunGroup: [TerminateRunGroupRequest, TerminateRunGroupResponse];
}
export type OmicsAction = keyof OmicsActions;

/** The Omics API version these models describe. */
export const OMICS_API_VERSION = "2022-11-28";
