/** The credform provider: its configuration and the vendor resources it serves. */
import type { ProviderDefinition } from '../tfplugin/provider';
import { VERSION } from '../version';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CredformClients {}

export function credformProvider(): ProviderDefinition<CredformClients> {
  return {
    typeName: 'credform',
    version: VERSION,
    schema: { block: { attributes: {} }, description: 'Manages DX, Apinizer, OX Security and Tines credentials.' },
    configure: () => ({}),
    resources: [],
  };
}
