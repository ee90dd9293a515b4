/** The action registries: every Omics action the emulator answers, the STS actions, and the services by API version. */
import { OMICS_REGIONS } from "../state/model";
import { assumeRole, STS_REGIONS } from "./assumeRole";
import { describeEnvironments } from "./describeEnvironments";
import { describeProjects } from "./describeProjects";
import { describeRunGroups } from "./describeRunGroups";
import { describeRuns } from "./describeRuns";
import { getRunStatus } from "./getRunStatus";
import { retryRuns } from "./retryRuns";
import { runApplication } from "./runApplication";
import { runWorkflow } from "./runWorkflow";
import { terminateRunGroup } from "./terminateRunGroup";
import type { ActionHandler } from "./types";

const byName = (handlers: ActionHandler[]): ReadonlyMap<string, ActionHandler> => new Map(handlers.map((a) => [a.name, a]));

/** Omics (version 2022-11-28). */
export const ACTIONS: ReadonlyMap<string, ActionHandler> = byName([
    retryRuns,
    describeRunGroups,
    describeRuns,
    getRunStatus,
    terminateRunGroup,
    runApplication,
    runWorkflow,
    describeProjects,
    describeEnvironments,
]);

/** STS (version 2018-08-13), served on the same port so temporary credentials can be tested end to end. */
export const STS_ACTIONS: ReadonlyMap<string, ActionHandler> = byName([assumeRole]);

/** A Tencent Cloud service the emulator answers: `X-TC-Version` selects it. */
export interface ServiceDefinition {
    name: string;
    version: string;
    actions: ReadonlyMap<string, ActionHandler>;
    regions: readonly string[];
}

export const OMICS_VERSION = "2022-11-28";
export const STS_VERSION = "2018-08-13";

export const SERVICES: readonly ServiceDefinition[] = [
    { name: "omics", version: OMICS_VERSION, actions: ACTIONS, regions: OMICS_REGIONS },
    { name: "sts", version: STS_VERSION, actions: STS_ACTIONS, regions: STS_REGIONS },
];

export type { ActionContext, ActionHandler } from "./types";
