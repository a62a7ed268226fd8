export * from './credform-provider';
export * from './credform-resource';
export * from './secret';
export { PropsValidationError } from './validate-props';
