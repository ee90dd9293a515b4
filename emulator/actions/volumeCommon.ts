/** Look-ups shared by the volume actions. */
import { errors } from "../errors";
import type { VolumeRecord } from "../state/catalog";
import type { Store } from "../state/store";
import { catalog } from "./catalogCommon";

/** The volume `id` of an existing environment of `region`, or ResourceNotFound (Tencent lists no volume-specific code). */
export function volumeOf(store: Store, region: string, id: string): VolumeRecord {
    const v = catalog(store).volumes[id];
    if (!v || v.deleted || !store.environment(region, v.EnvironmentId)) throw errors.resourceNotFound(`volume ${id} does not exist in ${region}`);
    return v;
}
