/**
 * The Omics calls the provider makes, through Tencent's official `CommonClient`
 * (`tencentcloud-sdk-nodejs-common`: the same TC3 signing and credential providers as the full SDK,
 * at 1/400 of its install size), typed by omics/models.ts.
 *
 * Every attempt passes the process-wide rate limiter; retries follow omics/retry.ts. The SDK is
 * required lazily (on the first call), so loading the provider for a no-op preview costs nothing.
 */
import type { CommonClient } from "tencentcloud-sdk-nodejs-common/tencentcloud/common/common_client";
import { settings, type Settings } from "../config/settings";
import { mutating, throwIfCancelled } from "../host/cancellation";
import { OmicsApiError, toOmicsError } from "./errors";
import { OMICS_API_VERSION, type Environment, type Filter, type OmicsAction, type OmicsActions, type Run, type RunGroup } from "./models";
import { sharedRateLimiter } from "./rateLimiter";
import { withRetries } from "./retry";
import { timing } from "../shared/timing";

export type { Run, RunGroup, Filter, Environment, OmicsAction };

/** Actions that may be repeated after an answer was lost. */
const IDEMPOTENT: Readonly<Record<OmicsAction, boolean>> = {
    RetryRuns: false,
    DescribeRunGroups: true,
    DescribeRuns: true,
    TerminateRunGroup: true,
    DescribeEnvironments: true,
};

/** Request timeout per attempt, seconds (the SDK default is 60). */
const REQUEST_TIMEOUT_SECONDS = 30;

const clients = new Map<string, CommonClient>();
let clientsGeneration = -1;

