// Our typed models of the Omics actions we call (provider/omics/models.ts, the runtime uses the
// small common SDK without per-service types) must stay faithful to Tencent's own: this file does
// not compile if a field we use disappears or changes type in the official SDK's omics models.
import * as assert from "node:assert/strict";
import type * as official from "tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_models";
import type * as ours from "../../../provider/omics/models";

/** Compile-time check: A is assignable to B. */
type Assignable<A, B> = [A] extends [B] ? true : false;
const yes = <T extends true>(): T => true as T;

describe("omics models: ours match the official SDK's", () => {
    it("requests we send are valid official requests", () => {
        yes<Assignable<ours.RetryRunsRequest, official.RetryRunsRequest>>();
        yes<Assignable<ours.DescribeRunGroupsRequest, official.DescribeRunGroupsRequest>>();
        yes<Assignable<ours.DescribeRunsRequest, official.DescribeRunsRequest>>();
        yes<Assignable<ours.DescribeEnvironmentsRequest, official.DescribeEnvironmentsRequest>>();
        yes<Assignable<ours.TerminateRunGroupRequest, official.TerminateRunGroupRequest>>();
        yes<Assignable<ours.RunOption, official.RunOption>>();
        yes<Assignable<ours.NFOption, official.NFOption>>();
        assert.ok(true);
    });

    it("official responses read as ours (every field we read exists, with the same type)", () => {
        yes<Assignable<official.RetryRunsResponse, ours.RetryRunsResponse>>();
        yes<Assignable<official.DescribeRunGroupsResponse, ours.DescribeRunGroupsResponse>>();
        yes<Assignable<official.DescribeRunsResponse, ours.DescribeRunsResponse>>();
        yes<Assignable<official.DescribeEnvironmentsResponse, ours.DescribeEnvironmentsResponse>>();
        yes<Assignable<official.RunGroup, ours.RunGroup>>();
        yes<Assignable<official.Run, ours.Run>>();
        yes<Assignable<official.Environment, ours.Environment>>();
        assert.ok(true);
    });

    it("every field of our models is a field of the official ones (no invented names)", () => {
        type NoExtra<A, B> = Exclude<keyof A, keyof B> extends never ? true : false;
        yes<NoExtra<ours.RunGroup, official.RunGroup>>();
        yes<NoExtra<ours.Run, official.Run>>();
        yes<NoExtra<ours.Environment, official.Environment>>();
        yes<NoExtra<ours.RetryRunsRequest, official.RetryRunsRequest>>();
        assert.ok(true);
    });
});
