/** DescribeTablesRows: the rows of one table (filters TableRowUuid, and Tr: a substring of any cell). */
import { errors } from "../errors";
import type { TableRecord } from "../state/catalog";
import { tableOf } from "./catalogCommon";
import { page } from "./common";
import type { ActionHandler } from "./types";
import { ID_SPECS, PAGING_SCHEMA } from "./validate";

type Row = TableRecord["Rows"][number];

export const describeTablesRows: ActionHandler = {
    name: "DescribeTablesRows",
    mutates: false,
    schema: { ProjectId: ID_SPECS.project, TableId: ID_SPECS.table, ...PAGING_SCHEMA },
    handle({ store, region }, params) {
        const project = store.project(region, params.ProjectId as string);
        const table = tableOf(store, project, params.TableId as string);
        const filters = (params.Filters as { Name: string; Values: string[] }[] | undefined) ?? [];
        const tests: Record<string, (row: Row, values: string[]) => boolean> = {
            TableRowUuid: (row, values) => values.includes(row.TableRowUuid),
            Tr: (row, values) => values.some((v) => row.Content.some((cell) => cell.includes(v))),
        };
        filters.forEach((f, i) => {
            if (!Object.hasOwn(tests, f.Name)) {
                throw errors.invalidParameterValue(`The value \`${f.Name}\` of parameter \`Filters.${i}.Name\` is invalid; valid values: TableRowUuid, Tr.`);
            }
        });
        const rows = table.Rows.filter((row) => filters.every((f) => (tests[f.Name] as (r: Row, v: string[]) => boolean)(row, f.Values)));
        return { TotalCount: rows.length, Rows: page(rows, params, 10).map((r) => ({ TableRowUuid: r.TableRowUuid, Content: [...r.Content] })) };
    },
};