function sdkClient(s: Settings, region: string): CommonClient {
    if (clientsGeneration !== s.generation) {
        clients.clear();
        clientsGeneration = s.generation;
    }
    let client = clients.get(region);
    if (!client) {
        const { CommonClient: Client } =
            require("tencentcloud-sdk-nodejs-common/tencentcloud/common/common_client") as typeof import("tencentcloud-sdk-nodejs-common/tencentcloud/common/common_client");
        client = new Client(s.endpoint.host, OMICS_API_VERSION, {
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

/** Counts of calls per action made by this process (benchmarks and tests read them). */
export const callCounts: Record<string, number> = {};

/**
 * call makes one logical Omics call (limiter, retries) in `region`. A RetryRuns is never started
 * once the update was cancelled, and one on the wire is always allowed to finish.
 */
export async function call<A extends OmicsAction>(region: string, action: A, request: OmicsActions[A][0]): Promise<OmicsActions[A][1]> {
    const s = settings();
    if (s.error) throw new OmicsApiError({ kind: "config", action, code: "InvalidProviderConfig", message: s.error });
    // Resolve credentials before sending so a missing key is a clear config error, not an HTTP one.
    try {
        await s.credentials.getCredential();
    } catch (e) {
        throw toOmicsError(e, action);
    }
    const client = sdkClient(s, region);
    const limiter = sharedRateLimiter();
    const attempt = async (): Promise<OmicsActions[A][1]> => {
        await limiter.acquire(action);
        if (!IDEMPOTENT[action]) throwIfCancelled(`${action} not sent`);
        callCounts[action] = (callCounts[action] ?? 0) + 1;
        const send = (): Promise<OmicsActions[A][1]> => client.request(action, request) as Promise<OmicsActions[A][1]>;
        return IDEMPOTENT[action] ? send() : mutating(send);
    };
    const started = timing.clock.now();
    let reported = 0;
    return withRetries(action, IDEMPOTENT[action], attempt, undefined, {
        onRateLimited: () => limiter.slowDown(action),
        onRetry: (err) => {
            // Say so when riding out failures takes more than a few seconds, then every 15 s.
            const elapsed = timing.clock.now() - started;
            if (elapsed < 5_000 || elapsed - reported < 15_000) return;
            reported = elapsed;
            timing.log(`${action} in ${region}: ${err.code ?? err.kind} for ${Math.round(elapsed / 1000)} s; still retrying (reads are safe to repeat)`);
        },
    });
}

/** Builds a Filters array from name → values, leaving out empty ones. */
export function filters(spec: Record<string, string[] | undefined>): Filter[] {
    return Object.entries(spec)
        .filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].length > 0)
        .map(([Name, Values]) => ({ Name, Values }));
}

/** Largest page the list actions accept. */
export const PAGE = 100;

/**
 * Reads every page of a list action (Limit/Offset/TotalCount). The first page tells the total; the
 * other pages are then requested together (the rate limiter still paces them), so a listing costs
 * two round trips, not one per page: a project's listing grows with its history, whatever the
 * stack. A listing that grew meanwhile (its last page full, the total larger) is read on.
 */
export async function listAll<A extends "DescribeRunGroups" | "DescribeRuns" | "DescribeEnvironments", T>(
    region: string,
    action: A,
    items: (resp: OmicsActions[A][1]) => T[] | undefined,
    projectId: string | undefined,
    f: Filter[],
): Promise<T[]> {
    const page = async (offset: number): Promise<{ items: T[]; total: number }> => {
        const resp = await call(region, action, {
            ...(projectId && action !== "DescribeEnvironments" ? { ProjectId: projectId } : {}),
            Limit: PAGE,
            Offset: offset,
            ...(f.length > 0 ? { Filters: f } : {}),
        } as OmicsActions[A][0]);
        return { items: items(resp) ?? [], total: resp.TotalCount ?? 0 };
    };
    const first = await page(0);
    const out = [...first.items];
    let total = first.total;
    let lastFull = first.items.length === PAGE;
    let next = PAGE;
    while (lastFull && next < total) {
        const offsets: number[] = [];
        for (; next < total; next += PAGE) offsets.push(next);
        const pages = await Promise.all(offsets.map(page));
        for (const p of pages) out.push(...p.items);
        lastFull = pages.at(-1)?.items.length === PAGE;
        total = Math.max(total, ...pages.map((p) => p.total));
    }
    return out;
}

/**
 * listRunGroupsSince lists a project's run groups newest first, page by page, and stops after the
 * first page that reaches a group created before `sinceMs`: the cost grows with what is recent,
 * not with the project's history. Tencent documents no order for DescribeRunGroups: the listing
 * stops early only once it has shown itself newest first (some time strictly older than an earlier
 * one, none newer); a page of equal times proves nothing, and an unreadable time or a newer one
 * after an older one means every page is read. No group created since `sinceMs` is ever missed;
 * older ones may be in the answer too.
 */
export async function listRunGroupsSince(region: string, projectId: string | undefined, sinceMs: number): Promise<RunGroup[]> {
    const out: RunGroup[] = [];
    let ordered = true;
    let descending = false;
    let previous = Number.POSITIVE_INFINITY;
    for (let offset = 0; ; offset += PAGE) {
        const resp = await call(region, "DescribeRunGroups", { ...(projectId ? { ProjectId: projectId } : {}), Limit: PAGE, Offset: offset });
        const items = resp.RunGroups ?? [];
        out.push(...items);
        let reachedOlder = false;
        for (const g of items) {
            const ms = Date.parse(g.CreateTime ?? "");
            if (Number.isNaN(ms) || ms > previous) ordered = false;
            else {
                if (ms < previous && previous !== Number.POSITIVE_INFINITY) descending = true;
                previous = ms;
            }
            if (ms < sinceMs) reachedOlder = true;
        }
        if (items.length < PAGE || offset + PAGE >= (resp.TotalCount ?? 0)) return out;
        if (ordered && descending && reachedOlder) return out;
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

/** findEnvironment returns the environment with this id in the region, or undefined. */
export async function findEnvironment(region: string, environmentId: string): Promise<Environment | undefined> {
    const all = await listAll(region, "DescribeEnvironments", (r) => r.Environments, undefined, filters({ EnvironmentId: [environmentId] }));
    return all.find((e) => e.EnvironmentId === environmentId);
}

/** Clears cached SDK clients (tests). @internal */
export function resetClients(): void {
    clients.clear();
    clientsGeneration = -1;
}
