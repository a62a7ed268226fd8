/** The package version; the provider is installed and locked by Terraform under this version. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const VERSION: string = require('../package.json').version;
