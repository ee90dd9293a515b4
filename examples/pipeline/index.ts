// The program the pipeline deploys: one RunRetry per entry of the stack's `retries` config, so a
// retry is requested by a merge request that adds an entry to Pulumi.<stack>.yaml, reviewed from
// the preview's plan (posted on the merge request by pipeline.ts), and made once it is merged.
//
//   config:
//     omics-pipeline:retries:
//       nightly-2026-11-28:                 # the resource name: keep it once merged
//         runGroupId: run-ashamed-bleak-doggy-247963
//       sample-7-more-memory:
//         runGroupId: run-nimble-quiet-otter-118204
//         runUuids: [0c8e9d0e-5a43-4f1e-9f6b-2d61c1a3f7a2]
//         nfOption: { resume: true, config: "process.memory = '32 GB'" }
//
// Each entry takes RunRetry's inputs (runGroupId, runUuids, projectId, wdlOption, nfOption,
// region, triggers, waitForCompletion, waitTimeoutSeconds, ...). Removing an entry only forgets
// its retry (a retry cannot be undone); changing `triggers` retries it again on purpose.
// See README.md for the pipeline script and the CI files.
import * as pulumi from "@pulumi/pulumi";
import * as omics from "pulumi-tencentcloud-omics";

const config = new pulumi.Config();
const specs = config.getObject<Record<string, omics.RunRetryArgs>>("retries") ?? {};

const retries = Object.entries(specs).map(([name, args]) => [name, new omics.RunRetry(name, args)] as const);

export const newRunGroupIds = Object.fromEntries(retries.map(([name, r]) => [name, r.newRunGroupId]));
export const retriedRunGroupIds = Object.fromEntries(retries.map(([name, r]) => [name, r.runGroupId]));
