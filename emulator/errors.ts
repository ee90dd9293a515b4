/**
 * Tencent Cloud API 3.0 error codes used by the emulator, as named errors.
 *
 * Every failure the emulator answers is an {@link OmicsEmulatorError}: its `code` is the Tencent
 * error code put into `Response.Error.Code`, its `message` goes into `Response.Error.Message`.
 */

/** Error codes the emulator can answer (common codes, the Omics action-specific ones, and STS AssumeRole's). */
export const ErrorCodes = {
    AuthFailure: "AuthFailure",
    SignatureFailure: "AuthFailure.SignatureFailure",
    SignatureExpire: "AuthFailure.SignatureExpire",
    SecretIdNotFound: "AuthFailure.SecretIdNotFound",
    InvalidAuthorization: "AuthFailure.InvalidAuthorization",
    TokenFailure: "AuthFailure.TokenFailure",
    InvalidAction: "InvalidAction",
    NoSuchVersion: "NoSuchVersion",
    MissingParameter: "MissingParameter",
    UnknownParameter: "UnknownParameter",
    InvalidParameter: "InvalidParameter",
    InvalidParameterValue: "InvalidParameterValue",
    UnsupportedRegion: "UnsupportedRegion",
    UnsupportedProtocol: "UnsupportedProtocol",
    RequestLimitExceeded: "RequestLimitExceeded",
    RequestSizeLimitExceeded: "RequestSizeLimitExceeded",
    InternalError: "InternalError",
    OperationDenied: "OperationDenied",
    ResourceNotFound: "ResourceNotFound",
    RetryLimitExceeded: "FailedOperation.RetryLimitExceeded",
    StatusNotSupported: "FailedOperation.StatusNotSupported",
    EnvironmentNotAvailable: "InvalidParameterValue.EnvironmentNotAvailable",
    EnvironmentNotExist: "ResourceNotFound.EnvironmentNotExist",
    ProjectNotExist: "ResourceNotFound.ProjectNotExist",
    RunGroupNotExist: "ResourceNotFound.RunGroupNotExist",
    RunNotExist: "ResourceNotFound.RunNotExist",
    ApplicationNotExist: "ResourceNotFound.ApplicationNotExist",
    // STS AssumeRole (codes from the STS 2018-08-13 error list; which condition gives which is an emulator assumption)
    UnauthorizedOperation: "UnauthorizedOperation",
    RoleNotFound: "ResourceNotFound.RoleNotFound",
    StsParamError: "InvalidParameter.ParamError",
    StsOverTimeError: "InvalidParameter.OverTimeError",
    StsPolicyFormatError: "InvalidParameter.StrategyFormatError",
    StsPolicyInvalid: "InvalidParameter.StrategyInvalid",
} as const;

/** One of the Tencent error codes in {@link ErrorCodes}. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** A failure answered as `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`. */
export class OmicsEmulatorError extends Error {
    /** The Tencent error code, e.g. `ResourceNotFound.RunGroupNotExist`. */
    readonly code: string;

    constructor(code: string, message: string) {
        super(message);
        this.name = "OmicsEmulatorError";
        this.code = code;
    }
}

/** True for an {@link OmicsEmulatorError}, also across copies of this module (checks `name`). */
export function isOmicsEmulatorError(e: unknown): e is OmicsEmulatorError {
    return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "OmicsEmulatorError" && typeof (e as { code?: unknown }).code === "string";
}

const make = (code: ErrorCode) => (message: string) => new OmicsEmulatorError(code, message);

