/**
 * The GraphQL documents the client sends, and the zod shapes of what they select.
 *
 * `Connector.credentials` is a union (`Credential`) whose members OX documents only by example
 * (`UserPasswordOnlyCredentials`): selecting one member yields `{}` for every other one. So each
 * document selects `__typename` and, per member it needs, the fields every member shares. Only the
 * members asked for are selected (a member OX does not have would fail the whole request), so the
 * documents are built per set of credentials types from the fixed parts below; catalog.ts adds the
 * members OX reports that were not selected.
 */
import { z } from 'zod';
import { credentialsMemberName } from './credentials-types';

/** DOCUMENTED fields shared by every `Credential` member (the ones this provider reads). */
const COMMON_CREDENTIAL_FIELDS = 'credentialsId credentialsName credentialsType hostURL isCertChecksDisabled';

const CONNECTOR_FIELDS = 'id name displayName family credentialsTypes enableMultiCredentials disabledMultiCredentialsTypes';

/**
 * A GraphQL Name (spec 2.1.9). Types come from configuration, state and OX's answers; anything else
 * is never spliced into a document (it could only fail to parse, or change the document).
 */
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

export function connectorSelection(types: readonly string[]): string {
  const members = [...new Set(types)].filter((t) => GRAPHQL_NAME.test(t)).sort().map((t) => `... on ${credentialsMemberName(t)} { ${COMMON_CREDENTIAL_FIELDS} }`);
  return `${CONNECTOR_FIELDS} credentials { __typename ${members.join(' ')} }`;
}

export const documents = {
  connectors: (types: readonly string[]) =>
    `query GetConnectorsByFamily { getConnectorsByFamily { family familyDisplayName connectors { connector { ${connectorSelection(types)} } } } }`,
  addCredentials: (types: readonly string[]) =>
    `mutation AddCredentials($addCredentialsInput: AddCredentialsInput!) { addCredentials(addCredentialsInput: $addCredentialsInput) { connector { ${connectorSelection(types)} } } }`,
  removeCredentials: (types: readonly string[]) =>
    `mutation RemoveCredentials($removeCredentialsInput: RemoveCredentialsInput!) { removeCredentials(removeCredentialsInput: $removeCredentialsInput) { connector { ${connectorSelection(types)} } } }`,
  verifyCredentials:
    'mutation VerifySingleConnectorCredentials($verifyCredentialsInput: VerifyCredentialsInput!) { verifySingleConnectorCredentials(verifyCredentialsInput: $verifyCredentialsInput) { credentialsAreValid noReposFound validationMessage } }',
} as const;

export const oxCredentials = z.object({
  __typename: z.string().optional(),
  credentialsId: z.string().nullish(),
  credentialsName: z.string().nullish(),
  credentialsType: z.string().nullish(),
  hostURL: z.string().nullish(),
  isCertChecksDisabled: z.boolean().nullish(),
});
export type OxCredentials = z.infer<typeof oxCredentials>;

export const oxConnector = z.object({
  id: z.string(),
  name: z.string().nullish(),
  displayName: z.string().nullish(),
  family: z.string().nullish(),
  credentialsTypes: z.array(z.string().nullable()).nullish().transform((l) => (l ?? []).filter((t): t is string => !!t)),
  enableMultiCredentials: z.boolean().nullish(),
  disabledMultiCredentialsTypes: z.array(z.string().nullable()).nullish().transform((l) => (l ?? []).filter((t): t is string => !!t)),
  credentials: z.array(oxCredentials.nullable()).nullish().transform((l) => (l ?? []).filter((c): c is OxCredentials => !!c)),
});
export type OxConnector = z.infer<typeof oxConnector>;

const connectorResponse = z.object({ connector: oxConnector.nullish() }).nullish();

export const connectorsData = z.object({
  getConnectorsByFamily: z
    .array(z.object({ family: z.string().nullish(), connectors: z.array(connectorResponse).nullish() }).nullable())
    .nullish(),
});

export const addCredentialsData = z.object({ addCredentials: connectorResponse });
export const removeCredentialsData = z.object({ removeCredentials: connectorResponse });

export const verifyData = z.object({
  verifySingleConnectorCredentials: z.object({
    credentialsAreValid: z.boolean(),
    noReposFound: z.boolean(),
    validationMessage: z.string().nullish(),
  }),
});
export type OxVerification = z.infer<typeof verifyData>['verifySingleConnectorCredentials'];

/** One entry of GraphQL's `errors[]`. */
export const graphQlError = z.object({
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])).nullish(),
  extensions: z.object({ code: z.string().optional() }).passthrough().nullish(),
});

export const graphQlResponse = z.object({
  data: z.unknown().optional(),
  errors: z.array(graphQlError).nullish(),
});
