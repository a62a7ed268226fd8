/**
 * The OX operations over the store, as a graphql-js root value. Resolvers are synchronous (run with
 * `executeSync`), so a mutation reads and writes the store in one go.
 */
import { randomBytes } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { isPlainObject } from '../http-kit';
import {
  ADD_VERIFIES,
  CREDENTIAL_DEFAULTS,
  ERROR_CODES,
  INVALID_PREFIX,
  MASK,
  MESSAGES,
  REQUIRED_INPUT_FIELDS,
  SECRET_PATHS,
  memberFields,
  memberName,
} from './assumptions';
import type { CredentialsType } from './credentials-types';
import { CONNECTOR_FIELDS } from './schema';
import type { OxStoredConnector, OxState, OxStoredCredentials } from './state';

export interface OxResolverOptions {
  readonly now: () => number;
  readonly onChange: () => void;
}

type Input = Record<string, unknown>;

const userError = (message: string): GraphQLError =>
  new GraphQLError(message, { extensions: { code: ERROR_CODES.badUserInput } });
const notFound = (message: string): GraphQLError =>
  new GraphQLError(message, { extensions: { code: ERROR_CODES.notFound } });

export function createOxRootValue(state: OxState, options: OxResolverOptions): Record<string, unknown> {
  const connectorById = (id: string): OxStoredConnector => {
    const connector = state.connectors.find((c) => c.id === id);
    if (!connector) throw notFound(MESSAGES.connectorNotFound(id));
    return connector;
  };

  return {
    getConnectorsByFamily({ family }: { family?: string | null }) {
      return state.families
        .filter((f) => family === undefined || family === null || f.family === family)
        .map((f) => ({
          family: f.family,
          familyDisplayName: f.familyDisplayName,
          connectors: state.connectors
            .filter((c) => c.family === f.family)
            .map((c) => ({ connector: connectorView(c) })),
        }));
    },

    addCredentials({ addCredentialsInput: args }: { addCredentialsInput: Input }) {
      const connector = connectorById(args.connectorID as string);
      const type = args.credentialsType as CredentialsType;
      const label = connector.displayName ?? connector.name;
      if (!connector.credentialsTypes.includes(type)) {
        throw userError(MESSAGES.unsupportedType(type, label, connector.credentialsTypes));
      }
      const single = !connector.enableMultiCredentials || connector.disabledMultiCredentialsTypes.includes(type);
      if (single && connector.credentials.length > 0) throw userError(MESSAGES.multipleNotAllowed(label));
      const input = args.credentialsInput as Input;
      for (const field of REQUIRED_INPUT_FIELDS[type] ?? []) {
        const v = input[field];
        if (v === undefined || v === null || v === '') throw userError(MESSAGES.missingField(field, type));
      }
      if (ADD_VERIFIES && hasInvalidSecret(input)) throw userError(MESSAGES.invalidCredentials(label));
      const stored: OxStoredCredentials = {
        credentialsId: randomBytes(12).toString('hex'),
        credentialsType: type,
        credentialsName: (args.credentialsName as string | null | undefined) ?? null,
        hostURL: (args.hostURL as string | null | undefined) ?? (input.hostURL as string | null | undefined) ?? null,
        isCertChecksDisabled:
          (args.isCertChecksDisabled as boolean | null | undefined) ??
          (input.isCertChecksDisabled as boolean | null | undefined) ??
          false,
        input: dropNulls(input),
        createdAt: new Date(options.now()).toISOString(),
        iv: randomBytes(16).toString('hex'),
      };
      connector.credentials.push(stored);
      options.onChange();
      return { connector: connectorView(connector) };
    },

    removeCredentials({ removeCredentialsInput: args }: { removeCredentialsInput: Input }) {
      const connector = connectorById(args.connectorID as string);
      const id = args.credentialsId as string | null | undefined;
      const index = args.credentialsIndex as number | null | undefined;
      let position: number;
      if (id !== undefined && id !== null) {
        position = connector.credentials.findIndex((c) => c.credentialsId === id);
        if (position < 0) throw notFound(MESSAGES.credentialsNotFound(`with id ${id}`));
      } else if (index !== undefined && index !== null) {
        if (index < 0 || index >= connector.credentials.length) {
          throw notFound(MESSAGES.credentialsNotFound(`at index ${index}`));
        }
        position = index;
      } else {
        throw userError(MESSAGES.removeNeedsTarget);
      }
      connector.credentials.splice(position, 1);
      options.onChange();
      return { connector: connectorView(connector) };
    },

    verifySingleConnectorCredentials({ verifyCredentialsInput: args }: { verifyCredentialsInput: Input }) {
      const connector = connectorById(args.connectorID as string);
      const id = args.credentialsID as string | null | undefined;
      let targets = connector.credentials;
      if (id !== undefined && id !== null) {
        targets = connector.credentials.filter((c) => c.credentialsId === id);
        if (targets.length === 0) throw notFound(MESSAGES.credentialsNotFound(`with id ${id}`));
      }
      if (targets.length === 0) {
        return { credentialsAreValid: false, noReposFound: false, validationMessage: MESSAGES.noCredentials };
      }
      if (targets.some((c) => hasInvalidSecret(c.input))) {
        return {
          credentialsAreValid: false,
          noReposFound: false,
          validationMessage: MESSAGES.invalidCredentials(connector.displayName ?? connector.name),
        };
      }
      return { credentialsAreValid: true, noReposFound: connector.isEmptyOfRepos, validationMessage: null };
    },
  };
}

