// examples/stack-reference: a producer stack retries; a consumer stack on the same backend reads
// `newRunGroupId` through a StackReference and waits for that group (no RetryRuns of its own).
import * as assert from "node:assert/strict";
import type { Stack } from "@pulumi/pulumi/automation";
import { calls, countingCalls, only, type LoggedCall } from "../support/requests";
import type { ExamplesHarness } from "./harness";
import { installExample, type UserProject } from "./userProject";

/** DescribeRunGroups calls that asked for this group by ID. */
function describesOf(made: LoggedCall[], runGroupId: string): LoggedCall[] {
    return only(made, "DescribeRunGroups").filter((c) => JSON.stringify(c.params.Filters ?? []).includes(runGroupId));
}

export function stackReferenceSuite(harness: () => ExamplesHarness): void {
    describe("examples/stack-reference", () => {
        let producerProject: UserProject;
        let consumerProject: UserProject;
        let producer: Stack;
        let consumer: Stack;
        before(async () => {
            producerProject = await installExample("stack-reference/producer");
            consumerProject = await installExample("stack-reference/consumer");
        });
        after(() => {
            producerProject?.remove();
            consumerProject?.remove();
        });

        it("the consumer waits for the group the producer's retry made; second ups of both make no call", async () => {
            const h = harness();
            const seeded = await h.control.seedFailedRunGroup({ runs: 3, failedRuns: 1 });
            producer = await h.stackIn(producerProject.dir, "prod", { runGroupId: { value: seeded.RunGroupId } });
            // The file backend's fully qualified name: organization/<project>/<stack>.
            consumer = await h.stackIn(consumerProject.dir, "prod", { producerStack: { value: "organization/omics-retry-producer/prod" } });

            const produced = await countingCalls(h.control, () => producer.up());
            assert.equal(produced.result.summary.result, "succeeded");
            assert.equal(only(produced.calls, "RetryRuns").length, 1);
            const newGroup = produced.result.outputs.newRunGroupId.value as string;
            assert.match(newGroup, /^run-/);

            const consumed = await countingCalls(h.control, () => consumer.up());
            assert.equal(consumed.result.summary.result, "succeeded");
            assert.deepEqual(only(consumed.calls, "RetryRuns"), [], "the consumer retries nothing");
            assert.ok(describesOf(consumed.calls, newGroup).length > 0, "the consumer polled the producer's new group");
            assert.equal(consumed.result.outputs.upstreamRunGroupId.value, newGroup);
            assert.equal(consumed.result.outputs.upstreamStatus.value, "COMPLETE", "retried runs succeed: the group completed");
            assert.deepEqual(consumed.result.outputs.upstreamRunStatusCounts.value, { SUCCESS: 1 });
            assert.match(String(consumed.result.outputs.upstreamEndTime.value), /^\d{4}-\d\d-\d\dT/);

            for (const stack of [producer, consumer]) {
                const again = await countingCalls(h.control, () => stack.up());
                assert.equal(again.result.summary.result, "succeeded");
                assert.deepEqual(again.calls, [], `a no-op up of ${stack.name} makes no API call`);
            }
        });

        it("a new retry in the producer (triggers) reaches the consumer, which then waits for that group", async () => {
            const h = harness();
            await producer.setConfig("attempt", { value: "2" });
            const produced = await countingCalls(h.control, () => producer.up());
            assert.equal(only(produced.calls, "RetryRuns").length, 1, "bumping triggers retries again, once");
            const newer = produced.result.outputs.newRunGroupId.value as string;

            await h.control.clearRequests();
            const consumed = await consumer.up();
            assert.equal(consumed.outputs.upstreamRunGroupId.value, newer);
            assert.equal(consumed.outputs.upstreamStatus.value, "COMPLETE");
            const made = await calls(h.control);
            assert.deepEqual(only(made, "RetryRuns"), []);
            assert.ok(describesOf(made, newer).length > 0, "the consumer waited for the newer group");
        });
    });
}
