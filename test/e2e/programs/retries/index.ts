// One RunRetry per entry of the `retries` config object: the tests change the config between
// runs (a new trigger, another option) the way a user edits their program. `options` (optional)
// gives an entry resource options that force replacements (`replaceOnChanges`, `replacementTrigger`).
import * as pulumi from "@pulumi/pulumi";
import * as omics from "pulumi-tencentcloud-omics";

const config = new pulumi.Config();
const specs = config.requireObject<Record<string, omics.RunRetryArgs>>("retries");
const options = config.getObject<Record<string, pulumi.CustomResourceOptions>>("options") ?? {};

const retries = Object.entries(specs).map(([name, args]) => new omics.RunRetry(name, args, options[name]));

export const newRunGroupIds = Object.fromEntries(retries.map((r, i) => [Object.keys(specs)[i], r.newRunGroupId]));
export const statuses = Object.fromEntries(retries.map((r, i) => [Object.keys(specs)[i], r.status]));
