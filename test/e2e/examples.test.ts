// The examples as users copy them: each example folder copied outside the repository, the
// package installed from one `npm pack` of this run, `preview` and `up` through the real engine
// against one emulator, asserted on the emulator's request log and the stack outputs (and a
// no-op `up` makes no API call). Also the pipeline example's script, run as CI runs it, and its
// CI files, linted. Helpers and the per-example suites live in test/e2e/examples/.
import { ciFilesSuite } from "./examples/ciFiles";
import { startExamplesHarness, type ExamplesHarness } from "./examples/harness";
import { optionOverridesSuite } from "./examples/optionOverrides";
import { pipelineSuite } from "./examples/pipeline";
import { retryChainSuite } from "./examples/retryChain";
import { stackReferenceSuite } from "./examples/stackReference";

describe("e2e: examples", function () {
    this.timeout(600_000);

    ciFilesSuite();

    describe("through the engine, against the emulator", () => {
        let harness: ExamplesHarness | undefined;
        const current = (): ExamplesHarness => {
            if (!harness) throw new Error("the examples harness is not started");
            return harness;
        };
        before(async () => {
            harness = await startExamplesHarness();
        });
        after(async () => {
            await harness?.close();
        });

        optionOverridesSuite(current);
        retryChainSuite(current);
        stackReferenceSuite(current);
        pipelineSuite(current);
    });
});
