/** The credform provider: its configuration and the vendors it serves, each registered once here. */
import type { ProviderDefinition } from '../tfplugin/provider';
import { toPlain } from '../tfplugin/schema/validate';
import { VERSION } from '../version';
import { resolveConnections, type Connections } from './connections';
import type { VendorDescriptor } from './descriptor';
import { envSecretEphemeral } from './env-secret';
import { providerBlock, validateVendorBlock } from './provider-schema';
import { descriptor as apinizer } from './apinizer/descriptor';
import { descriptor as dx } from './dx/descriptor';
import { descriptor as ox } from './ox/descriptor';
import { descriptor as tines } from './tines/descriptor';

export type CredformClients = Connections;

/** In the order of ./registry.ts. */
export const VENDOR_DESCRIPTORS: readonly VendorDescriptor[] = [dx, apinizer, ox, tines];

export function credformProvider(env: NodeJS.ProcessEnv = process.env): ProviderDefinition<CredformClients> {
  return {
    typeName: 'credform',
    version: VERSION,
    schema: { block: providerBlock },
    validateConfig(config, diags) {
      for (const { vendor } of VENDOR_DESCRIPTORS) {
        const block = config[vendor.id];
        if (block && typeof block === 'object') validateVendorBlock(vendor.id, toPlain(block) as Record<string, unknown>, [vendor.id], diags);
      }
    },
    configure: (req) => resolveConnections(toPlain(req.config as never) as Record<string, unknown>, env, req.diagnostics, req.signal),
    resources: VENDOR_DESCRIPTORS.flatMap((d) => d.resources),
    dataSources: VENDOR_DESCRIPTORS.flatMap((d) => d.dataSources),
    ephemeralResources: [envSecretEphemeral(env)],
  };
}
