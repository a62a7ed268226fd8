/** `credform_dx_connections`: DX connections by type and name, so configuration need not hard-code ids. */
import type { DataSourceType } from '../../tfplugin/resource';
import { clientFor, type Connections } from '../connections';
import { clientFactory } from './client-factory';
import { dxContext, reportError } from './errors';
import { DX_CONNECTIONS_DESCRIPTION, DX_CONNECTIONS_TYPE, dxConnectionsBlock } from './schema';

export const dxConnectionsDataSource: DataSourceType<Connections> = {
  typeName: DX_CONNECTIONS_TYPE,
  schema: { description: DX_CONNECTIONS_DESCRIPTION, block: dxConnectionsBlock },
  async read(req) {
    const client = clientFor(clientFactory, req);
    if (!client) return;
    const { type, name } = req.config;
    try {
      const matching = (await client.listConnections())
        .filter((c) => (type == null || c.type === type) && (name == null || c.name === name))
        .sort((a, b) => a.id - b.id);
      req.state.connections = matching.map((c) => ({
        id: c.id,
        type: c.type,
        name: c.name,
        state: c.state,
        supports_multiple_credentials: c.supports_multiple_credentials,
      }));
      req.state.ids = matching.map((c) => c.id);
    } catch (e) {
      reportError(req.diagnostics, e, dxContext('read'));
    }
  },
};
