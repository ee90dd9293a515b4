/** DescribeVolumes: the volumes of an environment (filters Name, IsDefault), the default first. */
import { errors } from "../errors";
import { catalog, listAnswer } from "./catalogCommon";
import type { ActionHandler } from "./types";
import { ID_SPECS, PAGING_SCHEMA } from "./validate";
import { volumeView } from "./views";

export const describeVolumes: ActionHandler = {
    name: "DescribeVolumes",
    mutates: false,
    schema: { EnvironmentId: ID_SPECS.environment, ...PAGING_SCHEMA },
    handle({ store, region }, params) {
        const id = params.EnvironmentId as string;
        if (!store.environment(region, id)) throw errors.environmentNotExist(`environment ${id} does not exist in ${region}`);
        const volumes = Object.values(catalog(store).volumes)
            .filter((v) => v.EnvironmentId === id && !v.deleted)
            .sort((a, b) => Number(b.IsDefault) - Number(a.IsDefault) || a.Name.localeCompare(b.Name));
        return listAnswer("Volumes", volumes, params, { Name: (v) => v.Name, IsDefault: (v) => String(v.IsDefault) }, 10, volumeView);
    },
};
