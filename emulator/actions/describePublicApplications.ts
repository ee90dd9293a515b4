/** DescribePublicApplications: the public application catalogue (fixed, see views.ts). */
import { page } from "./common";
import type { ActionHandler } from "./types";
import { PUBLIC_APPLICATIONS, publicApplicationView } from "./views";

export const describePublicApplications: ActionHandler = {
    name: "DescribePublicApplications",
    mutates: false,
    schema: {
        Limit: { kind: "integer", min: 1, max: 100 },
        Offset: { kind: "integer", min: 0 },
        ParentAppId: { kind: "string" },
        AppType: { kind: "string", enum: ["WDL", "NEXTFLOW"] },
    },
    handle(_ctx, params) {
        const parent = params.ParentAppId as string | undefined;
        const type = params.AppType as string | undefined;
        // Without ParentAppId: the top level (collections and standalone apps); with it: that collection's apps.
        const apps = PUBLIC_APPLICATIONS.filter(
            (a) => (parent === undefined ? a.ParentAppId === "" : a.ParentAppId === parent) && (type === undefined || a.Type === type),
        );
        return { Applications: page(apps, params, 20).map(publicApplicationView), TotalCount: apps.length };
    },
};
