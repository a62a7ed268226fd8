// Constructs for this vendor are exported from here.
export { TinesTextCredential, type TinesTextCredentialProps } from './text-credential';
export { READ_ACCESS as TINES_READ_ACCESS, type ReadAccess as TinesReadAccess } from '../../vendors/tines/schema';
