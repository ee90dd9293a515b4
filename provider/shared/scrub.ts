/**
 * Secret scrubbing for every message the provider prints or throws.
 *
 * Known secret values (registered when credentials are read) are replaced, and so are the shapes
 * of Tencent secrets that were never registered (SecretIds start with `AKID`; signatures and
 * tokens follow their header names).
 */
const known = new Set<string>();

/** Remembers a secret value so that scrub() removes it from any text. Short values are ignored. */
export function registerSecret(value: string | undefined): void {
    if (value !== undefined && value.length >= 6) known.add(value);
}

/** Forgets every registered secret (tests, reconfiguration). */
export function clearSecrets(): void {
    known.clear();
}

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
    [/AKID[0-9A-Za-z]{8,}/g, "AKID***"],
    [/(Signature=)[0-9a-fA-F]+/g, "$1***"],
    [/(X-TC-Token"?\s*[:=]\s*"?)[^\s"',}]+/gi, "$1***"],
    [/((?:secret_?key|token)"?\s*[:=]\s*"?)[^\s"',}]+/gi, "$1***"],
];

/** Returns text with every known secret and every secret-shaped substring replaced by `***`. */
export function scrub(text: string): string {
    let out = text;
    for (const secret of known) out = out.split(secret).join("***");
    for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
    return out;
}
