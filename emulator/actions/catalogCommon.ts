/** Helpers of the catalogue actions: project look-up by required ID, list answers, ownership checks. */
import { catalogErrors, errors } from "../errors";
import { type ApplicationDetails, type Catalog, catalogOf, type TableRecord } from "../state/catalog";
import type { Application, Project } from "../state/model";
import type { Store } from "../state/store";
import { type Filter, page } from "./common";
import type { Params } from "./validate";

/** The catalogue of the store's state. */
export const catalog = (store: Store): Catalog => catalogOf(store.state);

/**
 * Filter, count, page: `{TotalCount, [key]: items}` with `TotalCount` before paging. A filter's
 * getter may return several values (e.g. tags): the item matches when any of them is wanted.
 * Unknown filter names are InvalidParameterValue, as in the other list actions.
 */
export function listAnswer<T>(
    key: string,
    items: readonly T[],
    params: Params,
    filters: Readonly<Record<string, (item: T) => string | string[]>>,
    defaultLimit: number,
    view: (item: T) => Record<string, unknown>,
): Record<string, unknown> {
    const list = (params.Filters as Filter[] | undefined) ?? [];
    list.forEach((f, i) => {
        if (!Object.hasOwn(filters, f.Name)) {
            throw errors.invalidParameterValue(
                `The value \`${f.Name}\` of parameter \`Filters.${i}.Name\` is invalid; valid values: ${Object.keys(filters).join(", ")}.`,
            );
        }
    });
    const kept = items.filter((item) =>
        list.every((f) => {
            const v = (filters[f.Name] as (item: T) => string | string[])(item);
            return Array.isArray(v) ? v.some((x) => f.Values.includes(x)) : f.Values.includes(v);
        }),
    );
    return { TotalCount: kept.length, [key]: page(kept, params, defaultLimit).map(view) };
}

/** The application `id` of `project`, or ResourceNotFound.ApplicationNotExist. */
export function applicationOf(store: Store, project: Project, id: string): Application {
    const app = store.application(project.ProjectId, id);
    if (!app) throw errors.applicationNotExist(`application ${id} does not exist in project ${project.ProjectId}`);
    return app;
}

/** The table `id` of `project`, or ResourceNotFound.TableNotExist. */
export function tableOf(store: Store, project: Project, id: string): TableRecord {
    const t = catalog(store).tables[id];
    if (!t || t.ProjectId !== project.ProjectId) throw catalogErrors.tableNotExist(`table ${id} does not exist in project ${project.ProjectId}`);
    return t;
}

/** Mutating actions refuse read-only credentials (as RetryRuns does). */
export function denyReadOnly(ctx: { readOnly: boolean; secretId: string }, action: string): void {
    if (ctx.readOnly) throw errors.operationDenied(`credential ${ctx.secretId} is read-only: ${action} denied`);
}

/** The details of an application (derived for every application by `catalogOf`). */
export function detailsOf(c: Catalog, applicationId: string): ApplicationDetails {
    const d = c.applications[applicationId];
    if (!d) throw errors.internalError(`application ${applicationId} has no details`);
    return d;
}
