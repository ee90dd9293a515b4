/** The action registries: every Omics action the emulator answers, the STS actions, and the services by API version. */
import { OMICS_REGIONS } from "../state/model";
import { assumeRole, STS_REGIONS } from "./assumeRole";
import { assumeRoleWithWebIdentity } from "./assumeRoleWithWebIdentity";
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
// The catalogue actions (applications, tables, templates, environments, volumes, HPC, calls, logs)
import { createEnvironment } from "./createEnvironment";
import { createVolume } from "./createVolume";
import { deleteEnvironment } from "./deleteEnvironment";
import { deleteEnvironmentCache } from "./deleteEnvironmentCache";
import { deleteVolume } from "./deleteVolume";
import { deleteVolumeData } from "./deleteVolumeData";
import { describeApplications } from "./describeApplications";
import { describeApplicationVersions } from "./describeApplicationVersions";
import { describeHPCClusters } from "./describeHPCClusters";
import { describeHPCNodes } from "./describeHPCNodes";
import { describeInputTemplates } from "./describeInputTemplates";
import { describePublicApplications } from "./describePublicApplications";
import { describeTables } from "./describeTables";
import { describeTablesRows } from "./describeTablesRows";
import { describeVolumes } from "./describeVolumes";
import { getInputTemplateFile } from "./getInputTemplateFile";
import { getRunCalls } from "./getRunCalls";
import { getRunJobLog } from "./getRunJobLog";
import { getRunMetadataFile } from "./getRunMetadataFile";
import { importCommonApplication } from "./importCommonApplication";
import { importTableFile } from "./importTableFile";
import { modifyVolume } from "./modifyVolume";
import { rebootHPCNodes } from "./rebootHPCNodes";

const byName = (handlers: ActionHandler[]): ReadonlyMap<string, ActionHandler> => new Map(handlers.map((a) => [a.name, a]));

/** The Omics actions beyond run groups (each in its own file). */
const CATALOG_ACTIONS: ActionHandler[] = [
    createEnvironment,
    createVolume,
    deleteEnvironment,
    deleteEnvironmentCache,
    deleteVolume,
    deleteVolumeData,
    describeApplications,
    describeApplicationVersions,
    describeHPCClusters,
    describeHPCNodes,
    describeInputTemplates,
    describePublicApplications,
    describeTables,
    describeTablesRows,
    describeVolumes,
    getInputTemplateFile,
    getRunCalls,
    getRunJobLog,
    getRunMetadataFile,
    importCommonApplication,
    importTableFile,
    modifyVolume,
    rebootHPCNodes,
];

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
    ...CATALOG_ACTIONS,
]);

/** STS (version 2018-08-13), served on the same port so temporary credentials can be tested end to end. */
export const STS_ACTIONS: ReadonlyMap<string, ActionHandler> = byName([assumeRole, assumeRoleWithWebIdentity]);

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
