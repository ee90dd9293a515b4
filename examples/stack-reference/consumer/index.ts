// Stack reference, consumer side: reads the run group the producer stack's retry created and
// waits for it to finish (e.g. before downstream work that needs its results). A new retry in the
// producer stack changes the exported group, and the next `up` here waits for that one.
//
//   cd consumer
//   pulumi stack init prod
//   pulumi config set producerStack <org>/omics-retry-producer/prod   # organization/... on a self-managed backend
//   pulumi up                  # no RetryRuns here: polls the producer's new group until it finished
//
// Both stacks must be on the same backend (same Pulumi Cloud organization, or the same
// PULUMI_BACKEND_URL for a self-managed backend such as a bucket or a local folder).
import * as pulumi from "@pulumi/pulumi";
import * as omics from "pulumi-tencentcloud-omics";

const config = new pulumi.Config();
const producer = new pulumi.StackReference(config.require("producerStack"));

const producedRunGroupId = producer.requireOutput("newRunGroupId") as pulumi.Output<string>;
// The group lives where the producer retried it, whatever this stack's default region is.
const producedRegion = producer.requireOutput("region") as pulumi.Output<omics.OmicsRegion>;

const finished = new omics.RunGroupWait("producer-retry-finished", {
    runGroupId: producedRunGroupId,
    region: producedRegion,
    timeoutSeconds: config.getNumber("waitTimeoutSeconds") ?? 6 * 3600,
});

export const upstreamRunGroupId = producedRunGroupId;
export const upstreamStatus = finished.status;
export const upstreamRunStatusCounts = finished.runStatusCounts;
export const upstreamEndTime = finished.endTime;
