/** Entry of the bundled provider executable that `credform install` places in a mirror. */
import { serveCredformProvider } from './provider-entry';

serveCredformProvider().then(
  (code) => process.exit(code),
  (e: unknown) => {
    // Before the handshake, stdout is what Terraform shows of a plugin that fails (one line); after
    // it, Terraform no longer reads it, and this only ends the process.
    process.stdout.write(`credform: the provider cannot start: ${e instanceof Error ? e.message : String(e)}\n`.replace(/\n(?!$)/g, ' '));
    process.exit(1);
  },
);
