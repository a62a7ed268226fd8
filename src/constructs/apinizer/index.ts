// Constructs for this vendor are exported from here.
export { ApinizerCredential, type ApinizerCredentialProps } from './credential';
