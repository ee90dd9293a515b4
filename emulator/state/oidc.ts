/**
 * OIDC identity providers for STS AssumeRoleWithWebIdentity (in memory, like roles). Each provider
 * signs its tokens with its own HS256 key: `POST /_emulator/oidc/token` mints one (a CI job's
 * token file), and AssumeRoleWithWebIdentity verifies signature, issuer, audience and expiry.
 * Real identity providers (TKE, GitLab, GitHub) sign with RS256 keys published at their issuer;
 * the emulator cannot fetch those, so a shared key stands in (emulator assumption).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { errors, OmicsEmulatorError } from "../errors";

/** A provider as configured (`startEmulator({oidcProviders})`, `POST /_emulator/oidc/providers`). */
export interface OidcProviderSpec {
    /** The `ProviderId` of AssumeRoleWithWebIdentity (TKE_PROVIDER_ID). */
    providerId: string;
    /** Expected `iss` claim. @default `https://oidc.omics-emulator.invalid/<providerId>` */
    issuer?: string;
    /** Expected `aud` claim. @default "sts.tencentcloudapi.com" */
    audience?: string;
    /** Roles this provider's tokens may assume (they must also be configured roles). @default any configured role */
    roleArns?: string[];
}

export interface OidcProvider extends Required<Omit<OidcProviderSpec, "roleArns">> {
    roleArns?: string[];
    /** HS256 key (base64url); never returned by the control plane. */
    key: string;
}

export interface TokenClaims {
    iss: string;
    aud: string;
    sub: string;
    iat: number;
    exp: number;
}

/** `InvalidParameter.WebIdentityTokenError` (Tencent's STS code for a token it refuses). */
export const webIdentityTokenError = (message: string) => new OmicsEmulatorError("InvalidParameter.WebIdentityTokenError", message);

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");
const PROVIDER_ID = /^[\w.-]{1,128}$/;

export function oidcProviderProblem(p: unknown): string | undefined {
    if (p === null || typeof p !== "object" || Array.isArray(p)) return "an OIDC provider must be an object";
    const o = p as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!["providerId", "issuer", "audience", "roleArns"].includes(k)) return `unknown field ${k}`;
    if (typeof o.providerId !== "string" || !PROVIDER_ID.test(o.providerId)) return "providerId must be 1..128 of letters, digits, '.', '_', '-'";
    for (const k of ["issuer", "audience"]) if (o[k] !== undefined && (typeof o[k] !== "string" || o[k] === "")) return `${k} must be a non-empty string`;
    if (o.roleArns !== undefined && (!Array.isArray(o.roleArns) || o.roleArns.some((r) => typeof r !== "string")))
        return "roleArns must be an array of strings";
    return undefined;
}

export class OidcProviders {
    private readonly providers = new Map<string, OidcProvider>();

    constructor(specs: readonly OidcProviderSpec[] = []) {
        for (const s of specs) this.add(s);
    }

    add(s: OidcProviderSpec): Omit<OidcProvider, "key"> {
        const p: OidcProvider = {
            providerId: s.providerId,
            issuer: s.issuer ?? `https://oidc.omics-emulator.invalid/${s.providerId}`,
            audience: s.audience ?? "sts.tencentcloudapi.com",
            ...(s.roleArns ? { roleArns: [...s.roleArns] } : {}),
            key: this.providers.get(s.providerId)?.key ?? b64url(randomBytes(32)),
        };
        this.providers.set(p.providerId, p);
        const { key: _key, ...view } = p;
        return view;
    }

    list(): Omit<OidcProvider, "key">[] {
        return [...this.providers.values()].map(({ key: _key, ...view }) => view);
    }

    get(providerId: string): OidcProvider | undefined {
        return this.providers.get(providerId);
    }

    /** A signed token of `providerId` (claims may be overridden, e.g. an expired `exp` or another `aud`). */
    mint(
        providerId: string,
        o: { subject?: string; expiresInSeconds?: number; audience?: string; issuer?: string; nowMs?: number } = {},
    ): { token: string; claims: TokenClaims } {
        const p = this.providers.get(providerId);
        if (!p) throw errors.invalidParameterValue(`no OIDC provider ${providerId}`);
        const now = Math.floor((o.nowMs ?? Date.now()) / 1000);
        const claims: TokenClaims = {
            iss: o.issuer ?? p.issuer,
            aud: o.audience ?? p.audience,
            sub: o.subject ?? "system:serviceaccount:ci:pipeline",
            iat: now,
            exp: now + (o.expiresInSeconds ?? 3600),
        };
        return { token: sign(p.key, claims), claims };
    }

    /** The claims of a valid token of `p`; InvalidParameter.WebIdentityTokenError otherwise. */
    verify(p: OidcProvider, token: string, nowMs = Date.now()): TokenClaims {
        const parts = token.trim().split(".");
        if (parts.length !== 3) throw webIdentityTokenError("The web identity token is not a JWT (header.payload.signature).");
        const [h, c, s] = parts as [string, string, string];
        let header: { alg?: string };
        let claims: Partial<TokenClaims>;
        try {
            header = JSON.parse(Buffer.from(h, "base64url").toString("utf8")) as { alg?: string };
            claims = JSON.parse(Buffer.from(c, "base64url").toString("utf8")) as Partial<TokenClaims>;
        } catch {
            throw webIdentityTokenError("The web identity token's header or payload is not base64url JSON.");
        }
        if (header.alg !== "HS256") throw webIdentityTokenError(`The web identity token's algorithm ${String(header.alg)} is not the provider's (HS256).`);
        const want = createHmac("sha256", Buffer.from(p.key, "base64url")).update(`${h}.${c}`).digest();
        const got = Buffer.from(s, "base64url");
        if (got.length !== want.length || !timingSafeEqual(got, want)) {
            throw webIdentityTokenError(`The web identity token's signature is not valid for identity provider ${p.providerId}.`);
        }
        if (claims.iss !== p.issuer) throw webIdentityTokenError(`The web identity token's issuer ${String(claims.iss)} is not ${p.issuer}.`);
        if (claims.aud !== p.audience) throw webIdentityTokenError(`The web identity token's audience ${String(claims.aud)} is not ${p.audience}.`);
        if (typeof claims.exp !== "number" || nowMs / 1000 >= claims.exp) {
            throw webIdentityTokenError(
                `The web identity token expired at ${typeof claims.exp === "number" ? new Date(claims.exp * 1000).toISOString() : "(no exp)"}.`,
            );
        }
        if (typeof claims.sub !== "string" || claims.sub === "") throw webIdentityTokenError("The web identity token has no subject (sub).");
        return claims as TokenClaims;
    }
}

function sign(key: string, claims: TokenClaims): string {
    const h = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
    const c = b64url(JSON.stringify(claims));
    const s = createHmac("sha256", Buffer.from(key, "base64url")).update(`${h}.${c}`).digest("base64url");
    return `${h}.${c}.${s}`;
}
