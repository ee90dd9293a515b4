/** Helpers shared by the action handlers: paging, filters, public views of state records. */
import type { ListingOrder } from "../state/behaviour";
import { errors } from "../errors";
import type { Environment, Project, Run, RunGroup } from "../state/model";
import type { Params } from "./validate";

/** Filters as sent: several filters AND, several values of one filter OR. */
export interface Filter {
    Name: string;
    Values: string[];
}

/** Keep the items matching every filter; unknown filter names give InvalidParameterValue. */
export function applyFilters<T>(items: readonly T[], filters: unknown, fields: Readonly<Record<string, (item: T) => string>>): T[] {
    const list = (filters as Filter[] | undefined) ?? [];
    list.forEach((f, i) => {
        if (!Object.hasOwn(fields, f.Name)) {
            throw errors.invalidParameterValue(
                `The value \`${f.Name}\` of parameter \`Filters.${i}.Name\` is invalid; valid values: ${Object.keys(fields).join(", ")}.`,
            );
        }
    });
    return items.filter((item) =>
        list.every((f) => {
            const get = fields[f.Name] as (item: T) => string;
            return f.Values.includes(get(item));
        }),
    );
}

/** Apply Offset/Limit (defaults as documented). */
export function page<T>(items: readonly T[], params: Params, defaultLimit: number): T[] {
    const offset = (params.Offset as number | undefined) ?? 0;
    const limit = (params.Limit as number | undefined) ?? defaultLimit;
    return items.slice(offset, offset + limit);
}

/** Sort newest first (by CreateTime, then id) as the console lists them; reversed for the `oldest-first` behaviour switch. */
export function newestFirst<T extends { CreateTime: string }>(items: T[], id: (t: T) => string, order: ListingOrder = "newest-first"): T[] {
    const sorted = items.sort((a, b) => (a.CreateTime === b.CreateTime ? id(b).localeCompare(id(a)) : b.CreateTime.localeCompare(a.CreateTime)));
    return order === "oldest-first" ? sorted.reverse() : sorted;
}

const strip = <T extends { emu?: unknown }>(o: T): Omit<T, "emu"> => {
    const copy: Record<string, unknown> = JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
    delete copy.emu;
    return copy as Omit<T, "emu">;
};

export function publicRunGroup(g: RunGroup, runs: readonly Run[]): Record<string, unknown> {
    const counts = new Map<string, number>();
    for (const r of runs) counts.set(r.Status, (counts.get(r.Status) ?? 0) + 1);
    return {
        ...strip(g),
        RunStatusCounts: [...counts.entries()].sort().map(([Status, Count]) => ({ Status, Count })),
    };
}

export const publicRun = (r: Run): Record<string, unknown> => ({ ...strip(r), Cache: null });
export const publicEnvironment = (e: Environment): Record<string, unknown> => strip(e);
export const publicProject = (p: Project): Record<string, unknown> => ({ ...p });
