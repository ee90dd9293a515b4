// The engine watchdog with a real TCP listener standing in for the engine's address and a stream
// standing in for the host's stdin (the e2e interruption tests kill real CLIs).
import * as assert from "node:assert/strict";
import * as net from "node:net";
import { PassThrough } from "node:stream";
import { watchEngine } from "../../../provider/host/engineWatchdog";

async function listener(): Promise<{ server: net.Server; address: { host: string; port: number } }> {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    return { server, address: { host: "127.0.0.1", port } };
}

const close = (server: net.Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

describe("engine watchdog", function () {
    this.timeout(10_000);

    it("stdin's end, with the engine's listener still accepting for a moment, ends the host within a second (not at the 4 s of periodic probes)", async () => {
        const { server, address } = await listener();
        const hint = new PassThrough();
        let goneAt: number | undefined;
        const stop = watchEngine({ address, hint }, () => {
            goneAt = Date.now();
        });
        try {
            const endedAt = Date.now();
            hint.end();
            // The killed CLI's listener outlives its pipe briefly: the first probe succeeds.
            await new Promise((r) => setTimeout(r, 150));
            assert.equal(goneAt, undefined, "not gone while the engine still accepts");
            await close(server);
            await new Promise((r) => setTimeout(r, 1000));
            assert.ok(goneAt !== undefined, "gone after the listener closed");
            assert.ok(goneAt - endedAt < 1000, `gone ${goneAt - endedAt} ms after stdin's end`);
        } finally {
            stop();
            if (server.listening) await close(server);
        }
    });

    it("stdin's end alone, with the engine still listening, is not taken for a dead engine", async () => {
        const { server, address } = await listener();
        const hint = new PassThrough();
        let gone = false;
        const stop = watchEngine({ address, hint }, () => {
            gone = true;
        });
        try {
            hint.end();
            await new Promise((r) => setTimeout(r, 1200));
            assert.equal(gone, false);
        } finally {
            stop();
            await close(server);
        }
    });
});
