/**
 * OX's documented `CredentialsType` enum (provider side: the simulators are the other party and
 * keep their own copy, so a misreading of the docs cannot pass unnoticed through a shared list).
 */
export const CREDENTIALS_TYPES = [
  'UserPassword',
  'UserPasswordBothOptional',
  'UserPasswordOnly',
  'UrlOnly',
  'UserPasswordAndTenant',
  'Token',
  'TokenAndUser',
  'IdentityProvider',
  'BotIdentityProvider',
  'ClientIdSecretKey',
  'AWSAssumeRole',
  'AWSAssumeRoleCloudFormation',
  'AWSOrganizationConnection',
  'AWSAssumeRoleOnprem',
  'AWSAssumeRoleCloudFormationOnprem',
  'AWSOrganizationConnectionOnprem',
  'AWSAssumeRoleCodeCommit',
  'AWSEKS',
  'AWSEKSDirect',
  'AWSEKSPrivateLink',
  'AWSAssumeRoleCodeCommitOrganization',
  'AWSAssumeRoleCodeCommitOnprem',
  'AWSAssumeRoleCodeCommitOrganizationOnprem',
  'ApiKey',
  'TokenAndProjectId',
  'APISecretAndAccessKey',
  'TenantClientsubscriptionIdSecret',
  'TenantIdClientIdClientSecret',
  'None',
  'GitHubApp',
  'BitbucketApp',
  'OrganizationIdAndApiKey',
  'ClientIdSecretApiUrl',
  'OrganizationIdAndClientIdSecretApiUrl',
  'TokenOnly',
  'AzureCloud',
  'ServicePrincipal',
  'ClientIdClientSecret',
  'AppIdAndToken',
  'Webhook',
  'AksDirect',
  'AksRunCommand',
  'GKEDirect',
  'Broker',
  'K8sInspector',
  'ClientIdClientSecretNoHost',
  'RuntimeSensor',
  'AzureOpenAIApi',
] as const;

export type OxCredentialsType = (typeof CREDENTIALS_TYPES)[number];

/** A plain boolean, not a type guard: a schema refined with a guard would type state as the list (see schema.ts). */
export const isCredentialsType = (type: string): boolean => (CREDENTIALS_TYPES as readonly string[]).includes(type);

/**
 * ASSUMED (vendor-apis.md): credentials added with type `X` come back as the `Credential` union
 * member `XCredentials`. The one place to change if OX names its members otherwise.
 */
export function credentialsMemberName(type: string): string {
  return `${type}Credentials`;
}
