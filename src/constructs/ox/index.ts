// OX Security constructs.
export * from './connector-credentials';
export * from './credentials';
