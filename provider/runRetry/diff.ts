/**
 * diff: a change to what is retried replaces (naming the keys); a change to how the provider
 * behaves updates in place; `plan` and outputs never cause a diff.
 */
import { OUTPUT_KEYS, changedReplaceKeys, changedUpdateKeys } from "./inputs";

type Bag = Record<string, unknown>;

export interface RunRetryDiff {
    changes: boolean;
    replaces: string[];
    stables?: string[];
    deleteBeforeReplace: boolean;
}

export function diffRunRetry(olds: Bag, news: Bag): RunRetryDiff {
    const replaces = changedReplaceKeys(olds, news);
    const updates = changedUpdateKeys(olds, news);
    const result: RunRetryDiff = { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace: false };
    if (replaces.length === 0) result.stables = [...OUTPUT_KEYS.filter((k) => k !== "status" && k !== "runStatusCounts"), "plan"];
    return result;
}
