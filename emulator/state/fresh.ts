/** Builders of new records and of the fresh state (one default project etc. per region). */
import { isoTime, plainTime } from "./clock";
import { environmentId, wordId } from "./ids";
import { type Application, DEFAULT_SETTINGS, type EmulatorState, type Environment, OMICS_REGIONS, type Project, type WorkflowType } from "./model";

/** A state with one default project, environment and a WDL and a NEXTFLOW application per region. */
export function freshState(nowMs: number): EmulatorState {
    const state: EmulatorState = {
        version: 1,
        manualNowMs: nowMs,
        settings: { ...DEFAULT_SETTINGS },
        projects: {},
        environments: {},
        applications: {},
        runGroups: {},
        runs: {},
        lineageRetries: {},
    };
    for (const region of OMICS_REGIONS) {
        const p: Project = {
            ProjectId: wordId("prj"),
            Name: "default",
            Description: `Default project of ${region}`,
            Region: region,
            CreateTime: plainTime(nowMs),
            UpdateTime: plainTime(nowMs),
            Creator: "omics-emulator",
            IsDefault: true,
        };
        state.projects[p.ProjectId] = p;
        const env = makeEnvironment(region, nowMs, { isDefault: true, name: "default" });
        state.environments[env.EnvironmentId] = env;
        for (const type of ["WDL", "NEXTFLOW"] as const) {
            const app = makeApplication(p.ProjectId, type);
            state.applications[app.ApplicationId] = app;
        }
    }
    return state;
}

export function makeEnvironment(region: string, nowMs: number, o: { isDefault: boolean; name: string }): Environment {
    return {
        EnvironmentId: environmentId(),
        Name: o.name,
        Description: `${o.name} environment in ${region}`,
        Region: region,
        Type: "KUBERNETES",
        Status: "RUNNING",
        Available: true,
        IsDefault: o.isDefault,
        IsManaged: true,
        Message: "",
        CreationTime: isoTime(nowMs),
        emu: { deleted: false },
    };
}

export function makeApplication(projectId: string, type: WorkflowType, name?: string): Application {
    return {
        ApplicationId: wordId("app"),
        Name: name ?? (type === "WDL" ? "demo-wdl-app" : "demo-nextflow-app"),
        Type: type,
        ProjectId: projectId,
        emu: { deleted: false },
    };
}
