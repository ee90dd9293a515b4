/**
 * GetRunMetadataFile: URLs of a run's metadata files (`Key`, or several `Keys`). NEXTFLOW runs have
 * `nextflow.log` (and the four report files when submitted with `NFOption.Report`); WDL runs have
 * `workflow.log` and `metadata.json` (emulator assumption: Tencent documents only the Nextflow
 * files). The URLs point at the emulator (`GET /_emulator/files/runs/<RunUuid>/<key>`).
 */
import { catalogErrors, errors } from "../errors";
import { metadataFileNames } from "../state/calls";
import { fileUrl } from "./files";
import { runAndGroup } from "./runCommon";
import type { ActionHandler } from "./types";
import { ID_SPECS, optional } from "./validate";

export const getRunMetadataFile: ActionHandler = {
    name: "GetRunMetadataFile",
    mutates: false,
    schema: {
        RunUuid: ID_SPECS.runUuid,
        ProjectId: optional(ID_SPECS.project),
        Key: { kind: "string", nonEmpty: true },
        Keys: { kind: "stringArray", minItems: 1, maxItems: 10 },
    },
    handle(ctx, params) {
        const { run, group } = runAndGroup(ctx.store, ctx.region, params);
        const key = params.Key as string | undefined;
        const keys = params.Keys as string[] | undefined;
        if (key === undefined && keys === undefined) throw errors.missingParameter("The request is missing a required parameter `Key` or `Keys`.");
        if (key !== undefined && keys !== undefined) throw errors.invalidParameter("Only one of `Key` and `Keys` may be given.");
        const wanted = keys ?? [key as string];
        const names = metadataFileNames(group);
        for (const k of wanted) {
            if (!names.includes(k)) throw catalogErrors.cosObjectNotExist(`run ${run.RunUuid} has no metadata file ${k}; it has ${names.join(", ")}`);
        }
        const urls = wanted.map((k) => fileUrl(ctx, `runs/${run.RunUuid}/${k}`));
        return { CosSignedUrl: urls[0], CosSignedUrls: urls };
    },
};
