/** Serves credform to Terraform; the vendor code loads after the handshake (see `serveProvider`). */
import { serveProvider } from '../tfplugin/serve';

export function serveCredformProvider(): Promise<number> {
  return serveProvider({ typeName: 'credform', load: () => import('../vendors/provider').then((m) => m.credformProvider()) });
}
