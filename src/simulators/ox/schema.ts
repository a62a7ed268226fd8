/**
 * The OX connectors GraphQL schema, as SDL. DOCUMENTED: the operations, their input and return
 * types, every `Connector` field, the `CredentialsType` enum and every `credentialsInput` field.
 * ASSUMED: the names of types the pages do not name (`ConnectorsByFamily`,
 * `VerifyCredentialsResponse`, the nested input/output helper types), the scalar types of fields
 * whose type is not shown, and the union members (generated from `CredentialsType`).
 */
import { buildSchema, type GraphQLSchema } from 'graphql';
import { memberFields, memberName } from './assumptions';
import { CREDENTIALS_INPUT_FIELDS, CREDENTIALS_TYPES, type CredentialsInputField } from './credentials-types';

/** DOCUMENTED: every `Connector` field with its type. */
export const CONNECTOR_FIELDS = {
  id: 'String',
  name: 'String',
  displayName: 'String',
  description: 'String',
  hostURL: 'String',
  iconURL: 'String',
  family: 'String',
  credentialsType: 'CredentialsType',
  credentialsTypes: '[CredentialsType]',
  brokerSupportCredentialsTypes: '[CredentialsType]',
  disabledMultiCredentialsTypes: '[CredentialsType]',
  credentials: '[Credential]',
  isConfigured: 'Boolean',
  isResourceAvailable: 'Boolean',
  ffKeyResourceAvailable: 'String',
  resourceOptions: 'ResourceOptions',
  resources: '[ResourceItem]',
  isOxBuiltIn: 'Boolean',
  isOpenSource: 'Boolean',
  openSourceWebsiteUrl: 'String',
  openSourceLicense: 'String',
  openSourceAuthor: 'String',
  defaultEnabled: 'Boolean',
  comingSoon: 'Boolean',
  isDemoEnabled: 'Boolean',
  aliasFor: 'String',
  identityProviderInfo: 'IdentityProviderInfo',
  gitHubAppInfo: 'GitHubAppInfo',
  bitbucketAppInfo: 'BitbucketAppInfo',
  awsCloudFormationInfo: 'AWSCloudFormationInfo',
  awsCloudFormationOrganizationInfo: 'AWSCloudFormationInfo',
  connectionInstructions: '[ConnectionInstructions]',
  isDiscovered: 'Boolean',
  isEmptyOfRepos: 'Boolean',
  isDevelopment: 'Boolean',
  connectorExplanation: 'String',
  optionalInputFields: '[OptionalConnectorInput]',
  conditionalOptionalTabs: '[ConditionalOptionalTabs]',
  dependsOn: 'String',
  disabledBy: '[String]',
  externalLink: 'String',
  textExternalLink: 'String',
  internalLink: 'String',
  textInternalLink: 'String',
  ffKey: 'String',
  beta: 'Boolean',
  supportedDisabledCertChecksTypes: '[String]',
  enableMultiCredentials: 'Boolean',
} as const;

/** DOCUMENTED names, ASSUMED types (`brokerPort` an Int): the fields every union member shares. */
export const COMMON_CREDENTIAL_FIELDS = {
  credentialsId: 'String',
  credentialsName: 'String',
  tokenExpirationDate: 'String',
  credentialsType: 'CredentialsType',
  isCertChecksDisabled: 'Boolean',
  hostURL: 'String',
  iv: 'String',
  monitoredResources: '[String]',
  monitorAllResources: 'Boolean',
  monitorAllNewlyCreatedResources: 'Boolean',
  brokerUsername: 'String',
  brokerPassword: 'String',
  brokerEnabled: 'Boolean',
  brokerHost: 'String',
  brokerPort: 'Int',
} as const;

/** Output type of a member-specific field: the input type with `Input` dropped. */
function outputType(field: CredentialsInputField): string {
  return CREDENTIALS_INPUT_FIELDS[field].replace(/Input$/, '');
}

/** An identity provider's token: the same fields as input and as output. */
const IDP_TOKEN_FIELDS = { access_token: 'String', token_type: 'String', expires_in: 'Int', created_at: 'Int', refresh_token: 'String', scope: 'String' };

const fieldsSdl = (fields: Readonly<Record<string, string>>): string =>
  Object.entries(fields)
    .map(([name, type]) => `  ${name}: ${type}`)
    .join('\n');

