/**
 * "Signed URLs" the emulator hands out (GetRunMetadataFile, GetInputTemplateFile): they point at its
 * own control plane, `GET /_emulator/files/...`, which serves the content without a signature (like
 * a pre-signed COS URL, anyone holding it can read). The `sign` query parameter is decorative.
 */
import type { ActionContext } from "./types";

export function fileUrl(ctx: ActionContext, path: string): string {
    const host = (ctx.host ?? "127.0.0.1").replace(/^https?:\/\//, "");
    return `http://${host}/_emulator/files/${path}?sign=q-sign-algorithm%3Dsha1%26q-key-time%3D${Math.floor(ctx.store.now() / 1000)}`;
}
