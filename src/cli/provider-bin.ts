/** Entry of the bundled provider executable that `credform install` places in a mirror. */
import { serveCredformProvider } from './provider-entry';

serveCredformProvider().then((code) => process.exit(code));
