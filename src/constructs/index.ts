export * from './credform-provider';
export * from './credform-resource';
export * from './secret';
export { PropsValidationError } from './validate-props';
export * from './dx';
export * from './apinizer';
export * from './ox';
export * from './tines';