function credentialMembersSdl(): string {
  const members = CREDENTIALS_TYPES.map((type) => {
    const own: Record<string, string> = {};
    for (const field of memberFields(type)) {
      if (!(field in COMMON_CREDENTIAL_FIELDS)) own[field] = outputType(field);
    }
    return `type ${memberName(type)} {\n${fieldsSdl(COMMON_CREDENTIAL_FIELDS)}\n${fieldsSdl(own)}\n}`;
  });
  const union = `union Credential = ${CREDENTIALS_TYPES.map(memberName).join(' | ')}`;
  return `${members.join('\n\n')}\n\n${union}`;
}

export const OX_SDL = `
scalar JSON

enum CredentialsType {
${CREDENTIALS_TYPES.map((t) => `  ${t}`).join('\n')}
}

type Query {
  getConnectorsByFamily(family: String): [ConnectorsByFamily]
}

type Mutation {
  addCredentials(addCredentialsInput: AddCredentialsInput!): ConnectorResponse
  removeCredentials(removeCredentialsInput: RemoveCredentialsInput!): ConnectorResponse
  verifySingleConnectorCredentials(verifyCredentialsInput: VerifyCredentialsInput!): VerifyCredentialsResponse
}

input AddCredentialsInput {
  connectorID: String!
  hostURL: String
  credentialsType: CredentialsType!
  credentialsInput: CredentialsInput!
  credentialsName: String
  isCertChecksDisabled: Boolean
}

input CredentialsInput {
${fieldsSdl(CREDENTIALS_INPUT_FIELDS)}
}

input IdpTokenInput {
${fieldsSdl(IDP_TOKEN_FIELDS)}
}

input InstallationTokenInput {
  token: String
  createdAt: String
  expiresAt: String
}

input OptionalFieldsInput {
  SSHKey: String
  RepoSearchQuery: String
  Config: String
  buildIssueToCloud: Boolean
}

input ExtraOptionalCredsInput {
  atlassian: AtlassianCredsInput
}

input AtlassianCredsInput {
  organizationId: String
  apiKey: String
}

input RemoveCredentialsInput {
  connectorID: String!
  credentialsIndex: Int
  credentialsId: String
}

input VerifyCredentialsInput {
  connectorID: String!
  credentialsID: String
  featureFlags: JSON
}

type VerifyCredentialsResponse {
  credentialsAreValid: Boolean!
  noReposFound: Boolean!
  validationMessage: String
}

type ConnectorsByFamily {
  family: String
  familyDisplayName: String
  connectors: [ConnectorResponse]
}

type ConnectorResponse {
  connector: Connector
}

type Connector {
${fieldsSdl(CONNECTOR_FIELDS)}
}

type ResourceOptions {
  resourceName: String
  hideMonitorNewResourcesCheckbox: Boolean
  showSettingsPerResource: Boolean
}

type ResourceItem {
  type: String
}

type IdentityProviderInfo {
  baseURL: String
  urlParams: String
  scope: String
  configText: String
  user_scope: String
}

type GitHubAppInfo {
  baseURL: String
  urlPath: String
  configText: String
}

type BitbucketAppInfo {
  baseURL: String
  queryParameters: String
  configText: String
}

type AWSCloudFormationInfo {
  baseURL: String
  urlParams: String
}

type ConnectionInstructions {
  type: String
  title: String
  details: String
  linksToDocs: [LinkToDocs]
  permissions: [String]
  hostURL: String
}

type LinkToDocs {
  href: String
  title: String
}

type OptionalConnectorInput {
  name: String
  credsTypes: [CredentialsType]
  inputType: String
  key: String
  ffKey: String
  value: String
}

type ConditionalOptionalTabs {
  tabTitle: String
  tabInputs: [TabInput]
}

type TabInput {
  inputType: String
  inputTitle: String
  inputName: String
}

type IdpToken {
${fieldsSdl(IDP_TOKEN_FIELDS)}
}

type InstallationToken {
  token: String
  createdAt: String
  expiresAt: String
}

type OptionalFields {
  SSHKey: String
  RepoSearchQuery: String
  Config: String
  buildIssueToCloud: Boolean
}

type ExtraOptionalCreds {
  atlassian: AtlassianCreds
}

type AtlassianCreds {
  organizationId: String
  apiKey: String
}

${credentialMembersSdl()}
`;

let built: GraphQLSchema | undefined;

/** The executable schema (built once; resolvers come as the root value). */
export function oxSchema(): GraphQLSchema {
  built ??= buildSchema(OX_SDL);
  return built;
}
