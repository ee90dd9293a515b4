// A second stack that retries the group another stack exported, through a StackReference.
import * as pulumi from "@pulumi/pulumi";
import * as omics from "pulumi-tencentcloud-omics";

const config = new pulumi.Config();
const producer = new pulumi.StackReference(config.require("producerStack"));
const upstream = producer.requireOutput("newRunGroupIds").apply((ids) => (ids as Record<string, string>)[config.require("producerRetry")]);

const downstream = new omics.RunRetry("downstream", { runGroupId: upstream });

export const upstreamRunGroupId = upstream;
export const newRunGroupId = downstream.newRunGroupId;
