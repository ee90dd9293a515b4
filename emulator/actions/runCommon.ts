/** Look-ups of GetRunCalls, GetRunJobLog, GetRunMetadataFile: a run and its group. */
import { errors } from "../errors";
import type { Run, RunGroup } from "../state/model";
import type { Store } from "../state/store";
import type { Params } from "./validate";

export function runAndGroup(store: Store, region: string, params: Params): { run: Run; group: RunGroup } {
    const project = store.project(region, params.ProjectId as string | undefined);
    const run = store.run(project, params.RunUuid as string);
    const group = store.state.runGroups[run.RunGroupId];
    if (!group) throw errors.runGroupNotExist(`run group ${run.RunGroupId} of run ${run.RunUuid} does not exist`);
    return { run, group };
}
