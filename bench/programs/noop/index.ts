// N dynamic resources whose provider does nothing: what the engine itself costs per resource, the
// baseline every RunRetry figure in docs/bench.md is compared with (same engine, same run).
import * as pulumi from "@pulumi/pulumi";

const provider: pulumi.dynamic.ResourceProvider = {
    async check(_olds, news) {
        return { inputs: news };
    },
    async diff(_id, olds, news) {
        return { changes: JSON.stringify(olds.value) !== JSON.stringify(news.value) };
    },
    async create(inputs) {
        return { id: `noop-${String(inputs.value)}`, outs: inputs };
    },
    async read(id, props) {
        return { id, props };
    },
    async update(_id, _olds, news) {
        return { outs: news };
    },
    async delete() {
        // nothing
    },
};

class Noop extends pulumi.dynamic.Resource {
    constructor(name: string, value: string) {
        super(provider, name, { value }, undefined, "bench", "Noop");
    }
}

const count = new pulumi.Config().requireNumber("count");
for (let i = 0; i < count; i++) new Noop(`noop${i}`, String(i));
