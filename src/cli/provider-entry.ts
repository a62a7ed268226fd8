/** The provider executable's entry point (also the esbuild bundle's): serve credform to Terraform. */
import { credformProvider } from '../vendors/provider';
import { serveProvider } from '../tfplugin/serve';

export function serveCredformProvider(): Promise<number> {
  return serveProvider(credformProvider());
}

