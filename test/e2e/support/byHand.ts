// Someone retrying by hand (the console, tccli): Tencent's official Node SDK, straight at the
// emulator, outside any stack.
import * as assert from "node:assert/strict";
import { DEMO_CREDENTIALS } from "../../../emulator";

type OmicsClient = import("tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_client").Client;

export function handClient(url: string): OmicsClient {
    const { Client } =
        require("tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_client") as typeof import("tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_client");
    return new Client({
        credential: { secretId: DEMO_CREDENTIALS.secretId, secretKey: DEMO_CREDENTIALS.secretKey },
        region: "ap-guangzhou",
        profile: { httpProfile: { endpoint: url.replace(/^http:\/\//, ""), protocol: "http://" } },
    });
}

/**
 * Retries a group by hand `times` times, each time the group the previous retry made, once that
 * one failed again (seed the source with `retryOutcome`; the emulator's clock decides how long).
 */
export async function retriedByHand(url: string, from: string, times: number): Promise<string> {
    const client = handClient(url);
    let group = from;
    for (let i = 0; i < times; i++) {
        group = (await client.RetryRuns({ RunGroupId: group })).RunGroupId as string;
        for (let polls = 0; ; polls++) {
            const status = (await client.DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [group] }] })).RunGroups?.[0]?.Status;
            if (status === "COMPLETE_ERROR") break;
            assert.ok(polls < 100, `group ${group} still ${status}`);
            await new Promise((resolve) => setTimeout(resolve, 200));
        }
    }
    return group;
}
