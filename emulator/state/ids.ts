/** ID generators in the formats of the Omics API's documented examples. */
import { createHash, randomInt, randomUUID } from "node:crypto";

const ADJECTIVES = [
    "aggressive",
    "ashamed",
    "brave",
    "calm",
    "eager",
    "fancy",
    "gentle",
    "greedy",
    "happy",
    "jolly",
    "kind",
    "lively",
    "lonely",
    "nice",
    "pretty",
    "proud",
    "quiet",
    "silly",
    "sweet",
    "witty",
];
const COLOURS = [
    "amber",
    "azure",
    "beige",
    "black",
    "bleak",
    "blue",
    "cerulean",
    "coral",
    "ecru",
    "green",
    "indigo",
    "ivory",
    "lime",
    "magenta",
    "olive",
    "orange",
    "purple",
    "silver",
    "teal",
    "yellow",
];
const ANIMALS = [
    "badger",
    "bonobo",
    "camel",
    "dodo",
    "doggy",
    "eagle",
    "falcon",
    "ferret",
    "frog",
    "gecko",
    "heron",
    "koala",
    "lemur",
    "mastiff",
    "otter",
    "panda",
    "porcupine",
    "rabbit",
    "tiger",
    "walrus",
];

const pick = (words: readonly string[]): string => words[randomInt(words.length)] as string;

/** `<prefix>-<adjective>-<colour>-<animal>-<6 digits>`, e.g. `run-ashamed-bleak-doggy-247963`. */
export function wordId(prefix: "run" | "prj" | "app" | "tab"): string {
    const digits = String(randomInt(1_000_000)).padStart(6, "0");
    return `${prefix}-${pick(ADJECTIVES)}-${pick(COLOURS)}-${pick(ANIMALS)}-${digits}`;
}

/** `env-` and 8 lowercase alphanumerics, e.g. `env-05d0g0w2`. */
export function environmentId(): string {
    const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
    let s = "";
    for (let i = 0; i < 8; i++) s += alphabet[randomInt(alphabet.length)];
    return `env-${s}`;
}

/** A UUID v4 (run UUIDs and RequestIds). */
export function uuid(): string {
    return randomUUID();
}

/** Patterns that recognise each format (used by tests and input validation). */
export const ID_PATTERNS = {
    runGroup: /^run-[a-z]+-[a-z]+-[a-z]+-\d{6}$/,
    project: /^prj-[a-z]+-[a-z]+-[a-z]+-\d{6}$/,
    application: /^app-[a-z]+-[a-z]+-[a-z]+-\d{6}$/,
    environment: /^env-[0-9a-z]{8}$/,
    uuidV4: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
} as const;

// ---- deterministic IDs (derived from a seed string, so derived records survive a restart) ----

/** 32 bytes derived from `seed`: the same seed always gives the same bytes. */
export function seedBytes(seed: string): Buffer {
    return createHash("sha256").update(seed).digest();
}

/** A deterministic `<prefix>-<adjective>-<colour>-<animal>-<6 digits>` from `seed`. */
export function wordIdFrom(prefix: string, seed: string): string {
    const b = seedBytes(seed);
    const digits = String(b.readUInt32BE(4) % 1_000_000).padStart(6, "0");
    return `${prefix}-${ADJECTIVES[(b[0] as number) % ADJECTIVES.length]}-${COLOURS[(b[1] as number) % COLOURS.length]}-${ANIMALS[(b[2] as number) % ANIMALS.length]}-${digits}`;
}

/** A deterministic `<prefix>-` and 8 lowercase alphanumerics from `seed` (volumes, clusters, instances). */
export function shortIdFrom(prefix: string, seed: string): string {
    const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
    const b = seedBytes(seed);
    let s = "";
    for (let i = 0; i < 8; i++) s += alphabet[(b[i] as number) % alphabet.length];
    return `${prefix}-${s}`;
}

/** A deterministic UUID v4 from `seed`. */
export function uuidFrom(seed: string): string {
    const h = seedBytes(seed).toString("hex");
    const variant = "89ab"[Number.parseInt(h[16] as string, 16) % 4];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A random `<prefix>-` and 8 lowercase alphanumerics (volumes created by CreateVolume). */
export function shortId(prefix: string): string {
    return `${prefix}-${environmentId().slice("env-".length)}`;
}
