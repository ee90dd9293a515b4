// Pure parts of the catalogue: derived IDs, a run's derived calls, CSV lines, OIDC tokens.
import { strict as assert } from "node:assert";
import { csvLine } from "../../../emulator/actions/importTableFile";
import { callLog, callsOf, failingTaskIndex, metadataFile, metadataFileNames } from "../../../emulator/state/calls";
import { shortIdFrom, uuidFrom, wordIdFrom } from "../../../emulator/state/ids";
import type { Run, RunGroup } from "../../../emulator/state/model";
import { OidcProviders } from "../../../emulator/state/oidc";

const group = (type: "WDL" | "NEXTFLOW", report = false) =>
    ({ Type: type, ApplicationName: "demo-wdl-app", NFOption: report ? { Report: true } : undefined }) as unknown as RunGroup;
const run = (uuid: string, status: Run["Status"]) =>
    ({
        RunUuid: uuid,
        Status: status,
        UserDefinedId: "sample-1",
        ExecutionTime: { SubmitTime: "2026-01-01T10:00:00+08:00", StartTime: "2026-01-01T10:00:10+08:00", EndTime: "2026-01-01T10:10:10+08:00" },
    }) as unknown as Run;

describe("emulator catalogue (unit)", () => {
    it("derived IDs are deterministic and in the documented formats", () => {
        assert.equal(wordIdFrom("tab", "x"), wordIdFrom("tab", "x"));
        assert.notEqual(wordIdFrom("tab", "x"), wordIdFrom("tab", "y"));
        assert.match(wordIdFrom("in", "seed"), /^in-[a-z]+-[a-z]+-[a-z]+-\d{6}$/);
        assert.match(shortIdFrom("vol", "seed"), /^vol-[0-9a-z]{8}$/);
        assert.match(uuidFrom("seed"), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it("a failed run has exactly one FAILED call, the last, never the first task; its stderr ends with the error", () => {
        for (let i = 0; i < 40; i++) {
            const id = uuidFrom(`run-${i}`);
            const calls = callsOf(run(id, "EXECUTOR_ERROR"), group(i % 2 ? "WDL" : "NEXTFLOW"));
            const failed = calls.filter((c) => c.status === "FAILED");
            assert.equal(failed.length, 1);
            assert.equal(calls[calls.length - 1], failed[0]);
            assert.equal(calls.length, failingTaskIndex(id) + 1);
            assert.ok(failingTaskIndex(id) >= 1 && failingTaskIndex(id) <= 3);
            const stderr = callLog(failed[0]!, "stderr").trim().split("\n");
            assert.equal(stderr[stderr.length - 2], `ERROR ${failed[0]?.errorMessage}`);
            assert.match(failed[0]!.errorMessage, /^Task \S+ failed: /);
        }
    });

    it("statuses: WAITING has no call, SUCCESS four COMPLETE, TERMINATED ends ABORTED; times stay within the run", () => {
        const id = uuidFrom("r");
        assert.deepEqual(callsOf(run(id, "WAITING"), group("WDL")), []);
        const ok = callsOf(run(id, "SUCCESS"), group("WDL"));
        assert.deepEqual(
            ok.map((c) => c.status),
            ["COMPLETE", "COMPLETE", "COMPLETE", "COMPLETE"],
        );
        assert.equal(ok[0]?.callName, "demo_wdl_app.prepare_inputs");
        assert.equal(ok[3]?.endMs, Date.parse("2026-01-01T10:10:10+08:00"));
        const stopped = callsOf(run(id, "TERMINATED"), group("NEXTFLOW"));
        assert.equal(stopped[stopped.length - 1]?.status, "ABORTED");
        assert.match(stopped[0]?.callName ?? "", /^main:FASTQC$/);
    });

    it("metadata files: Nextflow's log and, with Report, its reports; WDL's log and metadata.json", () => {
        assert.deepEqual(metadataFileNames(group("NEXTFLOW")), ["nextflow.log"]);
        assert.equal(metadataFileNames(group("NEXTFLOW", true)).length, 5);
        assert.deepEqual(metadataFileNames(group("WDL")), ["workflow.log", "metadata.json"]);
        const id = uuidFrom("m");
        const meta = JSON.parse(metadataFile(run(id, "EXECUTOR_ERROR"), group("WDL"), "metadata.json")) as {
            calls: Record<string, { executionStatus: string }[]>;
        };
        assert.equal(Object.values(meta.calls).filter((c) => c[0]?.executionStatus === "FAILED").length, 1);
    });

    it("CSV lines: quotes escape commas and quotes; an unterminated quote is InvalidCsvFormat", () => {
        assert.deepEqual(csvLine('a, "b,c" ,"d ""e"""'), ["a", "b,c", 'd "e"']);
        assert.throws(
            () => csvLine('a,"b'),
            (e: Error & { code?: string }) => e.code === "InvalidParameterValue.InvalidCsvFormat",
        );
    });

    it("OIDC tokens: a minted token verifies; tampered, expired, foreign and wrong-audience ones do not", () => {
        const idp = new OidcProviders([{ providerId: "ci" }, { providerId: "other" }]);
        const p = idp.get("ci")!;
        const { token, claims } = idp.mint("ci", { subject: "job-1" });
        assert.equal(idp.verify(p, token).sub, "job-1");
        assert.equal(claims.aud, "sts.tencentcloudapi.com");
        const [h, , s] = token.split(".");
        const forged = Buffer.from(JSON.stringify({ ...claims, sub: "admin" })).toString("base64url");
        const code = (f: () => unknown) => {
            try {
                f();
            } catch (e) {
                return `${(e as { code?: string }).code}: ${(e as Error).message}`;
            }
            return "accepted";
        };
        assert.match(
            code(() => idp.verify(p, `${h}.${forged}.${s}`)),
            /^InvalidParameter\.WebIdentityTokenError: .*signature/,
        );
        assert.match(
            code(() => idp.verify(p, idp.mint("ci", { expiresInSeconds: -1 }).token)),
            /expired/,
        );
        assert.match(
            code(() => idp.verify(p, idp.mint("other").token)),
            /signature/,
        );
        assert.match(
            code(() => idp.verify(p, idp.mint("ci", { audience: "x" }).token)),
            /audience/,
        );
        assert.match(
            code(() => idp.verify(p, idp.mint("ci", { issuer: "https://evil" }).token)),
            /issuer/,
        );
        assert.deepEqual(Object.keys(idp.list()[0] ?? {}).includes("key"), false, "the key is never listed");
    });
});
