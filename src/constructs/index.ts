// First: a missing cdktf (cdktn) or constructs fails with what to do, before anything loads them.
import './cdk-peer';
export * from './credform-provider';
export * from './credform-resource';
export { Secret, type SecretFromAttributeOptions, type SecretInput, type SecretSource } from './secret';
export type { AwsSecretsManagerSecretProps } from './secret-managers';
export * from './dx';
export * from './apinizer';
export * from './ox';
export * from './tines';
