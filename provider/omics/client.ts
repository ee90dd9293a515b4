/**
 * The Omics calls the provider makes, through the official SDK's omics Client.
 *
 * Every attempt passes the process-wide rate limiter; retries follow omics/retry.ts. The SDK is
 * required lazily (on the first call), so loading the provider for a no-op preview costs nothing.
 */
import type {
    DescribeEnvironmentsRequest,
    DescribeEnvironmentsResponse,
    Environment,
    DescribeRunGroupsRequest,
    DescribeRunGroupsResponse,
    DescribeRunsRequest,
    DescribeRunsResponse,
    Filter,
    RetryRunsRequest,
    RetryRunsResponse,
    Run,
    RunGroup,
    TerminateRunGroupRequest,
    TerminateRunGroupResponse,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_models";
import type { Client as OmicsSdkClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_client";
import { settings, type Settings } from "../config/settings";
import { OmicsApiError } from "./errors";
import { sharedRateLimiter } from "./rateLimiter";
import { withRetries } from "./retry";

export type { Run, RunGroup, Filter, Environment };

/** Request/response types per action. */
interface Actions {
    RetryRuns: [RetryRunsRequest, RetryRunsResponse];
    DescribeRunGroups: [DescribeRunGroupsRequest, DescribeRunGroupsResponse];
    DescribeRuns: [DescribeRunsRequest, DescribeRunsResponse];
    TerminateRunGroup: [TerminateRunGroupRequest, TerminateRunGroupResponse];
    DescribeEnvironments: [DescribeEnvironmentsRequest, DescribeEnvironmentsResponse];
}
export type OmicsAction = keyof Actions;

/** Actions that may be repeated after an answer was lost. */
const IDEMPOTENT: Readonly<Record<OmicsAction, boolean>> = {
    RetryRuns: false,
    DescribeRunGroups: true,
    DescribeRuns: true,
    TerminateRunGroup: true,
    DescribeEnvironments: true,
};

/** Request timeout per call, seconds (the SDK default is 60). */
const REQUEST_TIMEOUT_SECONDS = 30;

const clients = new Map<string, OmicsSdkClient>();
let clientsGeneration = -1;

function sdkClient(s: Settings, region: string): OmicsSdkClient {
    if (clientsGeneration !== s.generation) {
        clients.clear();
        clientsGeneration = s.generation;
    }
    let client = clients.get(region);
    if (!client) {
        const { Client } = require("tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_client") as typeof import("tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_client");
        client = new Client({
            credential: s.credentials,
            region,
            profile: {
                language: "en-US",
                httpProfile: { endpoint: s.endpoint.host, protocol: s.endpoint.protocol, reqTimeout: REQUEST_TIMEOUT_SECONDS },
            },
        });
        clients.set(region, client);
    }
    return client;
}

/** call makes one logical Omics call (with limiter and retries) in `region`. */
export async function call<A extends OmicsAction>(region: string, action: A, request: Actions[A][0]): Promise<Actions[A][1]> {
    const s = settings();
    if (s.error) throw new OmicsApiError({ kind: "config", action, code: "InvalidProviderConfig", message: s.error });
    // Resolve credentials before sending so a missing key is a clear config error, not an HTTP one.
    await s.credentials.getCredential();
    const client = sdkClient(s, region);
    const limiter = sharedRateLimiter();
    return withRetries(action, IDEMPOTENT[action], async () => {
        await limiter.acquire(action);
        const send = client[action].bind(client) as (req: Actions[A][0]) => Promise<Actions[A][1]>;
        return send(request);
    });
}

/** Builds a Filters array from name → values, leaving out empty ones. */
export function filters(spec: Record<string, string[] | undefined>): Filter[] {
    return Object.entries(spec)
        .filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].length > 0)
        .map(([Name, Values]) => ({ Name, Values }));
}

const PAGE = 100;

/** Reads every page of a project-scoped list action (Limit/Offset/TotalCount). */
async function listAll<A extends "DescribeRunGroups" | "DescribeRuns", T>(
    region: string,
    action: A,
    items: (resp: Actions[A][1]) => T[] | undefined,
    projectId: string | undefined,
    f: Filter[],
): Promise<T[]> {
    const out: T[] = [];
    for (let offset = 0; ; offset += PAGE) {
        const resp = await call(region, action, {
            ...(projectId ? { ProjectId: projectId } : {}),
            Limit: PAGE,
            Offset: offset,
            ...(f.length > 0 ? { Filters: f } : {}),
        });
        const page = items(resp) ?? [];
        out.push(...page);
        if (page.length < PAGE || out.length >= (resp.TotalCount ?? 0)) return out;
    }
}

/** describeRunGroups lists every matching run group (all pages). */
export function describeRunGroups(region: string, projectId: string | undefined, f: Filter[]): Promise<RunGroup[]> {
    return listAll(region, "DescribeRunGroups", (r) => r.RunGroups, projectId, f);
}

/** describeRuns lists every matching run (all pages). */
export function describeRuns(region: string, projectId: string | undefined, f: Filter[]): Promise<Run[]> {
    return listAll(region, "DescribeRuns", (r) => r.Runs, projectId, f);
}

/** findRunGroup returns the run group with this id, or undefined when it does not exist. */
export async function findRunGroup(region: string, projectId: string | undefined, runGroupId: string): Promise<RunGroup | undefined> {
    const groups = await describeRunGroups(region, projectId, filters({ RunGroupId: [runGroupId] }));
    return groups.find((g) => g.RunGroupId === runGroupId);
}

/** Clears cached SDK clients (tests). @internal */
export function resetClients(): void {
    clients.clear();
    clientsGeneration = -1;
}

/** findEnvironment returns the environment with this id in the region, or undefined. */
export async function findEnvironment(region: string, environmentId: string): Promise<Environment | undefined> {
    const resp = await call(region, "DescribeEnvironments", { Limit: 100, Offset: 0, Filters: filters({ EnvironmentId: [environmentId] }) });
    return (resp.Environments ?? []).find((e) => e.EnvironmentId === environmentId);
}
