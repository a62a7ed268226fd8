/**
 * What an `OxConnectorCredentials` adds: a credentials type with its inputs, typed per type where
 * OX's fields are clear (`OxCredentials.token`, `.userPassword`, `.apiKey`, `.clientIdSecretKey`),
 * and `OxCredentials.of` for every other type.
 */
import type { OxCredentialsType } from '../../vendors/ox/credentials-types';
import type { INPUT_FIELDS, SecretKey } from '../../vendors/ox/input-fields';
import type { CamelCase } from '../naming';
import type { SecretInput } from '../secret';

/** `optionalFields` of OX's `credentialsInput` (the SSH key is a secret: `sshKey`). */
export interface OxOptionalFieldsProps {
  /** `RepoSearchQuery`. @default not sent */
  readonly repoSearchQuery?: string;
  /** `Config`. @default not sent */
  readonly config?: string;
  /** `buildIssueToCloud`. @default not sent */
  readonly buildIssueToCloud?: boolean;
}

/** Non-secret `idpToken` fields (the tokens are secrets: `idpAccessToken`, `idpRefreshToken`). */
export interface OxIdpTokenProps {
  /** `token_type`. @default not sent */
  readonly tokenType?: string;
  /** `expires_in`, seconds. @default not sent */
  readonly expiresIn?: number;
  /** `created_at`, Unix seconds. @default not sent */
  readonly createdAt?: number;
  /** `scope`. @default not sent */
  readonly scope?: string;
}

/** Non-secret `installationToken` fields (the token is a secret: `installationToken`). */
export interface OxInstallationTokenProps {
  /** `createdAt`. @default not sent */
  readonly createdAt?: string;
  /** `expiresAt`. @default not sent */
  readonly expiresAt?: string;
}

/** `extraOptionalCreds` (the Atlassian API key is a secret: `atlassianApiKey`). */
export interface OxExtraOptionalCredsProps {
  /** `atlassian.organizationId`. @default not sent */
  readonly atlassian?: { readonly organizationId?: string };
}

/** The non-secret part of OX's `credentialsInput`; each field is sent under its OX name (`clientId`, `hostURL`, ...). */
export interface OxCredentialsInputProps {
  /** `name`: the user name. @default not sent */
  readonly name?: string;
  /** `clientId`. @default not sent */
  readonly clientId?: string;
  /** `tenant`. @default not sent */
  readonly tenant?: string;
  /** `projectId`. @default not sent */
  readonly projectId?: string;
  /** `apiUrl`. @default not sent */
  readonly apiUrl?: string;
  /** `organizationId`. @default not sent */
  readonly organizationId?: string;
  /** `awsRoleArn`. @default not sent */
  readonly awsRoleArn?: string;
  /** `awsExternalId`. @default not sent */
  readonly awsExternalId?: string;
  /** `awsAccessKey` (the key ID; its secret is `awsAccessSecret`). @default not sent */
  readonly awsAccessKey?: string;
  /** `subscriptionId`. @default not sent */
  readonly subscriptionId?: string;
  /** `tenantId`. @default not sent */
  readonly tenantId?: string;
  /** `installationId` (GitHub App). @default not sent */
  readonly installationId?: number;
  /** `appId`. @default not sent */
  readonly appId?: string;
  /** `deploymentName`. @default not sent */
  readonly deploymentName?: string;
  /** `gitUsername`. @default not sent */
  readonly gitUsername?: string;
  /** `webhookUrl`. @default not sent */
  readonly webhookUrl?: string;
  /** `hostURL` inside `credentialsInput`. @default not sent */
  readonly hostUrl?: string;
  /** `brokerUsername`. @default not sent */
  readonly brokerUsername?: string;
  /** `brokerSSHPublicKey`. @default not sent */
  readonly brokerSshPublicKey?: string;
  /** `brokerEnabled`. @default not sent */
  readonly brokerEnabled?: boolean;
  /** `isCertChecksDisabled` inside `credentialsInput`. @default not sent */
  readonly isCertChecksDisabled?: boolean;
  /** `optionalFields`. @default not sent */
  readonly optionalFields?: OxOptionalFieldsProps;
  /** `idpToken` metadata. @default not sent */
  readonly idpToken?: OxIdpTokenProps;
  /** `installationToken` metadata. @default not sent */
  readonly installationToken?: OxInstallationTokenProps;
  /** `extraOptionalCreds`. @default not sent */
  readonly extraOptionalCreds?: OxExtraOptionalCredsProps;
}

