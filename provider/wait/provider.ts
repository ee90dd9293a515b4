/**
 * RunGroupWait (`pulumi-nodejs:dynamic/omics:RunGroupWait`): waits for a run group to finish, as a
 * step of its own. create polls until the group's status is final (returns at once when it already
 * is) and records it; read refreshes it; delete forgets. A wait holds no promise to keep: killed or
 * cancelled, nothing is recorded and the next `up` simply waits again, so it is safe to interrupt at
 * any moment (unlike the RetryRuns it follows, which is why the two are separate resources).
 */
import type * as pulumi from "@pulumi/pulumi";
import { configureFrom, settings } from "../config/settings";
import { describeError, isNotFound } from "../omics/errors";
import { startHostGuards } from "../host/guards";
import { canonical, clean, hasOlds, resourceName, type Bag } from "../shared/values";
import { timing } from "../shared/timing";
import { isFinalStatus } from "./status";
import { readGroup, stateOf, waitForGroup, type GroupState } from "./poll";
import { currentGroup } from "../omics/snapshot";
import { WAIT_REPLACE_KEYS, WAIT_UPDATE_KEYS, WAIT_DEFAULTS, normalizeWait, validateWait, type WaitInputs } from "./inputs";

const label = (name: string | undefined): string => (name ? `RunGroupWait "${name}"` : "RunGroupWait");

function parse(raw: Bag): WaitInputs {
    const inputs = normalizeWait(raw, settings().region);
    const failures = validateWait(inputs);
    if (failures.length > 0) throw new Error(`${label(resourceName(raw))}: invalid inputs: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    return inputs as unknown as WaitInputs;
}

function throwIfMisconfigured(name: string | undefined): void {
    const err = settings().error;
    if (err) throw new Error(`${label(name)}: ${err}`);
}

/** Waits (or, when disabled, reads once) and returns the outputs. */
async function observe(inp: WaitInputs, name: string | undefined): Promise<GroupState> {
    const target = {
        label: label(name),
        region: inp.region,
        runGroupId: inp.runGroupId,
        timeoutSeconds: inp.timeoutSeconds,
        ...(inp.projectId ? { projectId: inp.projectId } : {}),
    };
    try {
        if (inp.enabled) return await waitForGroup(target);
        const state = await readGroup(target);
        if (!state) throw new Error(`run group ${inp.runGroupId} does not exist`);
        return state;
    } catch (e) {
        throw new Error(
            describeError(
                e,
                name,
                inp.enabled ? `waiting for run group ${inp.runGroupId} (nothing recorded; the next up waits again)` : `reading run group ${inp.runGroupId}`,
                "RunGroupWait",
            ),
        );
    }
}

const differs = (olds: Bag, news: Bag, key: string, d?: unknown): boolean => canonical(olds[key] ?? d) !== canonical(news[key] ?? d);

export const runGroupWaitProvider = {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        configureFrom(req.config);
        startHostGuards();
    },
    async check(olds: Bag, news: Bag) {
        const oldRegion = hasOlds(olds) && typeof olds.region === "string" ? olds.region : undefined;
        const inputs = normalizeWait(news ?? {}, oldRegion ?? settings().region);
        return { inputs, failures: validateWait(inputs) };
    },
    async diff(_id: string, olds: Bag, news: Bag) {
        const replaces = WAIT_REPLACE_KEYS.filter((k) => differs(olds ?? {}, news ?? {}, k));
        const updates = WAIT_UPDATE_KEYS.filter((k) => differs(olds ?? {}, news ?? {}, k, WAIT_DEFAULTS[k]));
        return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace: false };
    },
    async create(raw: Bag): Promise<{ id: string; outs: Bag }> {
        const name = resourceName(raw);
        throwIfMisconfigured(name);
        const inp = parse(raw);
        const state = await observe(inp, name);
        return { id: inp.runGroupId, outs: clean({ ...inp, ...state }) as Bag };
    },
    async read(id: string, given?: Bag): Promise<{ id: string; props: Bag }> {
        const props = given ?? {};
        const name = resourceName(props);
        throwIfMisconfigured(name);
        const region = typeof props.region === "string" ? props.region : settings().region;
        if (!region) throw new Error(`${label(name)}: cannot refresh run group ${id}: no region in state or provider configuration`);
        const projectId = typeof props.projectId === "string" ? props.projectId : undefined;
        let state: GroupState | undefined;
        try {
            const group = await currentGroup(region, projectId, id);
            state = group ? stateOf(group) : undefined;
        } catch (e) {
            if (!isNotFound(e, "ResourceNotFound.ProjectNotExist"))
                throw new Error(describeError(e, name, `refreshing run group ${id} (state unchanged)`, "RunGroupWait"));
        }
        if (!state) {
            timing.log(`${label(name)}: run group ${id} no longer exists upstream; keeping the record with status NOT_FOUND`);
            return { id, props: { ...props, status: "NOT_FOUND" } };
        }
        return { id, props: { ...props, ...state } };
    },
    async update(_id: string, olds: Bag, news: Bag): Promise<{ outs: Bag }> {
        const name = resourceName(news, olds);
        const inp = parse(news);
        const previous: GroupState = { status: (olds.status as string) ?? "UNKNOWN", runStatusCounts: (olds.runStatusCounts as Record<string, number>) ?? {} };
        // Turning waiting on for a group still running waits now; anything else records the settings.
        if (inp.enabled && !isFinalStatus(previous.status) && previous.status !== "NOT_FOUND") {
            throwIfMisconfigured(name);
            return { outs: clean({ ...inp, ...(await observe(inp, name)) }) as Bag };
        }
        return { outs: clean({ ...inp, ...previous, ...(typeof olds.endTime === "string" ? { endTime: olds.endTime } : {}) }) as Bag };
    },
    async delete(): Promise<void> {
        // Waiting leaves nothing behind upstream.
    },
} satisfies pulumi.dynamic.ResourceProvider<Bag, Bag>;
