/** The contract between the HTTP layer and one action handler. */
import type { AssumedRole, IdentityStore } from "../state/identities";
import type { Store } from "../state/store";
import type { Params, Schema } from "./validate";

/** What a handler knows about the request it serves. */
export interface ActionContext {
    store: Store;
    /** The `X-TC-Region` of the request (already checked to be a region of the action's service). */
    region: string;
    /** SecretId of the calling credential. */
    secretId: string;
    /** True when the credential is configured read-only: mutating actions get OperationDenied. */
    readOnly: boolean;
    /** The long-term SecretId behind the caller: itself, or the one that obtained its temporary credential. */
    principalSecretId: string;
    /** Set when the request was signed with a temporary credential from AssumeRole. */
    assumedRole?: AssumedRole;
    /** The `Host` header of the request (URLs the emulator hands out point back at it). */
    host?: string;
    /** Roles and temporary credentials (used by STS AssumeRole). */
    identities: IdentityStore;
}

/** One action: its parameter schema and its handler. */
export interface ActionHandler {
    name: string;
    schema: Schema;
    /** True when an accepted call changes state (then it is persisted before the answer). */
    mutates: boolean;
    /** Log the answer (redacted) even though the state does not change (AssumeRole). */
    logsResponse?: boolean;
    /** Returns the `Response` fields except RequestId; throws OmicsEmulatorError on failure. */
    handle(ctx: ActionContext, params: Params): Record<string, unknown>;
}