/** Compile-time check: the hand-written props name exactly the schema's `credentials_input` fields. */
type SchemaInputFields = CamelCase<keyof typeof INPUT_FIELDS & string>;
type SameKeys<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : never;
const inputPropsMatchSchema: SameKeys<keyof OxCredentialsInputProps, SchemaInputFields> = true;
void inputPropsMatchSchema;

/** Secret fields by camelCase name (`secretKey` is OX's `secretKey`, `sshKey` is `optionalFields.SSHKey`, ...). */
export type OxSecretField =
  | 'password'
  | 'token'
  | 'secretKey'
  | 'clientSecret'
  | 'apiKey'
  | 'awsAccessSecret'
  | 'apiAccessKey'
  | 'apiSecretKey'
  | 'gitPassword'
  | 'brokerPassword'
  | 'idpAccessToken'
  | 'idpRefreshToken'
  | 'installationToken'
  | 'sshKey'
  | 'atlassianApiKey';
/** Compile-time check: spelled out for the public API, the same names as the schema's secret fields. */
const secretFieldsMatchSchema: SameKeys<OxSecretField, CamelCase<SecretKey>> = true;
void secretFieldsMatchSchema;
export type OxCredentialsSecrets = { readonly [K in OxSecretField]?: SecretInput };

export interface OxCredentialsOfProps {
  /** Non-secret inputs. @default none */
  readonly input?: OxCredentialsInputProps;
  /** Secret inputs: references (`Secret.fromEnv`, `Secret.fromVariable`, ...), never literals. @default none */
  readonly secrets?: OxCredentialsSecrets;
}

export class OxCredentials {
  /** `Token`: a personal access or API token. */
  static token(props: { readonly token: SecretInput; readonly input?: OxCredentialsInputProps }): OxCredentials {
    return new OxCredentials('Token', props.input ?? {}, { token: props.token });
  }

  /** `UserPassword`: a user name and its password (or app password / token used as one). */
  static userPassword(props: { readonly name: string; readonly password: SecretInput; readonly input?: OxCredentialsInputProps }): OxCredentials {
    return new OxCredentials('UserPassword', { ...props.input, name: props.name }, { password: props.password });
  }

  /** `ApiKey`: an API key. */
  static apiKey(props: { readonly apiKey: SecretInput; readonly input?: OxCredentialsInputProps }): OxCredentials {
    return new OxCredentials('ApiKey', props.input ?? {}, { apiKey: props.apiKey });
  }

  /** `ClientIdSecretKey`: a client ID and its secret key. */
  static clientIdSecretKey(props: { readonly clientId: string; readonly secretKey: SecretInput; readonly input?: OxCredentialsInputProps }): OxCredentials {
    return new OxCredentials('ClientIdSecretKey', { ...props.input, clientId: props.clientId }, { secretKey: props.secretKey });
  }

  /** Any OX credentials type, with the inputs it needs (OX does not publish which; see docs/vendors/ox.md). */
  static of(type: OxCredentialsType, props: OxCredentialsOfProps = {}): OxCredentials {
    return new OxCredentials(type, props.input ?? {}, props.secrets ?? {});
  }

  private constructor(
    readonly type: OxCredentialsType,
    readonly input: OxCredentialsInputProps,
    readonly secrets: OxCredentialsSecrets,
  ) {}
}
