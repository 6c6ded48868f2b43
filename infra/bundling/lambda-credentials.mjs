/**
 * What a bundled function gets in place of `@aws-sdk/credential-provider-node`
 * (infra/src/bundling.ts LAMBDA_CREDENTIALS): the SDK's own environment
 * provider alone. Lambda always hands a function its role's credentials in
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, so the
 * default chain's other links (SSO, INI files, processes, web identity,
 * container and instance metadata, with the STS and SSO clients they load)
 * never run there; leaving them out saves ~90 KB and their loading in every
 * function. Missing variables fail as the chain would: CredentialsProviderError.
 * Tests and the local stack run the sources, with the full chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init = {}) => fromEnv(init);
export const credentialsWillNeedRefresh = (credentials) => credentials?.expiration !== undefined;
export const credentialsTreatedAsExpired = (credentials) =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300000;
