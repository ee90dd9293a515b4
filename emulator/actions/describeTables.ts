/** DescribeTables: a project's tables (filters Name, TableId), newest first. */
import { catalog, listAnswer } from "./catalogCommon";
import type { ActionHandler } from "./types";
import { ID_SPECS, PAGING_SCHEMA } from "./validate";
import { tableView } from "./views";

export const describeTables: ActionHandler = {
    name: "DescribeTables",
    mutates: false,
    schema: { ProjectId: ID_SPECS.project, ...PAGING_SCHEMA },
    handle({ store, region }, params) {
        const project = store.project(region, params.ProjectId as string);
        const tables = Object.values(catalog(store).tables)
            .filter((t) => t.ProjectId === project.ProjectId)
            .sort((a, b) => b.CreateTime.localeCompare(a.CreateTime) || b.TableId.localeCompare(a.TableId));
        return listAnswer("Tables", tables, params, { Name: (t) => t.Name, TableId: (t) => t.TableId }, 10, tableView);
    },
};
