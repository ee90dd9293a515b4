/**
 * The entry point of `pulumi-resource-tencentcloud-omics`, the provider plugin that serves
 * RunRetry, RunRetryRecord, RunRetryIntent and RunGroupWait to programs in any Pulumi language,
 * on the same provider core (provider/) as the TypeScript dynamic provider.
 */
import * as path from "node:path";
import * as fs from "node:fs";
import { main } from "@pulumi/pulumi/provider";
import { configureFrom } from "../provider/config/settings";
import { pluginConfigReader, pluginKeyNames } from "./config";
import { startPluginGuards } from "./guards";
import { pluginProvider } from "./provider";
import { interceptService } from "./service";

/** The plugin's version: the npm package's. */
export function pluginVersion(): string {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
    return pkg.version;
}

if (require.main === module) {
    interceptService((req) => {
        const s = configureFrom(pluginConfigReader(new Map(req.getVariablesMap().toObject()), req.getArgs()?.toJavaScript()));
        // The core names the dynamic provider's keys; a plugin user sets `tencentcloud-omics:<key>`.
        if (s.error) s.error = pluginKeyNames(s.error);
    });
    startPluginGuards(process.argv[2]);
    void main(pluginProvider(pluginVersion()), process.argv.slice(2));
    // main() installs source-map-support, which maps every captured stack through the source maps:
    // @pulumi/pulumi captures one per promise and per registered resource, and at N = 200 RunRetry
    // that was a third of the plugin's CPU (docs/plugin.md, Performance). V8's own formatting is
    // kept: the plugin's stacks name lib/ files instead of the TypeScript sources.
    delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
}
