#!/usr/bin/env node
/** `omics-emulator`: run the local Omics API emulator until SIGINT/SIGTERM. */
import { behaviourPatch } from "./state/behaviour";
import { CLOCK_MODES, type ClockMode } from "./state/clock";
import { DEMO_CREDENTIALS, startEmulator, type EmulatorOptions } from "./emulator";
import type { EmulatorCredential } from "./http/context";
import { ROLE_ARN_PATTERN, type RoleSpec, roleProblem } from "./state/identities";

export const HELP = `omics-emulator: a local Tencent Cloud Omics API (version 2022-11-28), plus STS AssumeRole
(version 2018-08-13) on the same port, for tests and demos.

Usage: omics-emulator [options]

Options:
  --host <host>              Interface to listen on (default 127.0.0.1).
  --port <port>              Port; 0 picks a free one (default 0).
  --credentials <ID:KEY>     Accept this SecretId/SecretKey pair (repeatable). ID:KEY:TOKEN also
                             requires that X-TC-Token (temporary credentials). Default: the demo
                             pair ${DEMO_CREDENTIALS.secretId} / ${DEMO_CREDENTIALS.secretKey}.
  --read-only-credentials <ID:KEY>
                             Accept this pair for read actions only; mutating actions
                             (RetryRuns, TerminateRunGroup, RunApplication, RunWorkflow) answer
                             OperationDenied (repeatable).
  --state <file>             Persist state to this JSON file; every accepted mutation is written
                             atomically before it is answered; loaded again on start.
  --seed <file.json>         Fixtures applied at start when no state was loaded:
                             {"failedRunGroups": [{region?, type?, runs?, failedRuns?, name?,
                             environmentAvailable?, retryOutcome?, status?}],
                             "environments": [{region?, name?, available?, status?}]}.
  --clock <mode>             How statuses move: immediate | realtime | manual (default realtime).
  --rate-limit <n|off>       Requests per second per action per credential (default 20).
  --retry-limit <n>          Retries allowed per run lineage (default 3).
  --body-limit <bytes>       Largest request body (default 1048576).
  --fault-seed <n>           Seed (0..4294967295) of the fault probability draws: the same seed and
                             the same requests give the same fault decisions. Default: random,
                             shown by GET /_emulator/faults as "seed".
  --role <roleArn>[:<externalId>]
                             A role STS AssumeRole (version 2018-08-13, same port) can assume, e.g.
                             qcs::cam::uin/100000000001:roleName/omics-operator:my-external-id
                             (repeatable). With an externalId, AssumeRole must pass it.
  --sts-min-duration <s>     Shortest AssumeRole DurationSeconds accepted, 1..900 (default 900;
                             Tencent documents only the maximum, 43200); lower it to watch
                             temporary credentials expire.

Assumptions you can switch (Tencent documents none of these; defaults first, see emulator/README.md):
  --retried-group-name <same|suffix>
                             Name of the group RetryRuns makes: the retried group's Name, or
                             <Name>-retry-<n>.
  --retry-copies <fields|none>
                             Run fields the retried runs keep, comma-separated from
                             UserDefinedId,TableRowUuid,Input (default all three); none: empty.
  --retry-option <copy|omit> The new group carries the retried group's Option/NFOption (copy), or
                             only an override the request sent (omit).
  --listing-delay <s>        Seconds (wall clock) a new group and its runs stay out of
                             DescribeRunGroups / DescribeRuns (default 0).
  --create-time-granularity <second|minute|hour>
                             CreateTime of new groups and runs truncated to this unit (default second).
  --listing-order <newest-first|oldest-first>
                             Order of DescribeRunGroups / DescribeRuns (default newest-first).
  --help                     Show this help.

On start it prints one line, its URL (e.g. http://127.0.0.1:PORT). It stops on SIGINT/SIGTERM
after finishing in-flight requests, exit code 0. The API is POST / (TC3-HMAC-SHA256 signed); the
unsigned control plane is under /_emulator/ (see emulator/README.md).
`;

/** Thrown for a bad command line (exit code 2). */
export class UsageError extends Error {}

