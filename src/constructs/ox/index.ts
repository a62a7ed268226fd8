// OX Security constructs.
export * from './connector-credentials';
export * from './credentials';
export { CREDENTIALS_TYPES as OX_CREDENTIALS_TYPES, type OxCredentialsType } from '../../vendors/ox/credentials-types';
