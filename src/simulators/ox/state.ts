/**
 * The OX store: connector families, and connectors with the credentials added to them. A connector
 * seed may carry any other `Connector` field (iconURL, resourceOptions, ...): it is served as is.
 */
import { z } from 'zod';
import type { SameType } from '../same-type';
import { seededAt } from '../seed-time';
import { CREDENTIALS_TYPES, type CredentialsType } from './credentials-types';

const credentialsType = z.enum(CREDENTIALS_TYPES);

export const oxStoredCredentialsSchema = z.strictObject({
  credentialsId: z.string().min(1),
  credentialsType,
  credentialsName: z.string().nullable().default(null),
  hostURL: z.string().nullable().default(null),
  isCertChecksDisabled: z.boolean().default(false),
  /** The `credentialsInput` as received (secrets in clear: the simulator is a test fixture). */
  input: z.record(z.string(), z.unknown()).default({}),
  createdAt: z.string().default(seededAt),
  /** Initialisation vector OX reports next to encrypted fields. */
  iv: z.string().default('00000000000000000000000000000000'),
});

export const oxConnectorSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  displayName: z.string().nullable().optional(),
  family: z.string(),
  credentialsType: credentialsType.nullable().optional(),
  credentialsTypes: z.array(credentialsType),
  brokerSupportCredentialsTypes: z.array(credentialsType).default([]),
  disabledMultiCredentialsTypes: z.array(credentialsType).default([]),
  enableMultiCredentials: z.boolean().default(true),
  /** Answer `noReposFound: true` when verifying this connector's credentials. */
  isEmptyOfRepos: z.boolean().default(false),
  credentials: z.array(oxStoredCredentialsSchema).default([]),
});

export const oxStateSchema = z.strictObject({
  families: z.array(z.strictObject({ family: z.string(), familyDisplayName: z.string() })),
  connectors: z.array(oxConnectorSchema),
});

/** Credentials added to an OX connector, in the simulator's store. */
export interface OxStoredCredentials {
  credentialsId: string;
  credentialsType: CredentialsType;
  credentialsName: string | null;
  hostURL: string | null;
  isCertChecksDisabled: boolean;
  /** The `credentialsInput` as received (secrets in clear: the simulator is a test fixture). */
  input: Record<string, unknown>;
  createdAt: string;
  /** Initialisation vector OX reports next to encrypted fields. */
  iv: string;
}

/** An OX connector in the simulator's store; any other `Connector` field it was seeded with is served as is. */
export interface OxStoredConnector {
  [field: string]: unknown;
  id: string;
  name: string;
  displayName?: string | null | undefined;
  family: string;
  credentialsType?: CredentialsType | null | undefined;
  credentialsTypes: CredentialsType[];
  brokerSupportCredentialsTypes: CredentialsType[];
  disabledMultiCredentialsTypes: CredentialsType[];
  enableMultiCredentials: boolean;
  /** Answer `noReposFound: true` when verifying this connector's credentials. */
  isEmptyOfRepos: boolean;
  credentials: OxStoredCredentials[];
}

/** A connector family (`sourceControl`, ...). */
export interface OxConnectorFamily {
  family: string;
  familyDisplayName: string;
}

/** The OX simulator's store, as `snapshot()` returns it. */
export interface OxState {
  families: OxConnectorFamily[];
  connectors: OxStoredConnector[];
}

/** Credentials in a seed: what is left out takes its default. */
export interface OxSeedCredentials {
  credentialsId: string;
  credentialsType: CredentialsType;
  credentialsName?: string | null;
  hostURL?: string | null;
  isCertChecksDisabled?: boolean;
  input?: Record<string, unknown>;
  createdAt?: string;
  iv?: string;
}

