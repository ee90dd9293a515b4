/**
 * The Omics endpoint: Tencent's public one by default, or an override (the emulator).
 * `http://` is accepted only for loopback hosts, so credentials never cross a network in clear.
 */

/** Endpoint is what the official SDK's httpProfile needs. */
export interface Endpoint {
    /** host (with port, if any) for `httpProfile.endpoint`, e.g. `127.0.0.1:8080`. */
    host: string;
    /** protocol for `httpProfile.protocol`: `https://` or `http://`. */
    protocol: "https://" | "http://";
}

/** The public endpoint. */
export const DEFAULT_ENDPOINT: Endpoint = { host: "omics.tencentcloudapi.com", protocol: "https://" };

/** Tencent's STS endpoint (where roles are assumed). */
export const DEFAULT_STS_ENDPOINT: Endpoint = { host: "sts.tencentcloudapi.com", protocol: "https://" };

/** isLoopbackHost is true for localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
    const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
    return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * parseEndpoint reads an override such as `http://127.0.0.1:8080`, `https://omics.example.com`
 * or a bare host (`omics.ap-guangzhou.tencentcloudapi.com`, taken as https). Throws with a
 * message naming `source` when it is unusable.
 */
export function parseEndpoint(raw: string, source: string): Endpoint {
    const text = raw.trim();
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
    let url: URL;
    try {
        url = new URL(withScheme);
    } catch {
        throw new Error(`${source}: "${raw}" is not a URL (expected e.g. https://omics.tencentcloudapi.com or http://127.0.0.1:PORT)`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
        throw new Error(`${source}: unsupported scheme "${url.protocol}" (use https://, or http:// on loopback)`);
    }
    if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
        throw new Error(
            `${source}: refusing plain http:// to non-loopback host "${url.hostname}": credentials and requests would cross the network unencrypted. Use https://, or http://127.0.0.1:PORT for the local emulator.`,
        );
    }
    if ((url.pathname !== "/" && url.pathname !== "") || url.search !== "" || url.username !== "" || url.password !== "") {
        throw new Error(`${source}: give only scheme, host and port (no path, query or user info): "${raw}"`);
    }
    return { host: url.host, protocol: url.protocol === "http:" ? "http://" : "https://" };
}
