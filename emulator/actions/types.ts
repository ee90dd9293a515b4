/** The contract between the HTTP layer and one action handler. */
import type { Store } from "../state/store";
import type { Params, Schema } from "./validate";

/** What a handler knows about the request it serves. */
export interface ActionContext {
  store: Store;
  /** The `X-TC-Region` of the request (already checked to be an Omics region). */
  region: string;
  /** SecretId of the calling credential. */
  secretId: string;
  /** True when the credential is configured read-only: mutating actions get OperationDenied. */
  readOnly: boolean;
}

/** One Omics action: its parameter schema and its handler. */
export interface ActionHandler {
  name: string;
  schema: Schema;
  /** True when an accepted call changes state (then it is persisted before the answer). */
  mutates: boolean;
  /** Returns the `Response` fields except RequestId; throws OmicsEmulatorError on failure. */
  handle(ctx: ActionContext, params: Params): Record<string, unknown>;
}
