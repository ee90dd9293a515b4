/** The action registry: every Omics action the emulator answers, by name. */
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

export const ACTIONS: ReadonlyMap<string, ActionHandler> = new Map(
  [
    retryRuns,
    describeRunGroups,
    describeRuns,
    getRunStatus,
    terminateRunGroup,
    runApplication,
    runWorkflow,
    describeProjects,
    describeEnvironments,
  ].map((a) => [a.name, a]),
);

export type { ActionContext, ActionHandler } from "./types";
