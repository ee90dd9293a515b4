/**
 * What `@pulumi/pulumi/provider`'s `main()` does not hand to a provider object, taken from the gRPC
 * requests themselves: the `Configure` request's configuration (main() answers Configure without
 * looking at it) and the `timeout` of Create and Update requests (a resource's `customTimeouts`,
 * which main() drops). main() builds its service object and passes it to grpc-js's
 * `Server.addService`; {@link interceptService} wraps that one call so these methods first record
 * their request, then run main()'s own implementation unchanged. It also gives a Read without
 * properties (what `pulumi import` sends) an empty property map: main() would fail on it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import * as path from "node:path";

/** What a Configure request carries (the parts the plugin reads). */
export interface ConfigureRequestLike {
    getVariablesMap(): { toObject(): Array<[string, string]> };
    getArgs(): { toJavaScript(): Record<string, unknown> } | undefined;
}

interface RequestWithTimeout {
    getTimeout?(): number;
}

interface ReadRequestLike {
    getProperties(): unknown;
    setProperties(value: unknown): void;
}

type Handler = (call: { request: unknown }, callback: unknown) => unknown;

const timeouts = new AsyncLocalStorage<number>();

/** requestTimeoutSeconds is the engine's timeout for the Create/Update being served (0: none). */
export function requestTimeoutSeconds(): number {
    return timeouts.getStore() ?? 0;
}

/**
 * interceptService makes the next `addService` of the grpc-js that @pulumi/pulumi loads call
 * `onConfigure` with each Configure request, and run Create and Update with their timeout
 * available through {@link requestTimeoutSeconds}.
 */
export function interceptService(onConfigure: (req: ConfigureRequestLike) => void): void {
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] })) as {
        Server: { prototype: { addService(service: unknown, impl: Record<string, Handler>): void } };
    };
    const proto = grpc.Server.prototype;
    const original = proto.addService;
    proto.addService = function (this: unknown, service: unknown, impl: Record<string, Handler>): void {
        proto.addService = original;
        const configure = impl.configure;
        const create = impl.create;
        const update = impl.update;
        const read = impl.read;
        if (!configure || !create || !update || !read) throw new Error("pulumi-resource-tencentcloud-omics: unexpected provider service shape");
        impl.configure = (call, callback) => {
            onConfigure(call.request as ConfigureRequestLike);
            return configure.call(impl, call, callback);
        };
        for (const [name, fn] of [
            ["create", create],
            ["update", update],
        ] as const) {
            impl[name] = (call, callback) => {
                const t = (call.request as RequestWithTimeout).getTimeout?.() ?? 0;
                return timeouts.run(Math.max(t, 0), () => fn.call(impl, call, callback));
            };
        }
        const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] })) as { Struct: new () => unknown };
        impl.read = (call, callback) => {
            const req = call.request as ReadRequestLike;
            if (!req.getProperties()) req.setProperties(new Struct());
            return read.call(impl, call, callback);
        };
        original.call(this, service, impl);
    };
}