/** A connector as the API shows it: every documented field, secrets masked. */
function connectorView(connector: OxStoredConnector): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const field of Object.keys(CONNECTOR_FIELDS)) view[field] = connector[field] ?? null;
  view.credentialsType = connector.credentialsType ?? connector.credentialsTypes[0] ?? null;
  view.credentials = connector.credentials.map(credentialsView);
  view.isConfigured = connector.credentials.length > 0;
  return view;
}

function credentialsView(c: OxStoredCredentials): Record<string, unknown> {
  const input = c.input;
  const masked = maskSecrets(input);
  const view: Record<string, unknown> = {
    __typename: memberName(c.credentialsType),
    credentialsId: c.credentialsId,
    credentialsName: c.credentialsName,
    tokenExpirationDate: tokenExpiration(input),
    credentialsType: c.credentialsType,
    isCertChecksDisabled: c.isCertChecksDisabled,
    hostURL: c.hostURL,
    iv: c.iv,
    ...CREDENTIAL_DEFAULTS,
    brokerUsername: input.brokerUsername ?? null,
    brokerPassword: masked.brokerPassword ?? null,
    brokerEnabled: input.brokerEnabled ?? false,
  };
  for (const field of memberFields(c.credentialsType)) view[field] = masked[field] ?? null;
  return view;
}

/** ASSUMED: the expiry OX derives from an identity-provider token or a GitHub installation token. */
function tokenExpiration(input: Input): string | null {
  const idp = input.idpToken;
  if (isPlainObject(idp) && typeof idp.created_at === 'number' && typeof idp.expires_in === 'number') {
    return new Date((idp.created_at + idp.expires_in) * 1000).toISOString();
  }
  const installation = input.installationToken;
  if (isPlainObject(installation) && typeof installation.expiresAt === 'string') return installation.expiresAt;
  return null;
}

function secretValues(input: Input): string[] {
  const out: string[] = [];
  for (const path of SECRET_PATHS) {
    let value: unknown = input;
    for (const step of path.split('.')) value = isPlainObject(value) ? value[step] : undefined;
    if (typeof value === 'string') out.push(value);
  }
  return out;
}

function hasInvalidSecret(input: Input): boolean {
  return secretValues(input).some((v) => v.startsWith(INVALID_PREFIX));
}

function maskSecrets(input: Input): Input {
  const copy = structuredClone(input);
  for (const path of SECRET_PATHS) {
    const steps = path.split('.');
    let holder: unknown = copy;
    for (const step of steps.slice(0, -1)) holder = isPlainObject(holder) ? holder[step] : undefined;
    const last = steps[steps.length - 1]!;
    if (isPlainObject(holder) && typeof holder[last] === 'string') holder[last] = MASK;
  }
  return copy;
}

/** graphql-js gives input objects a null prototype and keeps explicit nulls; store plain JSON. */
function dropNulls(value: unknown): Input {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v === null ? undefined : v))) as Input;
}