/** Factories, one per code, so call sites read as the condition they report. */
export const errors = {
    signatureFailure: make(ErrorCodes.SignatureFailure),
    signatureExpire: make(ErrorCodes.SignatureExpire),
    secretIdNotFound: make(ErrorCodes.SecretIdNotFound),
    invalidAuthorization: make(ErrorCodes.InvalidAuthorization),
    tokenFailure: make(ErrorCodes.TokenFailure),
    invalidAction: make(ErrorCodes.InvalidAction),
    noSuchVersion: make(ErrorCodes.NoSuchVersion),
    missingParameter: make(ErrorCodes.MissingParameter),
    unknownParameter: make(ErrorCodes.UnknownParameter),
    invalidParameter: make(ErrorCodes.InvalidParameter),
    invalidParameterValue: make(ErrorCodes.InvalidParameterValue),
    unsupportedRegion: make(ErrorCodes.UnsupportedRegion),
    unsupportedProtocol: make(ErrorCodes.UnsupportedProtocol),
    requestLimitExceeded: make(ErrorCodes.RequestLimitExceeded),
    requestSizeLimitExceeded: make(ErrorCodes.RequestSizeLimitExceeded),
    internalError: make(ErrorCodes.InternalError),
    operationDenied: make(ErrorCodes.OperationDenied),
    resourceNotFound: make(ErrorCodes.ResourceNotFound),
    retryLimitExceeded: make(ErrorCodes.RetryLimitExceeded),
    statusNotSupported: make(ErrorCodes.StatusNotSupported),
    environmentNotAvailable: make(ErrorCodes.EnvironmentNotAvailable),
    environmentNotExist: make(ErrorCodes.EnvironmentNotExist),
    projectNotExist: make(ErrorCodes.ProjectNotExist),
    runGroupNotExist: make(ErrorCodes.RunGroupNotExist),
    runNotExist: make(ErrorCodes.RunNotExist),
    applicationNotExist: make(ErrorCodes.ApplicationNotExist),
    unauthorizedOperation: make(ErrorCodes.UnauthorizedOperation),
    roleNotFound: make(ErrorCodes.RoleNotFound),
    stsParamError: make(ErrorCodes.StsParamError),
    stsOverTimeError: make(ErrorCodes.StsOverTimeError),
    stsPolicyFormatError: make(ErrorCodes.StsPolicyFormatError),
    stsPolicyInvalid: make(ErrorCodes.StsPolicyInvalid),
};

/** Codes of the catalogue actions (tables, applications, volumes, ...), from the SDK's Omics error list. */
export const CatalogErrorCodes = {
    TableNotExist: "ResourceNotFound.TableNotExist",
    TableRowNotExist: "ResourceNotFound.TableRowNotExist",
    ApplicationVersionNotExist: "ResourceNotFound.ApplicationVersionNotExist",
    CosObjectNotExist: "ResourceNotFound.CosObjectNotExist",
    DuplicateName: "InvalidParameterValue.DuplicateName",
    InvalidCosKey: "InvalidParameterValue.InvalidCosKey",
    InvalidCsvFormat: "InvalidParameterValue.InvalidCsvFormat",
    InvalidEmailFormat: "InvalidParameterValue.InvalidEmailFormat",
    InvalidInputPlaceholder: "InvalidParameterValue.InvalidInputPlaceholder",
    TableDataTypeLengthMismatch: "InvalidParameterValue.TableDataTypeLengthMismatch",
    UnsupportedTableDataType: "InvalidParameterValue.UnsupportedTableDataType",
    DuplicateTableHeader: "FailedOperation.DuplicateTableHeader",
    EmptyTableHeader: "FailedOperation.EmptyTableHeader",
    InvalidTableLength: "FailedOperation.InvalidTableLength",
    TableDataTypeMismatch: "FailedOperation.TableDataTypeMismatch",
    ResourceInUse: "ResourceInUse",
    UnsupportedOperation: "UnsupportedOperation",
} as const;

const makeAny = (code: string) => (message: string) => new OmicsEmulatorError(code, message);

/** Factories for {@link CatalogErrorCodes}. */
export const catalogErrors = {
    tableNotExist: makeAny(CatalogErrorCodes.TableNotExist),
    tableRowNotExist: makeAny(CatalogErrorCodes.TableRowNotExist),
    applicationVersionNotExist: makeAny(CatalogErrorCodes.ApplicationVersionNotExist),
    cosObjectNotExist: makeAny(CatalogErrorCodes.CosObjectNotExist),
    duplicateName: makeAny(CatalogErrorCodes.DuplicateName),
    invalidCosKey: makeAny(CatalogErrorCodes.InvalidCosKey),
    invalidCsvFormat: makeAny(CatalogErrorCodes.InvalidCsvFormat),
    invalidEmailFormat: makeAny(CatalogErrorCodes.InvalidEmailFormat),
    invalidInputPlaceholder: makeAny(CatalogErrorCodes.InvalidInputPlaceholder),
    tableDataTypeLengthMismatch: makeAny(CatalogErrorCodes.TableDataTypeLengthMismatch),
    unsupportedTableDataType: makeAny(CatalogErrorCodes.UnsupportedTableDataType),
    duplicateTableHeader: makeAny(CatalogErrorCodes.DuplicateTableHeader),
    emptyTableHeader: makeAny(CatalogErrorCodes.EmptyTableHeader),
    invalidTableLength: makeAny(CatalogErrorCodes.InvalidTableLength),
    tableDataTypeMismatch: makeAny(CatalogErrorCodes.TableDataTypeMismatch),
    resourceInUse: makeAny(CatalogErrorCodes.ResourceInUse),
    unsupportedOperation: makeAny(CatalogErrorCodes.UnsupportedOperation),
};
