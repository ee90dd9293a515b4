/**
 * Plain-value helpers every resource of this provider uses on the property bags the engine sends.
 */

/** The engine's marker for a value not known during preview (`pulumi.runtime.unknownValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Bag = Record<string, unknown>;

export const isBag = (v: unknown): v is Bag => typeof v === "object" && v !== null && !Array.isArray(v);

/** True when v is, or contains, a value unknown during preview. */
export function containsUnknown(v: unknown): boolean {
    if (v === UNKNOWN) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (isBag(v)) return Object.values(v).some(containsUnknown);
    return false;
}

/** canonical renders a value as JSON with sorted object keys (for comparisons). */
export function canonical(v: unknown): string {
    if (v === undefined) return "undefined";
    if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
    if (isBag(v)) {
        return `{${Object.keys(v)
            .filter((k) => v[k] !== undefined && v[k] !== null)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
            .join(",")}}`;
    }
    return JSON.stringify(v);
}

/** Drops undefined members (protobuf Structs cannot hold them). */
export function clean<T extends object>(o: T): T {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** True when the bag holds anything but the serialized provider (i.e. a previous check ran). */
export function hasOlds(olds: Bag | undefined): boolean {
    return !!olds && Object.keys(olds).some((k) => k !== "__provider");
}

/** The resource name the SDK passes in the hidden `__resourceName` input (dynamic providers are not told the URN). */
export function resourceName(...bags: Array<Bag | undefined>): string | undefined {
    for (const b of bags) if (b && typeof b.__resourceName === "string") return b.__resourceName;
    return undefined;
}
