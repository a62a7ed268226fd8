/** The credform provider: its configuration and the vendor resources it serves. */
import type { ProviderDefinition } from '../tfplugin/provider';
import { toPlain } from '../tfplugin/schema/validate';
import { VERSION } from '../version';
import { resolveConnections, type Connections } from './connections';
import { envSecretEphemeral } from './env-secret';
import { VENDOR_IDS, providerBlock, validateVendorBlock } from './provider-schema';
import { apinizerDataSources, apinizerResources } from './apinizer';
import { dxDataSources, dxResources } from './dx';
import { oxDataSources, oxResources } from './ox';
import { tinesDataSources, tinesResources } from './tines';

export type CredformClients = Connections;

export function credformProvider(env: NodeJS.ProcessEnv = process.env): ProviderDefinition<CredformClients> {
  return {
    typeName: 'credform',
    version: VERSION,
    schema: { block: providerBlock },
    validateConfig(config, diags) {
      for (const vendor of VENDOR_IDS) {
        const block = config[vendor];
        if (block && typeof block === 'object') validateVendorBlock(vendor, toPlain(block) as Record<string, unknown>, [vendor], diags);
      }
    },
    configure: (req) => resolveConnections(toPlain(req.config as never) as Record<string, unknown>, env, req.diagnostics, req.signal),
    resources: [...dxResources, ...apinizerResources, ...oxResources, ...tinesResources],
    dataSources: [...dxDataSources, ...apinizerDataSources, ...oxDataSources, ...tinesDataSources],
    ephemeralResources: [envSecretEphemeral(env)],
  };
}
