/**
 * What RunApplication does with tables, versions, volumes and notifications:
 *
 * - `TableId` names an imported table of the project (`ResourceNotFound.TableNotExist`); each of
 *   `TableRowUuids` must be one of its rows (`ResourceNotFound.TableRowNotExist`); `TableId` alone
 *   runs every row. Each row gets one run whose input is the `InputBase64` object with every
 *   `${Header}` placeholder replaced by that row's cell (`InvalidParameterValue.InvalidInputPlaceholder`
 *   for a header the table does not have; emulator assumption on the placeholder syntax).
 * - `ApplicationVersionId` must be a version of the application (`ResourceNotFound.ApplicationVersionNotExist`);
 *   default: the latest.
 * - `VolumeIds` must be volumes of the environment (`ResourceNotFound`); default: its default volume.
 * - `EmailForNotification` entries must be e-mail addresses (`InvalidParameterValue.InvalidEmailFormat`), at
 *   most 5 (`FailedOperation.EmailCountLimitExceeded`); `TimeoutNotificationMinutes` 1..10080
 *   (`InvalidParameterValue.InvalidTimeoutMinutes`), needed with `TimeoutNotification`.
 */
import { catalogErrors, errors, OmicsEmulatorError } from "../errors";
import { type RunGroupDetails, defaultVolumeOf } from "../state/catalog";
import type { Application, Environment, Project } from "../state/model";
import type { Store } from "../state/store";
import { catalog, tableOf } from "./catalogCommon";
import type { Params } from "./validate";

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Per-row inputs and row UUIDs when the submission names a table; `undefined` otherwise. */
export function tableRuns(
    store: Store,
    project: Project,
    params: Params,
    inputs: Record<string, unknown>[],
    raw: string,
): { inputs: Record<string, unknown>[]; rowUuids: string[] } | undefined {
    const tableId = params.TableId as string | undefined;
    if (tableId === undefined) return undefined;
    const table = tableOf(store, project, tableId);
    const wanted = (params.TableRowUuids as string[] | undefined) ?? table.Rows.map((r) => r.TableRowUuid);
    if (new Set(wanted).size !== wanted.length) throw errors.invalidParameterValue("The parameter `TableRowUuids` has duplicates.");
    const rows = wanted.map((id) => {
        const row = table.Rows.find((r) => r.TableRowUuid === id);
        if (!row) throw catalogErrors.tableRowNotExist(`table ${tableId} has no row ${id}`);
        return row;
    });
    const headers = table.Columns.map((c) => c.Header);
    const template = raw === "" ? undefined : raw;
    return {
        rowUuids: rows.map((r) => r.TableRowUuid),
        inputs: rows.map((row, i) => {
            if (template === undefined) return inputs[0] ?? {};
            const text = template.replace(/\$\{([^}]*)\}/g, (_m, h: string) => {
                const col = headers.indexOf(h);
                if (col < 0)
                    throw catalogErrors.invalidInputPlaceholder(`The input placeholder \${${h}} names no column of table ${tableId} (${headers.join(", ")}).`);
                return JSON.stringify(row.Content[col] ?? "").slice(1, -1);
            });
            const parsed = JSON.parse(text) as unknown;
            const list = Array.isArray(parsed) ? parsed : [parsed];
            return (list[i] ?? list[0] ?? {}) as Record<string, unknown>;
        }),
    };
}

/** The version, volumes, access mode and notifications of a submission, checked. */
export function submissionDetails(store: Store, project: Project, application: Application, environment: Environment, params: Params): RunGroupDetails {
    const c = catalog(store);
    const versions = c.applications[application.ApplicationId]?.Versions ?? [];
    const versionId = params.ApplicationVersionId as string | undefined;
    const version = versionId === undefined ? versions[versions.length - 1] : versions.find((v) => v.ApplicationVersionId === versionId);
    if (!version) {
        throw catalogErrors.applicationVersionNotExist(
            `application ${application.ApplicationId} has no version ${String(versionId)} in project ${project.ProjectId}`,
        );
    }
    const volumeIds = (params.VolumeIds as string[] | undefined) ?? [];
    for (const id of volumeIds) {
        const v = c.volumes[id];
        if (!v || v.deleted || v.EnvironmentId !== environment.EnvironmentId) {
            throw errors.resourceNotFound(`volume ${id} does not exist in environment ${environment.EnvironmentId}`);
        }
    }
    const emails = (params.EmailForNotification as string[] | undefined) ?? [];
    if (emails.length > 5) throw new OmicsEmulatorError("FailedOperation.EmailCountLimitExceeded", "At most 5 addresses in `EmailForNotification`.");
    const bad = emails.find((e) => !EMAIL.test(e));
    if (bad !== undefined) throw catalogErrors.invalidEmailFormat(`\`${bad}\` in \`EmailForNotification\` is not an e-mail address.`);
    const minutes = params.TimeoutNotificationMinutes as number | undefined;
    if (minutes !== undefined && minutes > 10080) {
        throw new OmicsEmulatorError("InvalidParameterValue.InvalidTimeoutMinutes", "The parameter `TimeoutNotificationMinutes` must be 1..10080.");
    }
    if (params.TimeoutNotification === true && minutes === undefined) {
        throw errors.missingParameter("The request is missing a required parameter `TimeoutNotificationMinutes` (with `TimeoutNotification`).");
    }
    const fallback = defaultVolumeOf(c, environment.EnvironmentId);
    const mounted = volumeIds.length > 0 ? volumeIds : fallback ? [fallback.VolumeId] : [];
    return {
        ApplicationVersion: { ...version },
        AccessMode: (params.AccessMode as string | undefined) ?? "PRIVATE",
        InputTemplateId: "",
        VolumeIds: [...mounted],
        Volumes: mounted.map((id) => ({ VolumeId: id, Name: c.volumes[id]?.Name ?? id, MountPath: c.volumes[id]?.DefaultMountPath ?? `/${id}` })),
        ResultNotification: params.ResultNotification === true,
        TimeoutNotification: params.TimeoutNotification === true,
        TimeoutNotificationMinutes: minutes ?? 0,
        Emails: [...emails],
    };
}
