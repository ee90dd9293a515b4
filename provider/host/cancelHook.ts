/**
 * Hearing the engine's Cancel.
 *
 * On the first SIGINT/SIGTERM, `pulumi up` stops starting new steps, awaits the ones in flight and
 * sends every provider a `Cancel` RPC. The Node dynamic-provider host answers that RPC and does
 * nothing else, so a long wait would hold the whole cancellation until CI's grace period ends in
 * SIGKILL. The host's gRPC server (@grpc/grpc-js) looks up the handler of each call through a
 * prototype method; wrapping that method on the exact module instance the host loaded lets this
 * provider see `Cancel` and stop its waits promptly. Where that internal method does not exist
 * (another grpc-js version), the hook is not installed and nothing else changes: the engine-gone
 * watchdog still ends the process after a SIGKILL.
 */
import { cancelProcess } from "./cancellation";

const CANCEL_PATH = "/pulumirpc.ResourceProvider/Cancel";
const MARK = Symbol.for("pulumi-tencentcloud-omics.cancelHook");

interface GrpcServerModule {
    Server?: { prototype: Record<string | symbol, unknown> };
}

/** The grpc-js server modules already loaded in this process (the host's among them). */
function loadedGrpcServerModules(): GrpcServerModule[] {
    return Object.keys(require.cache)
        .filter((p) => /[\\/]@grpc[\\/]grpc-js[\\/]build[\\/]src[\\/]server\.js$/.test(p))
        .map((p) => require.cache[p]?.exports as GrpcServerModule)
        .filter((m) => m !== undefined);
}

/** installCancelHook wraps the host's handler lookup; returns how many server modules it hooked. */
export function installCancelHook(): number {
    let hooked = 0;
    for (const mod of loadedGrpcServerModules()) {
        const proto = mod.Server?.prototype;
        const original = proto?._retrieveHandler;
        if (!proto || typeof original !== "function") continue;
        if (proto[MARK]) {
            hooked++;
            continue;
        }
        proto._retrieveHandler = function (this: unknown, path: string, ...rest: unknown[]) {
            if (path === CANCEL_PATH) cancelProcess("the engine sent Cancel: the update is being cancelled");
            return (original as (...a: unknown[]) => unknown).call(this, path, ...rest);
        };
        proto[MARK] = true;
        hooked++;
    }
    return hooked;
}
