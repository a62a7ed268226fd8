/** OX Security resources and data sources served by the provider. */
import type { DataSourceType, ResourceType } from '../../tfplugin/resource';
import type { Connections } from '../connections';
import { oxConnectorCredentials } from './resource';

export const oxResources: ResourceType<Connections>[] = [oxConnectorCredentials];
export const oxDataSources: DataSourceType<Connections>[] = [];