/** A connector in a seed: what is left out takes its default; any other `Connector` field is served as is. */
export interface OxSeedConnector {
  [field: string]: unknown;
  id: string;
  name: string;
  displayName?: string | null | undefined;
  family: string;
  credentialsType?: CredentialsType | null | undefined;
  credentialsTypes: CredentialsType[];
  brokerSupportCredentialsTypes?: CredentialsType[];
  disabledMultiCredentialsTypes?: CredentialsType[];
  /** @default true */
  enableMultiCredentials?: boolean;
  isEmptyOfRepos?: boolean;
  credentials?: OxSeedCredentials[];
}

/** Seed data of the OX simulator (also the format of its part of a state file). */
export interface OxSeed {
  families: OxConnectorFamily[];
  connectors: OxSeedConnector[];
}

const oxTypesMatchSchema: [
  SameType<OxState, z.output<typeof oxStateSchema>>,
  SameType<OxSeed, z.input<typeof oxStateSchema>>,
] = [true, true];
void oxTypesMatchSchema;

/** ASSUMED seed (DOCUMENTED: connector "2" takes `UserPassword` credentials, from the example). */
export const DEFAULT_OX_SEED: OxSeed = {
  families: [
    { family: 'sourceControl', familyDisplayName: 'Source Control' },
    { family: 'issueTracking', familyDisplayName: 'Issue Tracking' },
  ],
  connectors: [
    {
      id: '2',
      name: 'gitlab',
      displayName: 'GitLab',
      description: 'Connect GitLab to scan repositories and pipelines.',
      hostURL: 'https://gitlab.com',
      iconURL: 'https://cdn.ox.security/icons/gitlab.svg',
      family: 'sourceControl',
      credentialsType: 'UserPassword',
      credentialsTypes: ['UserPassword', 'UserPasswordOnly', 'Token', 'TokenOnly', 'IdentityProvider'],
      brokerSupportCredentialsTypes: ['Token'],
      disabledMultiCredentialsTypes: [],
      enableMultiCredentials: true,
      isResourceAvailable: true,
      resourceOptions: {
        resourceName: 'Projects',
        hideMonitorNewResourcesCheckbox: false,
        showSettingsPerResource: false,
      },
      resources: [{ type: 'repository' }],
      isOxBuiltIn: false,
      isOpenSource: false,
      defaultEnabled: true,
      comingSoon: false,
      isDemoEnabled: false,
      supportedDisabledCertChecksTypes: ['UserPassword', 'Token'],
      beta: false,
      isDiscovered: false,
      isDevelopment: false,
      identityProviderInfo: {
        baseURL: 'https://gitlab.com/oauth/authorize',
        urlParams: 'response_type=code',
        scope: 'read_api read_repository',
        configText: null,
        user_scope: null,
      },
      connectionInstructions: [
        {
          type: 'Token',
          title: 'Create a personal access token',
          details: 'In GitLab, open Preferences > Access Tokens and create a token.',
          linksToDocs: [
            { href: 'https://docs.gitlab.com/user/profile/personal_access_tokens/', title: 'GitLab tokens' },
          ],
          permissions: ['read_api', 'read_repository'],
          hostURL: 'https://gitlab.com',
        },
      ],
      optionalInputFields: [
        {
          name: 'SSH key',
          credsTypes: ['UserPassword'],
          inputType: 'textarea',
          key: 'SSHKey',
          ffKey: null,
          value: null,
        },
      ],
    },
    {
      id: '3',
      name: 'github',
      displayName: 'GitHub',
      family: 'sourceControl',
      credentialsType: 'GitHubApp',
      credentialsTypes: ['GitHubApp', 'Token', 'IdentityProvider'],
      enableMultiCredentials: true,
      disabledMultiCredentialsTypes: ['GitHubApp'],
    },
    {
      id: '7',
      name: 'jira',
      displayName: 'Jira',
      family: 'issueTracking',
      credentialsType: 'UserPasswordAndTenant',
      credentialsTypes: ['UserPasswordAndTenant', 'TokenAndUser', 'Token'],
      enableMultiCredentials: false,
    },
  ],
};
