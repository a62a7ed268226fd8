// Constructs for this vendor are exported from here.
export * from './dx-credential';