/** Parse argv (without node and script) into options; `help: true` when --help was given. */
export function parseArgs(argv: readonly string[]): { help: boolean; options: EmulatorOptions } {
    const options: EmulatorOptions = { clock: "realtime" };
    const credentials: EmulatorCredential[] = [];
    const roles: RoleSpec[] = [];
    const behaviour: Record<string, unknown> = {};
    let help = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] as string;
        const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
        const value = (): string => {
            if (inline !== undefined) return inline;
            const v = argv[++i];
            if (v === undefined) throw new UsageError(`${flag} needs a value`);
            return v;
        };
        const int = (v: string, name: string, min: number): number => {
            if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`${name} must be an integer >= ${min}, got ${v}`);
            return Number(v);
        };
        switch (flag) {
            case "--help":
            case "-h":
                help = true;
                break;
            case "--host":
                options.host = value();
                break;
            case "--port":
                options.port = int(value(), "--port", 0);
                if (options.port > 65535) throw new UsageError("--port must be at most 65535");
                break;
            case "--credentials":
            case "--read-only-credentials": {
                const v = value();
                const parts = v.split(":");
                if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === "")) {
                    throw new UsageError(`${flag} takes ID:KEY or ID:KEY:TOKEN, got ${v.replace(/:.*/, ":***")}`);
                }
                const [secretId, secretKey, token] = parts as [string, string, string?];
                credentials.push({ secretId, secretKey, ...(token ? { token } : {}), ...(flag === "--read-only-credentials" ? { readOnly: true } : {}) });
                break;
            }
            case "--state":
                options.statePath = value();
                break;
            case "--seed":
                options.seedPath = value();
                break;
            case "--clock": {
                const v = value();
                if (!CLOCK_MODES.includes(v as ClockMode)) throw new UsageError(`--clock must be one of ${CLOCK_MODES.join(", ")}`);
                options.clock = v as ClockMode;
                break;
            }
            case "--rate-limit": {
                const v = value();
                options.rateLimitPerSecond = v === "off" ? false : int(v, "--rate-limit", 1);
                break;
            }
            case "--retry-limit":
                options.retryLimit = int(value(), "--retry-limit", 0);
                break;
            case "--body-limit":
                options.bodyLimitBytes = int(value(), "--body-limit", 1024);
                break;
            case "--fault-seed": {
                const v = value();
                const n = int(v, "--fault-seed", 0);
                if (n > 0xffff_ffff) throw new UsageError(`--fault-seed must be at most 4294967295, got ${v}`);
                options.faultSeed = n;
                break;
            }
            case "--role":
                roles.push(parseRole(value()));
                break;
            case "--sts-min-duration": {
                const v = value();
                const n = int(v, "--sts-min-duration", 1);
                if (n > 900) throw new UsageError(`--sts-min-duration must be at most 900, got ${v}`);
                options.stsMinDurationSeconds = n;
                break;
            }
            case "--retried-group-name":
                behaviour.retriedGroupName = value();
                break;
            case "--retry-copies": {
                const v = value();
                behaviour.retryCopiesRunFields = v === "none" ? [] : v.split(",").map((f) => f.trim());
                break;
            }
            case "--retry-option":
                behaviour.retryOption = value();
                break;
            case "--listing-delay":
                behaviour.listingDelaySeconds = Number(value());
                break;
            case "--create-time-granularity":
                behaviour.createTimeGranularity = value();
                break;
            case "--listing-order":
                behaviour.listingOrder = value();
                break;
            default:
                throw new UsageError(`unknown argument ${arg} (see --help)`);
        }
    }
    if (credentials.length > 0) {
        // Read-only pairs alone would leave no writer; that is allowed but then every mutation is denied.
        options.credentials = credentials;
    }
    if (roles.length > 0) options.roles = roles;
    if (Object.keys(behaviour).length > 0) {
        try {
            options.behaviour = behaviourPatch(behaviour);
        } catch (e) {
            throw new UsageError(`${e instanceof Error ? e.message : String(e)} (see --help)`);
        }
    }
    return { help, options };
}

/** `<roleArn>[:<externalId>]`: a role ARN has colons itself, so the ExternalId is what follows the role's path. */
function parseRole(v: string): RoleSpec {
    const m = /^(qcs::cam::uin\/\d+:(?:role|roleName)\/[^:\s]+)(?::(.+))?$/.exec(v);
    const role: RoleSpec | undefined = m ? { roleArn: m[1] as string, ...(m[2] !== undefined ? { externalId: m[2] } : {}) } : undefined;
    const problem = role ? roleProblem(role) : `the role ARN must match ${ROLE_ARN_PATTERN.source}`;
    if (!role || problem) throw new UsageError(`--role takes <roleArn>[:<externalId>]: ${problem ?? ""}`);
    return role;
}

async function main(): Promise<void> {
    let parsed: ReturnType<typeof parseArgs>;
    try {
        parsed = parseArgs(process.argv.slice(2));
    } catch (e) {
        if (e instanceof UsageError) {
            process.stderr.write(`omics-emulator: ${e.message}\n`);
            process.exit(2);
        }
        throw e;
    }
    if (parsed.help) {
        process.stdout.write(HELP);
        return;
    }
    const emu = await startEmulator(parsed.options);
    process.stdout.write(`${emu.url}\n`);
    let stopping = false;
    const stop = () => {
        if (stopping) return;
        stopping = true;
        emu.stop().then(
            () => process.exit(0),
            () => process.exit(1),
        );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
}

if (require.main === module) {
    main().catch((e: unknown) => {
        process.stderr.write(`omics-emulator: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
    });
}
